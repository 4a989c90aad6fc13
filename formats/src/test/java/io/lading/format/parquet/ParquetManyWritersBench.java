package io.lading.format.parquet;

import io.lading.format.Column;
import io.lading.format.Compression;
import io.lading.format.TableSchema;
import io.lading.format.pgbinary.PgBinaryRowDecoder;
import io.lading.storage.testing.TestDatabase;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: N writers open at once under the JVM's -Xmx, rows dealt round-robin, as the
 * unloader does; prints the peak old-generation use. Run with -Xmx512m and N = 256.
 */
public final class ParquetManyWritersBench {
    public static void main(String[] args) throws Exception {
        String table = args[0];
        int n = Integer.parseInt(args[1]);
        long rowsToWrite = Long.parseLong(args[2]);
        List<byte[]> messages = new ArrayList<>();
        TableSchema schema;
        try (Connection c = DriverManager.getConnection(TestDatabase.URL)) {
            List<Column> cols = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT attname, format_type(atttypid, atttypmod)"
                    + " FROM pg_attribute WHERE attrelid = '" + table + "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
                while (rs.next()) {
                    cols.add(new Column(rs.getString(1), rs.getString(2)));
                }
            }
            schema = new TableSchema(cols);
            String sql = "COPY (SELECT " + ParquetTypes.selectList(schema, q -> '"' + q + '"') + " FROM " + table + " LIMIT 20000) TO STDOUT (FORMAT binary)";
            CopyOut out = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
            byte[] m;
            while ((m = out.readFromCopy()) != null) {
                messages.add(m);
            }
        }
        List<byte[]> rows = new ArrayList<>();
        PgBinaryRowDecoder decoder = new PgBinaryRowDecoder(schema.size(), table);
        for (byte[] m : messages) {
            decoder.feed(m, (b, o, l) -> rows.add(java.util.Arrays.copyOfRange(b, o, o + l)));
        }
        OutputStream sink = OutputStream.nullOutputStream();
        ParquetWriteOptions options = ParquetWriteOptions.forOpenWriters(Compression.SNAPPY, n);
        System.out.println("options " + options + " maxMemory " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
        List<ParquetRowWriter> writers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            writers.add(ParquetRowWriter.open(sink, "w" + i, schema, options));
        }
        long peak = 0;
        for (long r = 0; r < rowsToWrite; r++) {
            byte[] row = rows.get((int) (r % rows.size()));
            // chunks of 100 rows per writer, round-robin
            writers.get((int) ((r / 100) % n)).write(row, 0, row.length);
            if (r % 200_000 == 0) {
                System.gc();
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                peak = Math.max(peak, used);
                System.out.printf("rows %d heap after gc %d MiB%n", r, used >> 20);
            }
        }
        long estimated = 0;
        for (ParquetRowWriter w : writers) {
            estimated += w.estimatedSize();
            w.close();
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getPeakUsage() != null) {
                System.out.printf("pool %s peak %d MiB%n", pool.getName(), pool.getPeakUsage().getUsed() >> 20);
            }
        }
        System.out.printf("peak heap after gc %d MiB, rows data %d MiB, total estimated %d MiB%n", peak >> 20,
                rows.stream().mapToLong(b -> b.length).sum() >> 20, estimated >> 20);
    }
}
