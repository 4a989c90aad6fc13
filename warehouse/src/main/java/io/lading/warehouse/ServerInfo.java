package io.lading.warehouse;

import io.lading.common.LadingException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * What kind of PostgreSQL-family server a connection talks to, read from {@code version()} at plan
 * time, because splitting, snapshots and external tables differ between them.
 */
public record ServerInfo(Kind kind, String version, int versionNum) {
    public enum Kind {
        POSTGRESQL("PostgreSQL"), GREENPLUM("Greenplum"), ANALYTICDB("AnalyticDB for PostgreSQL"), REDSHIFT("Redshift");

        private final String displayName;

        Kind(String displayName) {
            this.displayName = displayName;
        }

        public String displayName() {
            return displayName;
        }

        public boolean isMpp() {
            return this == GREENPLUM || this == ANALYTICDB;
        }
    }

    public ServerInfo {
        requireNonNull(kind, "kind is null");
        requireNonNull(version, "version is null");
    }

    public static ServerInfo detect(Connection connection) {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("select version()")) {
            rs.next();
            String version = rs.getString(1);
            return new ServerInfo(classify(version), version, versionNum(connection));
        }
        catch (SQLException e) {
            throw new LadingException("cannot read the server version: " + e.getMessage(), e);
        }
    }

    /** {@link #detect(Connection)} on a connection of its own. */
    public static ServerInfo detect(ConnectionSpec database) {
        try (Connection c = database.connect()) {
            return detect(c);
        }
        catch (SQLException e) {
            throw new LadingException("cannot read the server version of " + database + ": " + e.getMessage(), e);
        }
    }

    static Kind classify(String version) {
        String v = version.toLowerCase(Locale.ROOT);
        if (v.contains("redshift")) {
            return Kind.REDSHIFT;
        }
        if (v.contains("analyticdb") || v.contains("hybriddb") || v.contains("adb for postgresql")) {
            return Kind.ANALYTICDB;
        }
        if (v.contains("greenplum") || v.contains("cloudberry")) {
            return Kind.GREENPLUM;
        }
        return Kind.POSTGRESQL;
    }

    /** The one-argument form: {@code current_setting(name, missing_ok)} is 9.6+ ({@link Pg94#CURRENT_SETTING_MISSING_OK}). */
    static final String VERSION_NUM = "select current_setting('server_version_num')";

    private static int versionNum(Connection connection) {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(VERSION_NUM)) {
            rs.next();
            return Integer.parseInt(rs.getString(1).trim());
        }
        catch (SQLException | NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Whether readers can share one snapshot ({@code pg_export_snapshot()} + {@code SET TRANSACTION
     * SNAPSHOT}). Greenplum 6 / AnalyticDB 6 (PostgreSQL 9.4 based) cannot share one between sessions
     * ({@link Pg94#SHARED_SNAPSHOT}), and Redshift has none: those fall back to one consistent stream.
     */
    public boolean canShareSnapshot() {
        return kind == Kind.POSTGRESQL && versionNum >= 90200;
    }

    /** PostgreSQL 14+ plans {@code ctid >= '(a,0)' and ctid < '(b,0)'} as a TID Range Scan ({@link Pg94#TID_RANGE_SCAN}). */
    public boolean hasTidRangeScan() {
        return kind == Kind.POSTGRESQL && versionNum >= 140000;
    }

    /** {@link #segmentCount(Connection)} on a connection of its own. */
    public static int segmentCount(ConnectionSpec cluster) {
        try (Connection c = cluster.connect()) {
            return segmentCount(c);
        }
        catch (SQLException e) {
            throw new LadingException("cannot read the segment count of " + cluster + ": " + e.getMessage(), e);
        }
    }

    /** {@code COPY ... (FORMAT text, HEADER)}: PostgreSQL 15+ ({@link Pg94#COPY_TEXT_HEADER}); CSV has HEADER everywhere. */
    public boolean takesTextCopyHeader() {
        return kind == Kind.POSTGRESQL && versionNum >= 150000;
    }

    /** Primary segment count of a Greenplum/AnalyticDB cluster, from gp_segment_configuration. */
    public static int segmentCount(Connection connection) {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(
                        "select count(*) from gp_segment_configuration where role = 'p' and content >= 0")) {
            rs.next();
            return rs.getInt(1);
        }
        catch (SQLException e) {
            throw new LadingException("cannot read the segment count from gp_segment_configuration"
                    + " (is this a Greenplum or AnalyticDB cluster? otherwise pass --segments): " + e.getMessage(), e);
        }
    }
}
