package io.lading.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressReporterTest {
    @Test
    void barShowsPercentRateAndEta() {
        try (ProgressReporter p = new ProgressReporter("unload t", () -> 0, () -> 0, 100L << 20,
                new PrintWriter(new StringWriter()), true, 5)) {
            assertEquals("unload t: [######..................]  25% 1,000 rows, 25.0 MB, 12.5 MB/s, ETA 6s",
                    p.render(1000, 25L << 20, 2.0));
        }
    }

    @Test
    void logLineWithoutEstimateHasNoBarAndNoEta() {
        try (ProgressReporter p = new ProgressReporter("load t", () -> 0, () -> 0, -1,
                new PrintWriter(new StringWriter()), false, 5)) {
            assertEquals("load t: 12,345 rows, 999 B, 499 B/s", p.render(12345, 999, 2.0));
        }
    }

    @Test
    void logModePrintsPlainLinesInLadingsVoice() {
        StringWriter out = new StringWriter();
        ProgressReporter p = new ProgressReporter("x", () -> 7, () -> 2048, -1, new PrintWriter(out), false, 3600);
        p.tick();
        p.tick();
        p.close();
        assertEquals(2, out.toString().lines().count(), out.toString());
        assertTrue(out.toString().startsWith("lading: x: 7 rows, 2.0 KB, "), out.toString());
        assertTrue(!out.toString().contains("\r"), "no carriage returns in log mode");
    }

    @Test
    void units() {
        assertEquals("1023 B", ProgressReporter.bytes(1023));
        assertEquals("1.5 KB", ProgressReporter.bytes(1536));
        assertEquals("3.0 GB", ProgressReporter.bytes(3L << 30));
        assertEquals("3m05s", ProgressReporter.duration(185));
        assertEquals("2h03m", ProgressReporter.duration(7380));
    }

    @Test
    void summaryLineAndJson() {
        Summary s = new Summary("unload", "public.orders", 100_000, 4, 50_000_000, 2.0, Map.of("manifest", "file:///b/o.manifest"));
        assertEquals("unload public.orders: 100,000 rows, 4 files, 47.7 MB in 2.0 s (25.0 MB/s, 50,000 rows/s)", s.line());
        assertEquals("{\"operation\":\"unload\",\"subject\":\"public.orders\",\"rows\":100000,\"files\":4,\"bytes\":50000000,"
                + "\"seconds\":2.0,\"mb_per_second\":25.0,\"rows_per_second\":50000,\"manifest\":\"file:///b/o.manifest\"}", s.toJson());
    }
}
