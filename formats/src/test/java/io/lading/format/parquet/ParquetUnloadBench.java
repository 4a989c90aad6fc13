package io.lading.format.parquet;

import io.lading.format.Column;
import io.lading.format.Compression;
import io.lading.format.TableSchema;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: a manual measurement. {@code java -cp ... ParquetUnloadBench TABLE [codec]} times
 * a bare binary COPY (messages read and dropped) against the same COPY decoded into Parquet, then
 * the Parquet file read back as COPY TEXT lines.
 */
public final class ParquetUnloadBench {
    public static void main(String[] args) throws Exception {
        String table = args[0];
        Compression codec = Compression.parse(args.length > 1 ? args[1] : "snappy");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test?user=postgres")) {
            List<Column> cols = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT attname, format_type(atttypid, atttypmod)"
                    + " FROM pg_attribute WHERE attrelid = '" + table + "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
                while (rs.next()) {
                    cols.add(new Column(rs.getString(1), rs.getString(2)));
                }
            }
            TableSchema schema = new TableSchema(cols);
            String sql = "COPY (SELECT " + ParquetTypes.selectList(schema, n -> '"' + n + '"') + " FROM " + table + ") TO STDOUT (FORMAT binary)";
            for (int round = 0; round < 2; round++) {
                long t0 = System.nanoTime();
                long bytes = 0;
                CopyOut out = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
                byte[] m;
                while ((m = out.readFromCopy()) != null) {
                    bytes += m.length;
                }
                long t1 = System.nanoTime();
                Path file = Files.createTempFile("bench", ".parquet");
                PgBinaryRowDecoder decoder = new PgBinaryRowDecoder(schema.size(), table);
                out = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
                try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                     ParquetRowWriter w = ParquetRowWriter.open(os, file.toString(), schema,
                             ParquetWriteOptions.forOpenWriters(codec, 1, 256L << 20))) {
                    while ((m = out.readFromCopy()) != null) {
                        decoder.feed(m, w::write);
                    }
                    decoder.finish();
                }
                long t2 = System.nanoTime();
                long lines = 0;
                long textBytes = 0;
                try (ParquetRowReader r = ParquetRowReader.open(new org.apache.parquet.io.LocalInputFile(file), file.toString())) {
                    while (r.next()) {
                        lines++;
                        textBytes += r.lineLength();
                    }
                }
                long t3 = System.nanoTime();
                System.out.printf("copy binary only: %.2fs (%d MB)  copy+parquet(%s): %.2fs -> %d MB  parquet->text: %.2fs (%d rows, %d MB)%n",
                        (t1 - t0) / 1e9, bytes >> 20, codec, (t2 - t1) / 1e9, Files.size(file) >> 20, (t3 - t2) / 1e9,
                        lines, textBytes >> 20);
                Files.delete(file);
            }
        }
    }
}
