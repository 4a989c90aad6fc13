package io.lading.storage.testing;

/**
 * The PostgreSQL every module's tests use, in one place. It lives in this test-jar, the one every
 * module's tests can see (formats has no warehouse test-jar), though a store itself knows no database.
 * Set {@code LADING_TEST_DB} to a JDBC URL to run the tests against another server.
 */
public final class TestDatabase {
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    /** {@code $LADING_TEST_DB}, or {@link #DEFAULT_URL} when it is unset or blank. */
    public static final String URL = url(System.getenv("LADING_TEST_DB"));

    private TestDatabase() {
    }

    private static String url(String fromEnvironment) {
        return fromEnvironment == null || fromEnvironment.isBlank() ? DEFAULT_URL : fromEnvironment.strip();
    }
}
