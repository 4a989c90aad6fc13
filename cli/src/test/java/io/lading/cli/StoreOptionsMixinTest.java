package io.lading.cli;

import io.lading.storage.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --read-timeout} as every command that reaches a store takes it. */
class StoreOptionsMixinTest {
    @CommandLine.Command(name = "probe")
    static final class Probe implements Runnable {
        @CommandLine.Mixin
        StoreOptionsMixin store;

        @Override
        public void run() {
        }
    }

    private static StoreOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.store.toStoreOptions();
    }

    @ParameterizedTest
    @CsvSource({"30s,PT30S", "500ms,PT0.5S", "2m,PT2M", "45,PT45S", "10S,PT10S"})
    void readTimeoutTakesAUnit(String text, Duration expected) {
        assertEquals(expected, parse("--read-timeout", text).readTimeout());
    }

    @Test
    void withoutTheFlagTheStoreDefaultIsThirtySeconds() {
        StoreOptions options = parse();
        assertEquals(null, options.readTimeout());
        assertEquals(Duration.ofSeconds(30), options.readTimeoutOrDefault());
    }

    @ParameterizedTest
    @CsvSource({"0", "0s", "-1s", "10h", "soon", "1.5s"})
    void badTimesAreUsageErrors(String text) {
        CliRun run = CliRun.run("ls", "--read-timeout", text, "file:///tmp/");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().startsWith("Invalid value for option '--read-timeout': '" + text
                + "' is not a positive time; use e.g. 30s, 500ms or 2m"), run.err());
    }

    @Test
    void helpSaysTheDefault() {
        for (String command : new String[] {"load", "unload", "ls", "ddl"}) {
            CliRun run = CliRun.run(command, "--help");
            String help = run.out().replaceAll("\\s+", " ");
            assertTrue(help.contains("--read-timeout=TIME How long a store connection may go without a byte"), command + ": " + help);
            assertTrue(help.contains("(default: 30s; e.g. 10s, 500ms, 2m)"), command + ": " + help);
        }
    }
}
