package io.lading.loader;

import io.lading.format.FileFormat;
import io.lading.storage.local.LocalObjectStore;
import io.lading.warehouse.RejectLimit;
import io.lading.warehouse.TableName;
import io.lading.warehouse.testing.PgFixture;
import io.lading.warehouse.testing.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A TEXT file with a header line and a row the server refuses: binary COPY cannot take the row, so
 * the file goes as text, where a server before PostgreSQL 15 (Greenplum 6 too) refuses HEADER, and
 * Lading leaves the header out itself. The reject keeps the file's own line number.
 */
class TextHeaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestServer.class)
    void textHeaderIsLeftOutWhereTheServerCannotTakeIt(TestServer server) throws Exception {
        try (PgFixture pg = new PgFixture(server.url(), "ld_hdr_")) {
            pg.execute("create table " + pg.table("t") + " (id int, s text)");
            Path file = dir.resolve("t.txt");
            PgFixture.write(file, "id\ts\n1\ta\nfour\tb\n3\t\\N\n");
            LoadSpec spec = LoadSpec.builder(pg.spec, TableName.parse(pg.table("t")), PgFixture.location(file, false))
                    .ledgerSchema(pg.schema).format(FileFormat.TEXT).rejectLimit(RejectLimit.parse("10"))
                    .text(new TextOverrides(null, null, null, null, true, null)).build();
            LoadResult result = new CopyLoader(new LocalObjectStore(), LoadListener.NONE).load(spec);
            assertEquals(2, result.rows());
            assertEquals(List.of(3L), result.rejects().stream().map(Reject::line).toList());
            assertEquals(List.of("four\tb"), result.rejects().stream().map(Reject::rawLine).toList());
            assertEquals(1, pg.count("select count(*) from " + pg.table("t") + " where id = 3 and s is null"));
        }
    }
}
