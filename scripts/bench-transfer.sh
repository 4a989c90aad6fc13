#!/usr/bin/env bash
# lading transfer against rclone copy: the same objects from one local S3-compatible server to
# another (two S3Proxy processes with filesystem storage), both verifying content (rclone: MD5;
# Lading: CRC-64 and MD5 of every part compared with the destination's ETags). Wall time, peak RSS,
# Lading's heap under -Xmx512m (from its GC log: the most in use before a collection, and the most
# committed, which also covers part buffers that never reach a collection), and a check that both
# destinations hold the source's bytes.
#
#   scripts/bench-transfer.sh [TOTAL_MB=1024] [OBJECTS=16] [PARALLEL=8] [ROUNDS=3]
#
# BENCH_SCHEME=https serves both S3Proxy servers over TLS with a throwaway self-signed certificate
# (trusted by both clients), as S3 and OSS are reached: over plain http the AWS SDK for Java always
# signs the payload (SHA-256 of every chunk, checked again by the server), over https it does not.
#
# Needs: cli/target/lading.jar (mvn -B -q -DskipTests package), rclone (Debian package, 1.60), the
# S3Proxy jar-with-dependencies in ~/.m2 (a test dependency, so any mvn test run fetched it).
set -euo pipefail
total_mb=${1:-1024}
objects=${2:-16}
parallel=${3:-8}
rounds=${4:-3}
here="$(cd "$(dirname "$0")/.." && pwd)"
[ -f "$here/cli/target/lading.jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }
# S3Proxy: its jar-with-dependencies when ~/.m2 has one, else the test class path of a surefire run
# of storage-adapters or transfer (their reports record it), which holds S3Proxy and its dependencies
s3proxy_cp=$(ls ~/.m2/repository/org/gaul/s3proxy/*/s3proxy-*-jar-with-dependencies.jar 2>/dev/null | tail -1 || true)
if [ -z "$s3proxy_cp" ]; then
  report=$(grep -l 'org/gaul/s3proxy' "$here"/{storage-adapters,transfer}/target/surefire-reports/TEST-*.xml 2>/dev/null | head -1 || true)
  [ -n "$report" ] || { echo "no S3Proxy: run 'mvn -B -o -pl transfer -am test' once (or put S3Proxy's jar-with-dependencies in ~/.m2)" >&2; exit 1; }
  s3proxy_cp=$(grep -o 'name="surefire.test.class.path" value="[^"]*"' "$report" | sed 's/.*value="//; s/"$//' \
      | tr ':' '\n' | grep '\.m2/.*\.jar$' | paste -sd:)
fi
command -v rclone >/dev/null || { echo "install rclone: apt-get install -y rclone" >&2; exit 1; }

work=$(mktemp -d /tmp/bench-transfer.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

id=bench-identity
secret=bench-credential
scheme=${BENCH_SCHEME:-http}
tls_args=()
if [ "$scheme" = https ]; then
  keytool -genkeypair -alias s3proxy -keyalg RSA -keysize 2048 -validity 2 -dname CN=127.0.0.1 -ext SAN=ip:127.0.0.1 \
      -keystore "$work/server.jks" -storetype JKS -storepass bench-keystore -keypass bench-keystore 2>/dev/null
  keytool -exportcert -rfc -alias s3proxy -keystore "$work/server.jks" -storepass bench-keystore > "$work/ca.pem" 2>/dev/null
  keytool -importcert -noprompt -alias s3proxy -file "$work/ca.pem" -keystore "$work/trust.p12" -storetype PKCS12 \
      -storepass bench-truststore 2>/dev/null
  tls_args=("$work/server.jks" bench-keystore)
fi
start_server() { # name port
  mkdir -p "$work/$1"
  if [ "$scheme" = https ]; then
    endpoint_conf="s3proxy.secure-endpoint=https://127.0.0.1:$2
s3proxy.keystore-path=$work/server.jks
s3proxy.keystore-password=bench-keystore"
  else
    endpoint_conf="s3proxy.endpoint=http://127.0.0.1:$2"
  fi
  cat > "$work/$1.conf" <<CONF
$endpoint_conf
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$id
s3proxy.credential=$secret
s3proxy.ignore-unknown-headers=true
jclouds.provider=filesystem
jclouds.filesystem.basedir=$work/$1
CONF
  if [[ "$s3proxy_cp" == *jar-with-dependencies.jar ]]; then
    java -Xmx1g -jar "$s3proxy_cp" --properties "$work/$1.conf" > "$work/$1.log" 2>&1 &
  else # S3Proxy's Main needs a logging back end the test class path lacks: start it from its builder
    java -Xmx1g -cp "$s3proxy_cp" "$here/scripts/BenchS3Proxy.java" "$2" "$work/$1" "$id" "$secret" "${tls_args[@]}" > "$work/$1.log" 2>&1 &
  fi
  pids+=($!)
  for _ in $(seq 100); do
    curl -s -k -o /dev/null "$scheme://127.0.0.1:$2/" && return 0
    sleep 0.2
  done
  echo "S3Proxy $1 did not start:" >&2
  tail -5 "$work/$1.log" >&2
  exit 1
}
port_a=$((18000 + RANDOM % 1000))
port_b=$((port_a + 1000))
start_server a "$port_a"
start_server b "$port_b"

export RCLONE_CONFIG="$work/rclone.conf"
touch "$RCLONE_CONFIG"
export RCLONE_CONFIG_A_TYPE=s3 RCLONE_CONFIG_A_PROVIDER=Other RCLONE_CONFIG_A_ENDPOINT="$scheme://127.0.0.1:$port_a"
export RCLONE_CONFIG_A_ACCESS_KEY_ID=$id RCLONE_CONFIG_A_SECRET_ACCESS_KEY=$secret RCLONE_CONFIG_A_FORCE_PATH_STYLE=true
export RCLONE_CONFIG_B_TYPE=s3 RCLONE_CONFIG_B_PROVIDER=Other RCLONE_CONFIG_B_ENDPOINT="$scheme://127.0.0.1:$port_b"
export RCLONE_CONFIG_B_ACCESS_KEY_ID=$id RCLONE_CONFIG_B_SECRET_ACCESS_KEY=$secret RCLONE_CONFIG_B_FORCE_PATH_STYLE=true
# rclone's S3 client fails on a custom CA bundle it cannot load; over https it trusts the bench's certificate
unset AWS_CA_BUNDLE
rclone_tls=()
lading_tls=""
if [ "$scheme" = https ]; then
  rclone_tls=(--ca-cert "$work/ca.pem")
  lading_tls="-Djavax.net.ssl.trustStore=$work/trust.p12 -Djavax.net.ssl.trustStorePassword=bench-truststore"
fi
export AWS_ACCESS_KEY_ID=$id AWS_SECRET_ACCESS_KEY=$secret AWS_REGION=us-east-1

echo "making $objects objects, $total_mb MB in all, on server A"
mkdir -p "$work/seed"
per=$((total_mb * 1024 * 1024 / objects))
for i in $(seq 0 $((objects - 1))); do
  head -c "$per" /dev/urandom > "$work/seed/part-$i.bin"
done
rclone "${rclone_tls[@]}" copy --transfers "$parallel" "$work/seed" a:src/data
(cd "$work/seed" && md5sum part-* | sort) > "$work/seed.md5"

heap_peak() { # from the GC log: the most heap in use before a collection, and the most the JVM had committed
  local used committed
  used=$(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$1" | sed 's/M->.*//' | sort -n | tail -1 || true)
  committed=$(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$1" | sed 's/.*(//; s/M)//' | sort -n | tail -1 || true)
  echo "in use before a GC up to ${used:-?} MiB, committed up to ${committed:-?} MiB"
}

servers_cpu() { # CPU seconds both S3Proxy processes have used so far
  local ticks=0 p
  for p in "${pids[@]}"; do
    ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$ticks $(getconf CLK_TCK)" | awk '{printf "%.2f", $1 / $2}'
}

timed() { # label command...
  local label=$1 before
  shift
  before=$(servers_cpu)
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" > "$work/out" 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
  read -r secs rss user sys < "$work/time"
  printf '%-8s %8.2f s  peak RSS %6d MiB  cpu %6.2f s  (servers: cpu %5.2f s)\n' "$label" "$secs" $((rss / 1024)) \
      "$(echo "$user + $sys" | bc)" "$(echo "$(servers_cpu) - $before" | bc)"
  echo "$secs"  > "$work/last"
}

rclone_times=()
lading_times=()
for round in $(seq "$rounds"); do
  rclone "${rclone_tls[@]}" purge b:dst-rclone 2>/dev/null || true
  rclone "${rclone_tls[@]}" purge b:dst-lading 2>/dev/null || true
  rclone "${rclone_tls[@]}" mkdir b:dst-lading
  echo "round $round"
  timed rclone rclone "${rclone_tls[@]}" copy --transfers "$parallel" a:src/data b:dst-rclone/data
  rclone_times+=("$(cat "$work/last")")
  rm -f "$work/gc.log"
  LADING_JAVA_OPTS="-Xmx512m -XX:CompileThresholdScaling=5 -Xlog:gc:file=$work/gc.log $lading_tls ${BENCH_LADING_OPTS:-}" \
  timed lading "$here/scripts/lading" transfer "s3://src/data/?endpoint=$scheme://127.0.0.1:$port_a&path_style=true" \
      "s3://dst-lading/data/?endpoint=$scheme://127.0.0.1:$port_b&path_style=true" --parallel "$parallel"
  lading_times+=("$(cat "$work/last")")
  echo "         lading heap (-Xmx512m): $(heap_peak "$work/gc.log")"
  sed -n 1p "$work/out"
done

for dest in dst-rclone dst-lading; do
  (cd "$work/b/$dest/data" && md5sum part-* | sort) > "$work/$dest.md5"
  cmp -s "$work/seed.md5" "$work/$dest.md5" || { echo "destination $dest differs from the source" >&2; exit 1; }
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
r=$(median "${rclone_times[@]}")
l=$(median "${lading_times[@]}")
echo "both destinations hold the source's bytes"
echo "medians: rclone copy $r s, lading transfer $l s; lading speed relative to rclone: $(awk -v r="$r" -v l="$l" 'BEGIN {printf "%.2fx", r / l}')"
