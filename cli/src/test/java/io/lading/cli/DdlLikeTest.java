package io.lading.cli;

import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code --like [schema.]table --db DB} against the real local PostgreSQL. */
class DdlLikeTest {
    static final String DB = PgFixture.URL;
    static final String SCHEMA = "ddl_like_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeAll
    static void createTable() throws Exception {
        try (Connection c = DriverManager.getConnection(DB); Statement st = c.createStatement()) {
            st.execute("create schema " + SCHEMA);
            st.execute("create table " + SCHEMA + ".\"Mixed \"\"Case\"\"\" (id int8, amount numeric(12,2), gone text, \"Order Date\" date,"
                    + " at timestamptz, tags text[], note varchar(10))");
            st.execute("alter table " + SCHEMA + ".\"Mixed \"\"Case\"\"\" drop column gone");
        }
    }

    @AfterAll
    static void dropTable() throws Exception {
        try (Connection c = DriverManager.getConnection(DB); Statement st = c.createStatement()) {
            st.execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    @Test
    void columnsComeFromTheCatalog() {
        DdlCommandTest.Result r = DdlCommandTest.run(Map.of(), "--dialect", "greenplum", "--readable", "--table", "ext_in",
                "--like", SCHEMA + ".\"Mixed \"\"Case\"\"\"", "--db", DB, "--from", "s3://bkt/in/", "--s3-config", "/s3.conf", "--match", "prefix");
        assertEquals(0, r.code(), r.err());
        String ddl = r.out().substring(r.out().indexOf("CREATE READABLE"), r.out().indexOf("LOCATION"));
        assertEquals("""
                CREATE READABLE EXTERNAL TABLE "ext_in" (
                    "id" bigint,
                    "amount" numeric(12,2),
                    "Order Date" date,
                    "at" timestamp with time zone,
                    "tags" text[],
                    "note" character varying(10)
                )
                """, ddl);
    }

    @Test
    void missingTableIsOneLine() {
        DdlCommandTest.Result r = DdlCommandTest.run(Map.of(), "--dialect", "greenplum", "--readable", "--table", "ext_in",
                "--like", SCHEMA + ".nope", "--db", DB, "--from", "s3://bkt/in/", "--s3-config", "/s3.conf");
        assertEquals(1, r.code());
        assertEquals("lading: error: table " + SCHEMA + ".nope does not exist\n", r.err());
    }
}
