package io.lading.warehouse.ddl;

import io.lading.common.LadingException;
import io.lading.storage.Location;

/**
 * Access to the bucket as the database server will present it. Any field may be null; a dialect
 * says which it needs. {@link #toString()} never shows a value.
 *
 * @param accessKeyId OSS AccessKey ID / AWS access key id
 * @param secretKey OSS AccessKey secret / AWS secret access key
 * @param sessionToken STS token, optional
 * @param iamRole Redshift {@code IAM_ROLE} ARN, used instead of keys when set
 */
public record Credentials(String accessKeyId, String secretKey, String sessionToken, String iamRole) {
    public static final Credentials NONE = new Credentials(null, null, null, null);

    /**
     * The environment variables a store's keys come from unless the user names others:
     * {@code OSS_ACCESS_KEY_ID} / {@code OSS_ACCESS_KEY_SECRET} for {@code oss://} (no token),
     * {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} / {@code AWS_SESSION_TOKEN} otherwise.
     */
    public record Variables(String accessKeyId, String secretKey, String sessionToken) {
        public static Variables defaultsFor(Location.Scheme scheme) {
            return scheme == Location.Scheme.OSS
                    ? new Variables("OSS_ACCESS_KEY_ID", "OSS_ACCESS_KEY_SECRET", null)
                    : new Variables("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
        }
    }

    /**
     * The store's keys for a table the segments use, from the environment variables
     * {@link Variables#defaultsFor} names; both key variables must be set.
     */
    public static Credentials fromEnvironment(Location where, java.util.function.Function<String, String> environment) {
        Variables vars = Variables.defaultsFor(where.scheme());
        String id = environment.apply(vars.accessKeyId());
        String secret = environment.apply(vars.secretKey());
        if (id == null || secret == null) {
            throw new LadingException(vars.accessKeyId() + " and " + vars.secretKey()
                    + " must be set: the external table carries the keys the segments use");
        }
        return keys(id, secret, vars.sessionToken() == null ? null : environment.apply(vars.sessionToken()));
    }

    public static Credentials keys(String accessKeyId, String secretKey, String sessionToken) {
        return new Credentials(accessKeyId, secretKey, sessionToken, null);
    }

    /** The value to print: the real one under {@link Secrets#REVEAL}, else {@code ****}; missing and revealed is an error. */
    static String show(String value, String what, Secrets secrets) {
        if (secrets == Secrets.MASK) {
            return Secrets.MASKED;
        }
        if (value == null || value.isEmpty()) {
            throw new LadingException("no " + what + " in the credentials; the statement cannot be built without it");
        }
        return value;
    }

    @Override
    public String toString() {
        return "Credentials[accessKeyId=" + (accessKeyId == null ? "unset" : "****")
                + ", secretKey=" + (secretKey == null ? "unset" : "****")
                + ", sessionToken=" + (sessionToken == null ? "unset" : "****")
                + ", iamRole=" + (iamRole == null ? "unset" : iamRole) + "]";
    }
}
