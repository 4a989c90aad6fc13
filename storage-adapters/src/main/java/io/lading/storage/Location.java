package io.lading.storage;

import io.lading.common.LadingException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Where an object or a key prefix lives: {@code s3://bucket/key}, {@code oss://bucket/key} or
 * {@code file:///bucket-folder/key} (for {@code file://} the first path element is the bucket
 * folder). Store options may ride along as query parameters ({@code ?endpoint=..&region=..&path_style=true})
 * so that one command can name two stores; credentials never do. {@link #toString()} prints the
 * location without its options.
 */
public record Location(Scheme scheme, String bucket, String key, StoreOptions options) {
    public enum Scheme {
        S3("s3"), OSS("oss"), FILE("file");

        private final String prefix;

        Scheme(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    private static final Set<String> QUERY_OPTIONS = Set.of("endpoint", "region", "path_style");

    public Location {
        requireNonNull(scheme, "scheme is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        requireNonNull(options, "options is null");
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("bucket is empty");
        }
        if (key.startsWith("/")) {
            throw new IllegalArgumentException("key starts with '/': " + key);
        }
    }

    /**
     * Parses a location. Errors are one line that quotes the input (user-info removed) and says
     * what form is expected.
     */
    public static Location parse(String uri) {
        requireNonNull(uri, "uri is null");
        int sep = uri.indexOf("://");
        if (sep <= 0) {
            throw bad(uri, "expected s3://bucket/key, oss://bucket/key or file:///absolute/path");
        }
        String schemeText = uri.substring(0, sep).toLowerCase(Locale.ROOT);
        Scheme scheme = switch (schemeText) {
            case "s3", "s3a" -> Scheme.S3;
            case "oss" -> Scheme.OSS;
            case "file" -> Scheme.FILE;
            default -> throw bad(uri, "unknown scheme '" + schemeText + "'; use s3://, oss:// or file://");
        };
        String rest = uri.substring(sep + 3);
        StoreOptions options = StoreOptions.NONE;
        int q = rest.indexOf('?');
        if (q >= 0) {
            options = parseQuery(uri, rest.substring(q + 1));
            rest = rest.substring(0, q);
        }
        String bucket;
        String key;
        if (scheme == Scheme.FILE) {
            if (!rest.startsWith("/")) {
                throw bad(uri, "a file location needs an absolute path: file:///dir/key");
            }
            rest = rest.substring(1);
        }
        else {
            int at = rest.indexOf('@');
            int slash = rest.indexOf('/');
            if (at >= 0 && (slash < 0 || at < slash)) {
                throw bad(uri, "credentials do not belong in a location; use the environment or a profile");
            }
        }
        int slash = rest.indexOf('/');
        bucket = slash < 0 ? rest : rest.substring(0, slash);
        key = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw bad(uri, "the bucket is empty");
        }
        if (bucket.equals(".") || bucket.equals("..")) {
            throw bad(uri, "'" + bucket + "' is not a bucket name");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw bad(uri, "'" + segment + "' path segments are not allowed");
            }
        }
        if (key.contains("//")) {
            throw bad(uri, "empty path segment ('//') in the key");
        }
        if (scheme != Scheme.FILE && !bucket.matches("[A-Za-z0-9._-]+")) {
            throw bad(uri, "invalid bucket name '" + bucket + "'");
        }
        return new Location(scheme, bucket, key, options);
    }

    private static StoreOptions parseQuery(String uri, String query) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!QUERY_OPTIONS.contains(name)) {
                throw bad(uri, "unknown option '" + name + "'; location options are endpoint, region and path_style");
            }
            values.put(name, value);
        }
        Boolean pathStyle = null;
        if (values.containsKey("path_style")) {
            String v = values.get("path_style").toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false") && !v.isEmpty()) {
                throw bad(uri, "path_style must be true or false, not '" + values.get("path_style") + "'");
            }
            pathStyle = !v.equals("false");
        }
        return new StoreOptions(values.get("endpoint"), values.get("region"), pathStyle);
    }

    private static LadingException bad(String uri, String why) {
        return new LadingException("invalid location '" + redact(uri) + "': " + why);
    }

    /** The input with any user-info removed, safe to print. */
    static String redact(String uri) {
        return uri.replaceAll("(://)[^/@?]*@", "$1****@");
    }

    public Location withKey(String newKey) {
        return new Location(scheme, bucket, newKey, options);
    }

    public Location withOptions(StoreOptions newOptions) {
        return new Location(scheme, bucket, key, newOptions);
    }

    /** The location of {@code name} under this one treated as a folder. */
    public Location resolve(String name) {
        return withKey(asFolder().key() + name);
    }

    /** This location with a trailing '/' (an empty key stays empty: the bucket root). */
    public Location asFolder() {
        return key.isEmpty() || key.endsWith("/") ? this : withKey(key + "/");
    }

    public boolean isFolder() {
        return key.isEmpty() || key.endsWith("/");
    }

    /** The last path element of the key, without a trailing '/'. */
    public String fileName() {
        String k = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        return k.substring(k.lastIndexOf('/') + 1);
    }

    /** The same object for the same store: scheme, bucket and key. */
    @Override
    public String toString() {
        if (scheme == Scheme.FILE) {
            return "file:///" + bucket + "/" + key;
        }
        return scheme.prefix() + "://" + bucket + "/" + key;
    }
}
