package io.lading.loader;

import io.lading.warehouse.RejectLimit;
import io.lading.warehouse.testing.PgFixture;
import io.lading.common.LadingException;
import io.lading.storage.local.LocalObjectStore;
import io.lading.warehouse.TableName;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RejectsTest {
    @AutoClose
    static final PgFixture pg = new PgFixture();
    static final LocalObjectStore STORE = new LocalObjectStore();
    static final Set<Integer> BAD = Set.of(17, 500, 999);

    @TempDir
    Path dir;

    /** 1,000 rows; lines 17, 500 and 999 are malformed in three different ways. */
    private Path fileWithThreeBadRows(String name) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 1000; i++) {
            switch (i) {
                case 17 -> text.append("seventeen\tx\n");
                case 500 -> text.append("500\tx\textra\n");
                case 999 -> text.append("99999999999\tx\n");
                default -> text.append(i).append("\trow ").append(i).append('\n');
            }
        }
        Path file = dir.resolve(name);
        PgFixture.write(file, text.toString());
        return file;
    }

    private LoadSpec.Builder load(String table, Path file) {
        return LoadSpec.builder(pg.spec, TableName.parse(pg.table(table)), PgFixture.location(file, false))
                .parallel(1).ledgerSchema(pg.schema);
    }

    private List<String> rejectRows(String table) throws Exception {
        List<String> rows = new ArrayList<>();
        if (pg.count("select count(*) from pg_tables where schemaname = '" + pg.schema + "' and tablename = 'lading_rejects'") == 0) {
            return rows;
        }
        try (Statement st = pg.connection.createStatement();
                ResultSet rs = st.executeQuery("select line, raw_line, message from " + pg.schema + ".lading_rejects where target = '"
                        + pg.table(table) + "' order by line")) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
            }
        }
        return rows;
    }

    @Test
    void threeBadRowsAmongAThousandAreRecordedWithTheirLines() throws Exception {
        Path file = fileWithThreeBadRows("bad.txt.gz");
        pg.execute("create table " + pg.table("rej") + " (id int, s text)");
        LoadResult result = new CopyLoader(STORE, LoadListener.NONE).load(load("rej", file).rejectLimit(RejectLimit.parse("10")).build());
        assertEquals(997, result.rows());
        assertEquals(997, pg.count("select count(*) from " + pg.table("rej")));
        assertEquals(0, pg.count("select count(*) from " + pg.table("rej") + " where id in (17, 500, 999)"));
        assertEquals(List.of(
                "17|seventeen\tx|invalid input syntax for type integer: \"seventeen\" (column id)",
                "500|500\tx\textra|extra data after last expected column",
                "999|99999999999\tx|value \"99999999999\" is out of range for type integer (column id)"), rejectRows("rej"));
        assertEquals(List.of(17L, 500L, 999L), result.rejects().stream().map(Reject::line).toList());

        LoadResult again = new CopyLoader(STORE, LoadListener.NONE).load(load("rej", file).rejectLimit(RejectLimit.parse("10")).build());
        assertEquals(0, again.rows());
        assertEquals(3, rejectRows("rej").size(), "rejects are committed with their file, once");
    }

    @Test
    void pastTheLimitTheLoadFailsAndAtomicLeavesTheTargetEmpty() throws Exception {
        Path file = fileWithThreeBadRows("bad2.txt");
        pg.execute("create table " + pg.table("rej_limit") + " (id int, s text)");
        pg.execute("insert into " + pg.table("rej_limit") + " values (0, 'before')");
        LadingException e = assertThrows(LadingException.class, () -> new CopyLoader(STORE, LoadListener.NONE)
                .load(load("rej_limit", file).rejectLimit(RejectLimit.parse("2")).atomic(true).truncate(true).build()));
        String uri = PgFixture.location(file, false).toString();
        assertEquals("reject limit 2 exceeded: 3 rows rejected; first errors: " + uri + " line 17: invalid input syntax for type integer:"
                + " \"seventeen\" (column id); " + uri + " line 500: extra data after last expected column; " + uri
                + " line 999: value \"99999999999\" is out of range for type integer (column id); nothing was published", e.getMessage());
        assertEquals(1, pg.count("select count(*) from " + pg.table("rej_limit")), "target as it was");
        assertEquals(0, pg.count("select count(*) from pg_tables where schemaname = '" + pg.schema + "' and tablename like 'lading_stage_%'"));
        assertEquals(0, rejectRows("rej_limit").size());

        e = assertThrows(LadingException.class, () -> new CopyLoader(STORE, LoadListener.NONE)
                .load(load("rej_limit", file).rejectLimit(RejectLimit.parse("2")).build()));
        assertTrue(e.getMessage().startsWith("reject limit 2 exceeded: 3 rows rejected;"), e.getMessage());
        assertEquals(1, pg.count("select count(*) from " + pg.table("rej_limit")), "the file's transaction rolled back");

        LoadResult percent = new CopyLoader(STORE, LoadListener.NONE)
                .load(load("rej_limit", file).rejectLimit(RejectLimit.parse("1%")).atomic(true).build());
        assertEquals(997, percent.rows());
        e = assertThrows(LadingException.class, () -> new CopyLoader(STORE, LoadListener.NONE)
                .load(load("rej_limit", file).rejectLimit(RejectLimit.parse("0%")).force(true).build()));
        assertTrue(e.getMessage().startsWith("reject limit 0% exceeded: 1 of 1000 rows of " + uri + " rejected;"), e.getMessage());
    }

    @Test
    void rejectFileGetsJsonLinesInsteadOfTheTable() throws Exception {
        Path file = fileWithThreeBadRows("bad3.txt");
        Path rejects = dir.resolve("rejects.jsonl");
        pg.execute("create table " + pg.table("rej_file") + " (id int, s text)");
        LoadResult result = new CopyLoader(STORE, LoadListener.NONE)
                .load(load("rej_file", file).rejectLimit(RejectLimit.parse("3")).rejectFile(rejects).build());
        assertEquals(997, result.rows());
        List<String> lines = Files.readAllLines(rejects);
        assertEquals(3, lines.size());
        assertEquals("{\"target\":\"" + pg.table("rej_file") + "\",\"object\":\"" + PgFixture.location(file, false)
                + "\",\"line\":500,\"raw\":\"500\\tx\\textra\",\"message\":\"extra data after last expected column\"}", lines.get(1));
        assertEquals(0, rejectRows("rej_file").size());
    }

    @Test
    void csvLinesAreRecordsEvenWithQuotedNewlines() throws Exception {
        StringBuilder csv = new StringBuilder("id,s\n");
        for (int i = 1; i <= 20; i++) {
            if (i == 12) {
                csv.append("twelve,\"bad\nrow\"\n");
            }
            else if (i % 5 == 0) {
                csv.append(i).append(",\"multi\nline \"\"quoted\"\"\r\nvalue\"\n");
            }
            else {
                csv.append(i).append(",plain\n");
            }
        }
        Path file = dir.resolve("quoted.csv");
        Files.writeString(file, csv.toString());
        pg.execute("create table " + pg.table("rej_csv") + " (id int, s text)");
        LoadResult result = new CopyLoader(STORE, LoadListener.NONE).load(load("rej_csv", file)
                .text(new TextOverrides(null, null, null, null, true, null)).rejectLimit(RejectLimit.parse("1")).build());
        assertEquals(19, result.rows());
        assertEquals(List.of("17|twelve,\"bad\nrow\"|invalid input syntax for type integer: \"twelve\" (column id)"), rejectRows("rej_csv"));
        assertEquals(4, pg.count("select count(*) from " + pg.table("rej_csv") + " where s = E'multi\\nline \"quoted\"\\r\\nvalue'"));
    }
}
