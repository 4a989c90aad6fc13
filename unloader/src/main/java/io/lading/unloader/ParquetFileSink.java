package io.lading.unloader;

import io.lading.format.TableSchema;
import io.lading.format.parquet.ParquetRowWriter;
import io.lading.format.parquet.ParquetWriteOptions;
import io.lading.storage.Location;
import io.lading.storage.ObjectWrite;

import java.io.IOException;

/**
 * Binary COPY tuples in, one Parquet file out. A chunk holds whole tuples back to back; each is
 * self-delimiting (int16 field count, then int32 length and bytes per field, -1 for NULL).
 */
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
            int start = pos;
            int fields = ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
            if (fields != columns) {
                throw new IOException("binary COPY tuple with " + fields + " fields, expected " + columns);
            }
            pos += 2;
            for (int i = 0; i < fields; i++) {
                int len = ((b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
                pos += 4 + Math.max(0, len);
            }
            writer.write(b, start, pos - start);
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
