#!/usr/bin/env bash
# Starts an S3-compatible server on loopback for trying Lading against S3 without an AWS account:
# S3Proxy (the server the tests run in-process) from Maven Central, storing objects as files under
# target/s3-data/, on 127.0.0.1:${S3_PORT:-9000}, with one bucket 'lading'. Prints the environment
# to paste and the bucket. Runs in the background until 'scripts/s3-up.sh stop'.
#
#   eval "$(scripts/s3-up.sh)"       # start (or find running) and export the three variables
#   scripts/s3-up.sh stop            # stop it (the data stays in target/s3-data/)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
port=${S3_PORT:-9000}
version=4.1.0
dev=target/s3
jar=$dev/s3proxy-$version-jar-with-dependencies.jar
pidfile=$dev/s3proxy-$port.pid
# Local development credentials of this loopback server, not secrets of any real store.
key=lading-local
secret=lading-local-secret
bucket=lading

if [ "${1:-}" = stop ]; then
  if [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null; then
    echo "s3-up: stopped the S3 server on 127.0.0.1:$port" >&2
  else
    echo "s3-up: no S3 server of this project is running" >&2
  fi
  rm -f "$pidfile"
  exit 0
fi

mkdir -p "$dev" target/s3-data/$bucket
if [ ! -f "$jar" ]; then
  echo "s3-up: fetching S3Proxy $version from Maven Central (once)..." >&2
  mvn -B -ntp -q -Dstyle.color=never dependency:copy -Dartifact=org.gaul:s3proxy:$version:jar:jar-with-dependencies \
    -DoutputDirectory="$dev" >&2 || { echo "s3-up: could not fetch org.gaul:s3proxy:$version (is Maven Central reachable?)" >&2; exit 1; }
fi

if ! { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }; then
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "s3-up: 127.0.0.1:$port is taken by another program; choose another port with S3_PORT=..." >&2
    exit 1
  fi
  cat > "$dev/s3proxy-$port.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$key
s3proxy.credential=$secret
s3proxy.ignore-unknown-headers=true
jclouds.provider=filesystem
jclouds.filesystem.basedir=$root/target/s3-data
CONF
  nohup java -Xmx256m -jar "$jar" --properties "$dev/s3proxy-$port.conf" > "$dev/s3proxy-$port.log" 2>&1 &
  echo $! > "$pidfile"
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    kill -0 "$(cat "$pidfile")" 2>/dev/null || { echo "s3-up: S3Proxy did not start; see $dev/s3proxy-$port.log" >&2; exit 1; }
    sleep 0.2
  done
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "s3-up: S3Proxy did not open port $port; see $dev/s3proxy-$port.log" >&2; exit 1; }
  echo "s3-up: S3 server on 127.0.0.1:$port (S3Proxy $version, objects under target/s3-data/), bucket s3://$bucket/" >&2
else
  echo "s3-up: the S3 server on 127.0.0.1:$port is already running, bucket s3://$bucket/" >&2
fi
echo "export AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret AWS_ENDPOINT_URL=http://127.0.0.1:$port"
