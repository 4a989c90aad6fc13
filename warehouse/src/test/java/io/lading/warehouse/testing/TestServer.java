package io.lading.warehouse.testing;

/**
 * The servers a test runs against when it is parameterised by server: the test database
 * ({@link PgFixture#URL}, PostgreSQL 15 on this machine) and the embedded {@link OldPostgres}, which
 * stands in for the 9.4-era servers under Greenplum 6 and AnalyticDB 6.
 */
public enum TestServer {
    CURRENT("the test database") {
        @Override
        public String url() {
            return PgFixture.URL;
        }
    },
    OLD("PostgreSQL " + OldPostgres.VERSION + " (embedded)") {
        @Override
        public String url() {
            return OldPostgres.shared().url();
        }
    };

    private final String displayName;

    TestServer(String displayName) {
        this.displayName = displayName;
    }

    /** A JDBC URL of database {@code test} as user postgres; the embedded server starts on first use. */
    public abstract String url();

    @Override
    public String toString() {
        return displayName;
    }
}
