package io.lading.unloader;

import io.lading.format.TableSchema;
import io.lading.format.parquet.ParquetRowWriter;
import io.lading.format.parquet.ParquetWriteOptions;
import io.lading.format.pgbinary.PgBinaryTuple;
import io.lading.storage.Location;
import io.lading.storage.ObjectWrite;

import java.io.IOException;

/** Binary COPY tuples in, one Parquet file out. A chunk holds whole tuples back to back. */
final class ParquetFileSink extends FileSink {
    private final ParquetRowWriter writer;
    private final int columns;

    ParquetFileSink(Location location, int generation, int file, ObjectWrite write, TableSchema schema, ParquetWriteOptions options)
            throws IOException {
        super(location, generation, file, write);
        this.columns = schema.size();
        this.writer = ParquetRowWriter.open(write.output(), location.toString(), schema, options);
    }

    @Override
    void encode(Chunk chunk) throws IOException {
        byte[] b = chunk.data();
        int pos = 0;
        while (pos < chunk.length()) {
            int end = PgBinaryTuple.end(b, pos, chunk.length(), columns);
            if (end == PgBinaryTuple.INCOMPLETE) {
                throw new IOException("a chunk ends inside a binary COPY tuple");
            }
            writer.write(b, pos, end - pos);
            pos = end;
        }
    }

    @Override
    void finish() throws IOException {
        writer.close();
        objectWrite().output().flush();
    }

    /** Written row groups plus the one buffered: what the file would be if it ended now. */
    @Override
    long compressedBytes() {
        return Math.max(super.compressedBytes(), writer.estimatedSize());
    }
}
