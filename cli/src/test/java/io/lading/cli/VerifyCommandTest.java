package io.lading.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lading.verifier.testing.TwoServers;
import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lading verify} through the real command line: exit codes, the human report and the JSON one. */
class VerifyCommandTest {
    @AutoClose
    private static final TwoServers servers = new TwoServers();

    @BeforeAll
    static void setUp() throws Exception {
        servers.hardRowsOnBoth("hard");
        servers.hardRowsOnBoth("changed");
        String t = servers.table("changed");
        servers.onTarget("update " + t + " set s = 'other', n = 1 where id = 3");
        servers.onTarget("delete from " + t + " where id in (5, 6)");
        servers.onTarget("insert into " + t + " (id) values (20)");
    }

    private static CliRun verify(String table, String... more) {
        String[] args = new String[] {"verify", "--source", PgFixture.URL, "--table", servers.table(table), "--target", TwoServers.TARGET_URL};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.run(all);
    }

    @Test
    void identicalTableExitsZero() {
        CliRun run = verify("hard");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("verify " + servers.table("hard") + ": identical in "), run.out());
        assertTrue(run.out().contains("source 12 rows, target 12 rows"), run.out());
    }

    @Test
    void differencesExitOneAndAreListed() {
        CliRun run = verify("changed", "--parallel", "2");
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.out().contains("DIFFERENT"), run.out());
        assertTrue(run.out().contains("source 12 rows, target 11 rows; 2 only in source, 1 only in target, 1 differing"), run.out());
        assertTrue(run.out().contains("\nonly in source: 5, 6\n"), run.out());
        assertTrue(run.out().contains("\nonly in target: 20\n"), run.out());
        assertTrue(run.out().contains("\ndiffering 3: s '\\N' -> 'other', n '-9999999999999999999999999999.9999999999' -> '1.0000000000'\n"),
                run.out());
        assertTrue(run.out().contains("\ndiffering columns: n 1, s 1\n"), run.out());
    }

    @Test
    void jsonReport() throws Exception {
        CliRun run = verify("changed", "--json", "--show", "1");
        assertEquals(1, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(false, json.get("identical").asBoolean());
        assertEquals(2, json.get("only_in_source").asLong());
        assertEquals("[\"5\"]", json.get("first_only_in_source").toString());
        assertEquals("[\"20\"]", json.get("first_only_in_target").toString());
        assertEquals("3", json.get("first_differing").get(0).get("key").asText());
        assertEquals("s", json.get("first_differing").get(0).get("columns").get(0).get("column").asText());
        assertEquals(12, json.get("source_rows").asLong());
    }

    @Test
    void columnsAndWhereNarrowTheComparison() {
        assertEquals(0, verify("changed", "--columns", "id,s,n", "--where", "id not in (3, 5, 6, 20)").exit());
        assertEquals(0, verify("changed", "--columns", "id,vc", "--where", "id not in (5, 6, 20)").exit());
    }

    @Test
    void usageErrorsExitTwo() {
        CliRun run = verify("hard", "--numeric-scale", "loose");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--numeric-scale must be exact or ignore, not 'loose'"), run.err());
        assertEquals(2, CliRun.run("verify", "--source", PgFixture.URL, "--table", "t").exit());
    }

    @Test
    void whatCannotRunExitsThree() {
        CliRun missing = verify("no_such_table");
        assertEquals(3, missing.exit());
        assertEquals("lading: error: table " + servers.table("no_such_table") + " does not exist\n", missing.err());
        CliRun column = verify("hard", "--columns", "id,nope");
        assertEquals(3, column.exit());
        assertTrue(column.err().contains("column nope is not in the source table"), column.err());
        CliRun down = CliRun.run("verify", "--source", "jdbc:postgresql://127.0.0.1:1/test?user=postgres", "--table", "t",
                "--target", TwoServers.TARGET_URL);
        assertEquals(3, down.exit());
        assertTrue(down.err().startsWith("lading: error: cannot connect to postgresql://postgres@127.0.0.1:1/test"), down.err());
    }
}
