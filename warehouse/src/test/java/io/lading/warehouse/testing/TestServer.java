package io.lading.warehouse.testing;

/**
 * The servers a test runs against when it is parameterised by server: the shared PostgreSQL of the
 * machine (15 here) and the embedded {@link OldPostgres}, which stands in for the 9.4-era servers
 * under Greenplum 6 and AnalyticDB 6.
 */
public enum TestServer {
    CURRENT("PostgreSQL on 127.0.0.1:5432") {
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
