package io.lading.cli;

import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lading verify --files}: real unloads of the hard data set checked, then damaged one way at a time. */
class VerifyFilesCommandTest {
    @AutoClose
    private static final PgFixture pg = new PgFixture("ld_verify_files_");

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        pg.createHardRows("hard");
        pg.execute("insert into " + pg.table("hard") + " select g, 'row ' || g from generate_series(100, 3000) g");
    }

    private String unload(String name, String... options) {
        String to = "file://" + dir.resolve(name) + "/";
        List<String> args = new java.util.ArrayList<>(List.of("unload", "--source", PgFixture.URL, "--table", pg.table("hard"),
                "--to", to, "--segments", "3"));
        args.addAll(List.of(options));
        CliRun r = CliRun.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return to;
    }

    private List<Path> dataFiles(String name) throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve(name))) {
            return files.sorted().toList();
        }
    }

    @Test
    void everyFormatOfAnUnloadChecksOut() {
        CliRun csv = CliRun.run("verify", "--files", unload("csv", "--header"), "--header");
        assertEquals(0, csv.exit(), csv.out() + csv.err());
        assertTrue(csv.out().contains(": ok in "), csv.out());
        assertTrue(csv.out().contains("3 files, 2,913 records"), csv.out());
        CliRun text = CliRun.run("verify", "--files", unload("text", "--format", "text"), "--json");
        assertEquals(0, text.exit(), text.out() + text.err());
        assertTrue(text.out().startsWith("{\"operation\":\"verify-files\",\"ok\":true,\"manifest\":\"file://"), text.out());
        assertTrue(text.out().contains(",\"files\":3,\"records\":2913,"), text.out());
        CliRun parquet = CliRun.run("verify", "--files", unload("parquet", "--format", "parquet"));
        assertEquals(0, parquet.exit(), parquet.out() + parquet.err());
    }

    @Test
    void aMissingHeaderOptionMiscountsAndSaysSo() {
        CliRun r = CliRun.run("verify", "--files", unload("h", "--header"));
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains(" records, the manifest says "), r.out());
    }

    @Test
    void damageIsFoundFileByFile() throws Exception {
        String to = unload("damaged");
        List<Path> files = dataFiles("damaged");
        Files.delete(files.get(0));
        byte[] gz = Files.readAllBytes(files.get(1));
        Files.write(files.get(1), java.util.Arrays.copyOf(gz, gz.length - 10));
        Files.writeString(dir.resolve("damaged/stale.csv"), "1,2\n");
        CliRun r = CliRun.run("verify", "--files", to);
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("3 PROBLEMS") || r.out().contains("4 PROBLEMS"), r.out());
        assertTrue(r.out().contains(files.get(0).getFileName() + ": missing\n"), r.out());
        assertTrue(r.out().contains(files.get(1).getFileName() + ": " + String.format("%,d", gz.length - 10) + " bytes, the manifest says "), r.out());
        assertTrue(r.out().contains(files.get(1).getFileName() + ": cannot be read: "), r.out());
        assertTrue(r.out().contains("stale.csv: in the folder but not in the manifest"), r.out());
    }

    @Test
    void noManifestCannotRunAndOptionsExclude() {
        CliRun none = CliRun.run("verify", "--files", "file://" + dir.resolve("nothing") + "/");
        assertEquals(3, none.exit());
        assertTrue(none.err().startsWith("lading: error: manifest file://"), none.err());
        assertTrue(none.err().contains("nothing.manifest does not exist"), none.err());
        assertEquals(2, CliRun.run("verify", "--files", "file:///x/", "--source", PgFixture.URL).exit());
        assertEquals(2, CliRun.run("verify", "--source", PgFixture.URL, "--table", "t", "--target", PgFixture.URL, "--header").exit());
    }
}
