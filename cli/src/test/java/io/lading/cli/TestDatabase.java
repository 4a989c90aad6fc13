package io.lading.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The local PostgreSQL the CLI tests run against, and the two things they do with it. */
final class TestDatabase {
    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private TestDatabase() {
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
