package io.lading.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The top-level command: version, a mistyped subcommand, the one voice of log lines on stderr. */
class LadingTest {
    @TempDir
    Path dir;

    @Test
    void versionIsTheProjectVersionAndCommit() {
        CliRun r = CliRun.run("--version");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("lading \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{12}|unknown)\\)\n"), r.out());
    }

    @Test
    void aMistypedSubcommandIsSuggestedWithOrWithoutHelp() {
        CliRun plain = CliRun.run("unlaod");
        CliRun help = CliRun.run("unlaod", "--help");
        assertEquals(2, plain.exit());
        assertEquals("Unmatched argument at index 0: 'unlaod'\nDid you mean: lading unload?\n", plain.err());
        assertEquals(plain.exit(), help.exit());
        assertEquals(plain.err(), help.err());
        assertEquals("", help.out());
    }

    // required options first and whole: the generated synopsis broke --table=[SCHEMA.]NAME across two lines
    @Test
    void usageLinesKeepEveryOptionWhole() {
        assertTrue(CliRun.run("load", "--help").out().startsWith("Usage: lading load --target=DB --table=[SCHEMA.]NAME --from=LOCATION\n"
                + "       [--table=[SCHEMA.]NAME --from=LOCATION]... [OPTIONS]\n"));
        assertTrue(CliRun.run("unload", "--help").out().startsWith("Usage: lading unload --source=DB (--table=[SCHEMA.]NAME | --query=SQL)\n"
                + "       --to=LOCATION [OPTIONS]\n"));
        String ddl = CliRun.run("ddl", "--help").out();
        assertTrue(ddl.contains("--header               Files have a header line: unload writes one at the\n"), ddl);
    }

    @Test
    void libraryLogLinesSpeakInTheSameVoice() throws Exception {
        Logger ours = LoggerFactory.getLogger("io.lading.unloader.Example");
        Logger sdk = LoggerFactory.getLogger("software.amazon.awssdk.Example");
        Path file = dir.resolve("lading.log");
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            Voice.configure(false, file);
            ours.info("removed {} old objects", 3);
            ours.debug("a detail");
            sdk.info("a request");
            sdk.warn("retrying {}", "S3");
        }
        finally {
            Voice.configure(false, null);
            System.setErr(saved);
        }
        assertEquals("lading: removed 3 old objects\nlading: warning: retrying S3\n", err.toString(StandardCharsets.UTF_8));
        String log = Files.readString(file);
        assertTrue(log.matches("(?s)\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO io.lading.unloader.Example - removed 3 old objects\n"
                + "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG io.lading.unloader.Example - a detail\n"
                + "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO software.amazon.awssdk.Example - a request\n"
                + "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN software.amazon.awssdk.Example - retrying S3\n"), log);
    }
}
