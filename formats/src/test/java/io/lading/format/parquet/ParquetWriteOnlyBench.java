package io.lading.format.parquet;

import io.lading.format.Column;
import io.lading.format.Compression;
import io.lading.format.TableSchema;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Not a test: times the writer alone over binary COPY messages held in memory. */
public final class ParquetWriteOnlyBench {
    public static void main(String[] args) throws Exception {
        String table = args[0];
        Compression codec = Compression.parse(args.length > 1 ? args[1] : "snappy");
        List<byte[]> messages = new ArrayList<>();
        TableSchema schema;
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test?user=postgres")) {
            List<Column> cols = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT attname, format_type(atttypid, atttypmod)"
                    + " FROM pg_attribute WHERE attrelid = '" + table + "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
                while (rs.next()) {
                    cols.add(new Column(rs.getString(1), rs.getString(2)));
                }
            }
            schema = new TableSchema(cols);
            String sql = "COPY (SELECT " + ParquetTypes.selectList(schema, n -> '"' + n + '"') + " FROM " + table + ") TO STDOUT (FORMAT binary)";
            CopyOut out = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
            byte[] m;
            while ((m = out.readFromCopy()) != null) {
                messages.add(m);
            }
        }
        for (int round = 0; round < 4; round++) {
            long t0 = System.nanoTime();
            PgBinaryRowDecoder decoder = new PgBinaryRowDecoder(schema.size(), table);
            long[] size = new long[1];
            OutputStream sink = new OutputStream() {
                @Override
                public void write(int b) {
                    size[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    size[0] += len;
                }
            };
            try (ParquetRowWriter w = ParquetRowWriter.open(sink, "mem", schema, ParquetWriteOptions.forOpenWriters(codec, 1, 256L << 20))) {
                for (byte[] m : messages) {
                    decoder.feed(m, w::write);
                }
                decoder.finish();
            }
            long t1 = System.nanoTime();
            System.out.printf("write %d rows (%s): %.2fs cpu-ish, %d MB out%n", decoder.rows(), codec, (t1 - t0) / 1e9, size[0] >> 20);
        }
    }
}
