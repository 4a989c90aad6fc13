package io.lading.loader;

import io.lading.warehouse.RejectLimit;
import io.lading.warehouse.testing.PgFixture;
import io.lading.common.LadingException;
import io.lading.format.FileFormat;
import io.lading.storage.local.LocalObjectStore;
import io.lading.warehouse.TableName;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CopyLoaderTest {
    @AutoClose
    static final PgFixture pg = new PgFixture();
    static final LocalObjectStore STORE = new LocalObjectStore();

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        pg.createHardRows("hard");
    }

    private LoadSpec.Builder load(String table, Path from, boolean folder) {
        return LoadSpec.builder(pg.spec, TableName.parse(pg.table(table)), PgFixture.location(from, folder))
                .parallel(2).ledgerSchema(pg.schema);
    }

    private LoadResult run(LoadSpec spec) {
        return new CopyLoader(STORE, LoadListener.NONE).load(spec);
    }

    @Test
    void hardRowsRoundTripThroughGzipCsvTextAndHeaderCsv() throws Exception {
        String[][] cases = {
                {"csv_gz", "FORMAT csv", "part_%d.csv.gz"},
                {"text_gz", "FORMAT text", "part_%d.txt.gz"},
                {"text_plain", "FORMAT text", "part_%d.txt"},
        };
        for (String[] c : cases) {
            Path folder = dir.resolve(c[0]);
            pg.copyOut("select * from " + pg.table("hard") + " where id % 2 = 0", c[1], folder.resolve(String.format(c[2], 0)));
            pg.copyOut("select * from " + pg.table("hard") + " where id % 2 = 1", c[1], folder.resolve(String.format(c[2], 1)));
            String target = "rt_" + c[0];
            pg.execute("create table " + pg.table(target) + " (like " + pg.table("hard") + ")");
            LoadResult result = run(load(target, folder, true).build());
            assertEquals(pg.count("select count(*) from " + pg.table("hard")), result.rows(), c[0]);
            assertEquals(2, result.filesLoaded(), c[0]);
            assertEquals(0, pg.difference(pg.table("hard"), pg.table(target)), c[0]);
        }
        Path header = dir.resolve("header/hard.csv");
        pg.copyOut("select * from " + pg.table("hard"), "FORMAT csv, HEADER true, DELIMITER '|', NULL 'NUL'", header);
        pg.execute("create table " + pg.table("rt_header") + " (like " + pg.table("hard") + ")");
        run(load("rt_header", header, false).text(new TextOverrides("|", "NUL", null, null, true, null)).build());
        assertEquals(0, pg.difference(pg.table("hard"), pg.table("rt_header")));
    }

    @Test
    void hardRowsRoundTripThroughParquetAndCreateTableFromItsSchema() throws Exception {
        Path file = dir.resolve("parquet/hard.parquet");
        pg.parquetOut(pg.table("hard"), file);
        LoadResult result = run(load("rt_parquet", file, false).createTable(true).build());
        assertEquals(pg.count("select count(*) from " + pg.table("hard")), result.rows());
        assertEquals(0, pg.difference(pg.table("hard"), pg.table("rt_parquet")));

        pg.execute("create table " + pg.table("pq_other") + " (id int, extra text, s text)");
        LadingException e = assertThrows(LadingException.class, () -> run(load("pq_other", file, false).build()));
        assertTrue(e.getMessage().startsWith("Parquet file " + PgFixture.location(file, false) + " does not match table "
                + pg.table("pq_other") + ": missing columns in the file: \"extra\"; extra columns in the file: "), e.getMessage());
    }

    @Test
    void secondRunLoadsNothingAndForceReloads() throws Exception {
        Path folder = dir.resolve("ledger");
        for (int i = 0; i < 3; i++) {
            pg.copyOut("select g, 'r' || g from generate_series(" + (i * 100 + 1) + ", " + (i * 100 + 100) + ") g", "FORMAT csv",
                    folder.resolve("f" + i + ".csv.gz"));
        }
        pg.execute("create table " + pg.table("ledger_t") + " (id int, s text)");
        LoadResult first = run(load("ledger_t", folder, true).build());
        assertEquals(300, first.rows());
        LoadResult second = run(load("ledger_t", folder, true).build());
        assertEquals(0, second.rows());
        assertEquals(0, second.filesLoaded());
        assertEquals(3, second.filesSkipped());
        assertEquals(300, pg.count("select count(*) from " + pg.table("ledger_t")));
        assertEquals(3, pg.count("select count(*) from " + pg.schema + ".lading_load_ledger where target = '" + pg.table("ledger_t") + "'"));

        run(load("ledger_t", folder, true).force(true).build());
        assertEquals(600, pg.count("select count(*) from " + pg.table("ledger_t")));
        run(load("ledger_t", folder, true).truncate(true).build());
        assertEquals(300, pg.count("select count(*) from " + pg.table("ledger_t")));
        assertEquals(3, pg.count("select count(*) from " + pg.schema + ".lading_load_ledger where target = '" + pg.table("ledger_t") + "'"));

        Files.writeString(folder.resolve("f1.csv.gz"), "1,changed\n");
        LadingException e = assertThrows(LadingException.class, () -> run(load("ledger_t", folder, true).build()));
        assertTrue(e.getMessage().startsWith("file " + PgFixture.location(folder, true) + "f1.csv.gz changed since it was loaded into "
                + pg.table("ledger_t") + " at "), e.getMessage());
    }

    @Test
    void loadKilledHalfWayThenRerunGivesExactlyTheSourceRows() throws Exception {
        Path folder = dir.resolve("kill");
        int files = 12;
        for (int i = 0; i < files; i++) {
            pg.copyOut("select g, md5(g::text) from generate_series(" + (i * 5000 + 1) + ", " + (i * 5000 + 5000) + ") g", "FORMAT text",
                    folder.resolve(String.format("part_%02d.txt.gz", i)));
        }
        pg.execute("create table " + pg.table("kill_t") + " (id int, s text)");
        AtomicInteger loaded = new AtomicInteger();
        LoadListener killer = new LoadListener() {
            @Override
            public void fileLoaded(LoadFile file, long rows, int rejects) {
                if (loaded.incrementAndGet() == 3) {
                    try {
                        assertTrue(pg.terminateLoaders() >= 1);
                    }
                    catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
            }
        };
        // a reject limit is set: a terminated connection must fail the load, never count as a bad row
        LoadSpec spec = load("kill_t", folder, true).rejectLimit(RejectLimit.parse("1000")).build();
        LadingException killed = assertThrows(LadingException.class, () -> new CopyLoader(STORE, killer).load(spec));
        assertTrue(killed.getMessage().endsWith("(the connection was lost or ended; run the same load again: files already committed"
                + " are in the ledger and are skipped)"), killed.getMessage());
        long partial = pg.count("select count(*) from " + pg.table("kill_t"));
        assertTrue(partial >= 3 * 5000 && partial < files * 5000, "partial load: " + partial);
        assertEquals(0, partial % 5000, "whole files only");

        LoadResult rerun = run(spec);
        assertEquals(files * 5000 - partial, rerun.rows());
        assertEquals(files * 5000, pg.count("select count(*) from " + pg.table("kill_t")));
        assertEquals(files * 5000, pg.count("select count(distinct id) from " + pg.table("kill_t")));
    }

    @Test
    void atomicLoadWithACorruptFileLeavesTargetAndLedgerAsTheyWere() throws Exception {
        Path folder = dir.resolve("atomic");
        for (int i = 0; i < 4; i++) {
            pg.copyOut("select g, 'x' from generate_series(" + (i * 100 + 1) + ", " + (i * 100 + 100) + ") g", "FORMAT csv",
                    folder.resolve("f" + i + ".csv.gz"));
        }
        byte[] bytes = Files.readAllBytes(folder.resolve("f3.csv.gz"));
        Files.write(folder.resolve("f3.csv.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        pg.execute("create table " + pg.table("atomic_t") + " (id int, s text)");
        pg.execute("insert into " + pg.table("atomic_t") + " values (0, 'before')");
        LadingException e = assertThrows(LadingException.class,
                () -> run(load("atomic_t", folder, true).atomic(true).truncate(true).build()));
        assertTrue(e.getMessage().startsWith("corrupt gzip in " + PgFixture.location(folder, true) + "f3.csv.gz at compressed byte offset "),
                e.getMessage());
        assertEquals(1, pg.count("select count(*) from " + pg.table("atomic_t")), "target as it was");
        assertEquals(0, pg.count("select count(*) from " + pg.schema + ".lading_load_ledger where target = '" + pg.table("atomic_t") + "'"));
        assertEquals(0, pg.count("select count(*) from pg_tables where schemaname = '" + pg.schema + "' and tablename like 'lading_stage_%'"));
    }

    @Test
    void aFileCommittedByAConcurrentRunIsRolledBackAndCountedAsSkipped() throws Exception {
        Path folder = dir.resolve("concurrent");
        pg.copyOut("select g, 'a' from generate_series(1, 100) g", "FORMAT csv", folder.resolve("f0.csv"));
        pg.copyOut("select g, 'b' from generate_series(101, 150) g", "FORMAT csv", folder.resolve("f1.csv"));
        pg.execute("create table " + pg.table("conc_t") + " (id int, s text)");
        String f0 = PgFixture.location(folder, true) + "f0.csv";
        LoadListener otherRun = new LoadListener() {
            @Override
            public void planned(int toLoad, int alreadyLoaded, long bytes) {
                try {
                    // after this run read the ledger, another run commits f0
                    pg.execute("insert into " + pg.schema + ".lading_load_ledger (target, object_uri, size, rows) values ('"
                            + pg.table("conc_t") + "', '" + f0 + "', " + Files.size(folder.resolve("f0.csv")) + ", 100)");
                }
                catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        };
        LoadResult result = new CopyLoader(STORE, otherRun).load(load("conc_t", folder, true).parallel(1).build());
        assertEquals(50, result.rows());
        assertEquals(1, result.filesLoaded());
        assertEquals(1, result.filesSkipped());
        assertEquals(50, pg.count("select count(*) from " + pg.table("conc_t")), "f0's rows from this run rolled back");
    }

    @Test
    void manifestCountsAreChecked() throws Exception {
        Path folder = dir.resolve("m/orders");
        pg.copyOut("select g, 'x' from generate_series(1, 10) g", "FORMAT csv", folder.resolve("a.csv.gz"));
        pg.copyOut("select g, 'y' from generate_series(11, 15) g", "FORMAT csv", folder.resolve("b.csv.gz"));
        String base = PgFixture.location(folder, true).toString();
        String manifest = "{\"entries\":[{\"url\":\"" + base + "a.csv.gz\",\"mandatory\":true,\"meta\":{\"record_count\":10}},"
                + "{\"url\":\"" + base + "b.csv.gz\",\"mandatory\":true,\"meta\":{\"record_count\":6}}],"
                + "\"schema\":{\"elements\":[{\"name\":\"id\",\"type\":{\"base\":\"integer\"}},{\"name\":\"s\",\"type\":{\"base\":\"text\"}}]}}";
        Files.writeString(dir.resolve("m/orders.manifest"), manifest);
        LadingException e = assertThrows(LadingException.class,
                () -> run(load("from_manifest", folder, true).createTable(true).parallel(1).build()));
        assertEquals("file " + base + "b.csv.gz holds 5 rows but its manifest says 6; nothing of it was loaded", e.getMessage());
        assertEquals(10, pg.count("select count(*) from " + pg.table("from_manifest")), "a.csv.gz committed on its own");

        Files.writeString(dir.resolve("m/orders.manifest"), manifest.replace("\"record_count\":6", "\"record_count\":5"));
        LoadResult result = run(load("from_manifest", folder, true).build());
        assertEquals(5, result.rows());
        assertEquals(15, result.manifestRecords());
        assertEquals(15, pg.count("select count(*) from " + pg.table("from_manifest")));
    }

    @Test
    void filesGoAsBinaryCopyAndAFileWithAValueOutsideItsFormsGoesAsText() throws Exception {
        // the hard rows without the column types binary COPY has no encoder for (interval, arrays)
        pg.execute("create table " + pg.table("hard_binary") + " as select id, s, vc, ch, i2, i8, f4, f8, n, nu, b, d, ts, tstz, tm, by, u, j, jb from "
                + pg.table("hard"));
        Path folder = dir.resolve("binary");
        // rows 5, 6 and 7 hold NaN and Infinity, which binary COPY leaves to the server's text input
        pg.copyOut("select * from " + pg.table("hard_binary") + " where id not in (5, 6, 7) order by id", "FORMAT csv", folder.resolve("a.csv.gz"));
        pg.copyOut("select * from " + pg.table("hard_binary") + " where id in (5, 6, 7) order by id", "FORMAT csv", folder.resolve("b.csv.gz"));
        pg.execute("create table " + pg.table("rt_binary") + " (like " + pg.table("hard_binary") + ")");
        List<String> info = Collections.synchronizedList(new ArrayList<>());
        LoadListener listener = new LoadListener() {
            @Override
            public void detail(String message) {
                info.add(message);
            }
        };
        LoadResult result = new CopyLoader(STORE, listener).load(load("rt_binary", folder, true).build());
        assertEquals(pg.count("select count(*) from " + pg.table("hard")), result.rows());
        assertEquals(1, result.filesBinary());
        assertEquals(0, pg.difference(pg.table("hard_binary"), pg.table("rt_binary")));
        assertEquals(List.of("text COPY for " + PgFixture.location(folder, true) + "b.csv.gz: line 1, column f4: 'NaN' is not in the form"
                + " binary COPY takes (binary COPY parses on this side, saving the server's CPU)"), info);

        // Parquet is decoded to COPY TEXT lines, which go as binary COPY the same way
        Path parquet = dir.resolve("binary_parquet/a.parquet");
        pg.execute("create table " + pg.table("hard_binary_finite") + " as select * from " + pg.table("hard_binary") + " where id not in (5, 6, 7)");
        pg.parquetOut(pg.table("hard_binary_finite"), parquet);
        pg.execute("create table " + pg.table("rt_binary_parquet") + " (like " + pg.table("hard_binary") + ")");
        LoadResult fromParquet = new CopyLoader(STORE, listener).load(load("rt_binary_parquet", parquet, false).build());
        assertEquals(1, fromParquet.filesBinary(), String.join("; ", info));
        assertEquals(0, pg.difference(pg.table("hard_binary_finite"), pg.table("rt_binary_parquet")));
    }

    @Test
    void aValueTheServerRefusesAsBinaryIsReportedByTheTextCopyWithItsLine() throws Exception {
        pg.execute("create table " + pg.table("refuse_t") + " (id int, vc varchar(3))");
        Path file = dir.resolve("refuse/x.csv");
        PgFixture.write(file, "1,abc\n2,abcd\n3,xyz\n");
        LadingException e = assertThrows(LadingException.class, () -> run(load("refuse_t", file, false).build()));
        assertEquals("row rejected: " + PgFixture.location(file, false) + " line 2: value too long for type character varying(3)"
                + " (column vc) (pass --reject-limit N to record bad rows and load the others)", e.getMessage());
        assertEquals(0, pg.count("select count(*) from " + pg.table("refuse_t")));

        LoadResult result = run(load("refuse_t", file, false).rejectLimit(RejectLimit.parse("10")).build());
        assertEquals(2, result.rows());
        assertEquals(0, result.filesBinary());
        assertEquals(List.of(2L), result.rejects().stream().map(Reject::line).toList());
        assertEquals(2, pg.count("select count(*) from " + pg.table("refuse_t") + " where vc in ('abc', 'xyz')"));
    }

    @Test
    void aServerThatRefusesBinaryCopyGetsTextForTheRestOfTheLoad() throws Exception {
        // a trigger that fails the first insert it sees stands in for a server without binary COPY input
        pg.execute("create table " + pg.table("refuses_binary") + " (id int, s text)");
        pg.execute("create sequence " + pg.table("refuses_binary_calls"));
        pg.execute("create function " + pg.table("refuse_once") + "() returns trigger language plpgsql as $$ begin"
                + " if nextval('" + pg.table("refuses_binary_calls") + "') = 1 then raise exception 'no binary here'; end if;"
                + " return new; end $$");
        pg.execute("create trigger refuse_once before insert on " + pg.table("refuses_binary") + " for each row execute function "
                + pg.table("refuse_once") + "()");
        Path folder = dir.resolve("refuses");
        PgFixture.write(folder.resolve("a.csv"), "1,a\n2,b\n");
        PgFixture.write(folder.resolve("b.csv"), "3,c\n");
        List<String> info = Collections.synchronizedList(new ArrayList<>());
        LoadResult result = new CopyLoader(STORE, new LoadListener() {
            @Override
            public void detail(String message) {
                info.add(message);
            }
        }).load(load("refuses_binary", folder, true).parallel(1).build());
        assertEquals(3, result.rows());
        assertEquals(0, result.filesBinary());
        assertEquals(List.of("text COPY for " + PgFixture.location(folder, true) + "a.csv: the server refused binary COPY: ERROR: no binary here"
                + " (binary COPY parses on this side, saving the server's CPU)"), info);
        assertEquals(3, pg.count("select count(*) from " + pg.table("refuses_binary")));
    }

    @Test
    void badInputIsOneClearLine() throws Exception {
        pg.execute("create table " + pg.table("bad_t") + " (id int, s text)");
        Path gz = dir.resolve("corrupt/x.csv.gz");
        PgFixture.write(gz, "1,a\n".repeat(5000));
        byte[] bytes = Files.readAllBytes(gz);
        for (int i = 30; i < bytes.length - 8; i++) {
            bytes[i] ^= 0x55;
        }
        Files.write(gz, bytes);
        LadingException e = assertThrows(LadingException.class, () -> run(load("bad_t", gz, false).build()));
        assertTrue(e.getMessage().matches("corrupt gzip in " + PgFixture.location(gz, false).toString().replace(".", "\\.")
                + " at compressed byte offset \\d+: .*"), e.getMessage());

        Path nothing = dir.resolve("nothing");
        Files.createDirectories(nothing);
        e = assertThrows(LadingException.class, () -> run(load("bad_t", nothing, true).build()));
        assertEquals("no objects match dir " + PgFixture.location(nothing, true) + "; check the location and --match", e.getMessage());

        Path manifest = dir.resolve("bad.manifest");
        Files.writeString(manifest, "not json");
        e = assertThrows(LadingException.class, () -> run(load("bad_t", manifest, false).build()));
        assertTrue(e.getMessage().startsWith("manifest " + PgFixture.location(manifest, false) + " is not valid JSON: "), e.getMessage());

        Path ok = dir.resolve("ok/x.csv");
        PgFixture.write(ok, "1,a\n");
        e = assertThrows(LadingException.class, () -> run(load("no_such_table", ok, false).build()));
        assertEquals("table " + pg.table("no_such_table") + " does not exist; create it, or pass --create-table to create it"
                + " from the manifest's schema", e.getMessage());

        Path unknown = dir.resolve("unknown/x.dat");
        PgFixture.write(unknown, "1,a\n");
        e = assertThrows(LadingException.class, () -> run(load("bad_t", unknown, false).build()));
        assertEquals("cannot tell the format of " + PgFixture.location(unknown, false)
                + " from its name (.csv, .txt, .parquet, optionally .gz, .bz2 or .zst); pass --format text|csv|parquet", e.getMessage());
        assertEquals(1, run(load("bad_t", unknown, false).format(FileFormat.CSV).build()).rows());

        Path badRow = dir.resolve("badrow/x.csv");
        PgFixture.write(badRow, "1,a\n2,b\nthree,c\n");
        e = assertThrows(LadingException.class, () -> run(load("bad_t", badRow, false).build()));
        assertEquals("row rejected: " + PgFixture.location(badRow, false) + " line 3: invalid input syntax for type integer: \"three\""
                + " (column id) (pass --reject-limit N to record bad rows and load the others)", e.getMessage());
    }
}
