package io.lading.format;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The manifest Redshift's {@code UNLOAD ... MANIFEST [VERBOSE]} writes, as its reference shows it. */
class RedshiftManifestTest {
    @Test
    void verboseManifestWithLengthsPrecisionsAndTotals() {
        String json = """
                {
                  "entries": [
                    {"url":"s3://mybucket/unload/venue_0000_part_00.gz", "meta": {"content_length": 32295, "record_count": 10}},
                    {"url":"s3://mybucket/unload/venue_0001_part_00.gz", "mandatory": true, "meta": {"content_length": 32771, "record_count": 20}}
                  ],
                  "schema": {
                    "elements": [
                      {"name": "venueid", "type": {"base": "smallint"}},
                      {"name": "venuename", "type": {"base": "character varying", "max_length": 100}},
                      {"name": "code", "type": {"base": "character", "max_length": 2}},
                      {"name": "price", "type": {"base": "numeric", "precision": 8, "scale": 2}}
                    ]
                  },
                  "meta": {"content_length": 65066, "record_count": 30}
                }
                """;
        Manifest m = Manifest.parse(json.getBytes(StandardCharsets.UTF_8), "s3://mybucket/unload/venue_manifest");
        assertEquals(2, m.entries().size());
        assertFalse(m.entries().get(0).mandatory(), "mandatory defaults to false");
        assertTrue(m.entries().get(1).mandatory());
        assertEquals(32295, m.entries().get(0).contentLength());
        assertEquals(30, m.totalRecords());
        assertEquals(65066, m.totalBytes());
        assertNull(m.runId());
        assertEquals(List.of("smallint", "character varying(100)", "character(2)", "numeric(8,2)"),
                m.schema().columns().stream().map(Column::pgType).toList());
    }

    @Test
    void plainManifestHasNoSchemaOrCounts() {
        String json = "{\"entries\":[{\"url\":\"s3://b/u/t_0000_part_00\",\"mandatory\":true}]}";
        Manifest m = Manifest.parse(json.getBytes(StandardCharsets.UTF_8), "s3://b/u/t_manifest");
        assertNull(m.schema());
        assertEquals(-1, m.entries().get(0).contentLength());
        assertEquals(-1, m.entries().get(0).recordCount());
    }
}
