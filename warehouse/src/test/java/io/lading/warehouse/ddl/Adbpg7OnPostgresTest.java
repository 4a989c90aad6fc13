package io.lading.warehouse.ddl;

import io.lading.format.FileFormat;
import io.lading.format.TextOptions;
import io.lading.storage.Location;
import io.lading.storage.SelectionRule;
import io.lading.warehouse.TableName;
import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adbpg7 statements are plain PostgreSQL (server, user mapping, foreign table), so PostgreSQL
 * runs them against a handler-less stand-in for {@code oss_fdw}: this proves that hostile names and
 * values parse as exactly one statement each and land in the catalog unchanged, and that the drop
 * statements remove everything.
 */
class Adbpg7OnPostgresTest {

    @Test
    void statementsRunAndRoundTripTheirValues() throws Exception {
        TableName name = ExternalTableDialect.temporaryName(new TableName(null, "it's \"odd\""));
        String prefix = "in/it's \"quoted\" \\ path/";
        ExternalTableSpec spec = ExternalTableSpec.builder(name, ColumnList.parse("id int8, \"Amount\"\"x\" numeric(12,2)"),
                        Location.parse("oss://bkt/" + prefix + "?endpoint=oss-cn-hangzhou-internal.aliyuncs.com"))
                .selection(SelectionRule.DIR)
                .text(new TextOptions(FileFormat.CSV, "\t", "\\N", "'", null, true, List.of(), null, null))
                .credentials(Credentials.keys("id'1", "key\\'2", null))
                .option("server", "srv " + name.name())
                .build();
        ExternalTableDialect dialect = ExternalTableDialect.forName("adbpg7");
        try (Connection c = PgFixture.DATABASE.connect(); Statement st = c.createStatement()) {
            boolean createdWrapper = false;
            try (ResultSet rs = st.executeQuery("select count(*) from pg_foreign_data_wrapper where fdwname = 'oss_fdw'")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    st.execute("create foreign data wrapper oss_fdw");
                    createdWrapper = true;
                }
            }
            try {
                for (String sql : dialect.createStatements(spec, Secrets.REVEAL)) {
                    st.execute(sql);
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "select ft.ftoptions, s.srvoptions, um.umoptions from pg_foreign_table ft join pg_foreign_server s on s.oid = ft.ftserver"
                                + " join pg_user_mappings um on um.srvid = s.oid and um.usename = current_user where ft.ftrelid = to_regclass(?)")) {
                    ps.setString(1, name.sql());
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next(), "foreign table not found");
                        assertEquals(List.of("dir=" + prefix, "format=csv", "header=true", "delimiter=\t", "quote='", "null=\\N"),
                                List.of((String[]) rs.getArray(1).getArray()));
                        assertEquals(List.of("endpoint=oss-cn-hangzhou-internal.aliyuncs.com", "bucket=bkt"), List.of((String[]) rs.getArray(2).getArray()));
                        assertEquals(List.of("id=id'1", "key=key\\'2"), List.of((String[]) rs.getArray(3).getArray()));
                    }
                }
            }
            finally {
                for (String sql : dialect.dropStatements(spec)) {
                    st.execute(sql);
                }
                try (ResultSet rs = st.executeQuery("select count(*) from pg_foreign_server where srvname = 'srv " + name.name().replace("'", "''") + "'")) {
                    rs.next();
                    assertEquals(0, rs.getInt(1), "server left behind");
                }
                assertFalse(tableExists(c, name), "foreign table left behind");
                if (createdWrapper) {
                    st.execute("drop foreign data wrapper if exists oss_fdw");
                }
            }
        }
    }

    private static boolean tableExists(Connection c, TableName name) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("select to_regclass(?) is not null")) {
            ps.setString(1, name.sql());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
