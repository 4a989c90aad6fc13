package io.lading.format.parquet;

import io.lading.common.LadingException;
import io.lading.format.Compression;
import io.lading.format.TableSchema;
import io.lading.format.pgbinary.PgBinaryTuple;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Writes one Parquet file from PostgreSQL binary COPY rows (as sliced by {@link
 * io.lading.format.pgbinary.PgBinaryRowDecoder}). The file's schema is {@link
 * ParquetTypes#messageType}; the unloader must select the columns with {@link
 * ParquetTypes#selectList} so that the binary values match it.
 *
 * <p>{@link #close()} writes the footer and flushes the stream but never closes or commits it;
 * the caller commits its {@code ObjectWrite} after a successful close, and aborts it otherwise.
 * Not thread-safe: one writer thread.
 *
 * <p>Special values: float NaN and ±Infinity are stored as they are. Date and timestamp
 * {@code infinity}/{@code -infinity} become the largest/smallest-but-one value of the Parquet
 * type ({@code Integer.MAX_VALUE}/{@code -Integer.MAX_VALUE} days, {@code Long.MAX_VALUE}/{@code
 * -Long.MAX_VALUE} micros), the sentinels DuckDB reads as infinity and {@link ParquetRowReader}
 * turns back into {@code infinity}. A NaN or infinite numeric cannot be a DECIMAL: the write fails
 * with an error naming the column and the value.
 */
public final class ParquetRowWriter implements AutoCloseable {
    static final long PG_EPOCH_DAYS = 10957;
    static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    private final ParquetWriter<RowSlice> writer;
    private final StreamOutputFile file;
    private final RowSlice slice = new RowSlice();
    private final String name;
    private long rows;
    private boolean closed;
    private boolean failed;

    private ParquetRowWriter(ParquetWriter<RowSlice> writer, StreamOutputFile file, String name) {
        this.writer = writer;
        this.file = file;
        this.name = name;
    }

    /**
     * Starts a Parquet file on {@code out}.
     *
     * @param name names the file in errors (its location)
     */
    public static ParquetRowWriter open(OutputStream out, String name, TableSchema schema, ParquetWriteOptions options)
            throws IOException {
        requireNonNull(out, "out is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(options, "options is null");
        StreamOutputFile file = new StreamOutputFile(out, name);
        List<ParquetColumn> columns = ParquetTypes.map(schema);
        MessageType messageType = ParquetTypes.messageType(schema);
        ParquetWriter<RowSlice> writer = new Builder(file, new RowWriteSupport(columns, messageType, schema, name))
                .withConf(new PlainParquetConfiguration())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(codec(options.compression()))
                .withCodecFactory(PureJavaCodecs.INSTANCE)
                .withRowGroupSize(options.rowGroupSize())
                .withPageSize(options.pageSize())
                .withDictionaryPageSize(options.dictionaryPageSize())
                .withDictionaryEncoding(true)
                // Check the buffered size every 10 rows at first, so wide rows cannot overshoot the cap much.
                .withMinRowCountForPageSizeCheck(10)
                .withValidation(false)
                .build();
        return new ParquetRowWriter(writer, file, name);
    }

    static CompressionCodecName codec(Compression compression) {
        return switch (compression) {
            case NONE -> CompressionCodecName.UNCOMPRESSED;
            case SNAPPY -> CompressionCodecName.SNAPPY;
            case ZSTD -> CompressionCodecName.ZSTD;
            case GZIP -> CompressionCodecName.GZIP;
        };
    }

    /** Writes one tuple of a binary COPY stream: {@code buf[offset, offset+length)} as handed out by the decoder. */
    public void write(byte[] buf, int offset, int length) throws IOException {
        if (failed) {
            throw new IllegalStateException("an earlier write to " + name + " failed; abort the file");
        }
        slice.buf = buf;
        slice.offset = offset;
        slice.length = length;
        boolean ok = false;
        try {
            writer.write(slice);
            ok = true;
        }
        finally {
            slice.buf = null;
            failed = !ok;
        }
        rows++;
    }

    public long rowsWritten() {
        return rows;
    }

    /** Bytes already written to the stream (complete row groups; after close, the whole file). */
    public long bytesWritten() {
        return file.position();
    }

    /**
     * Bytes written plus the row group buffered in memory: the file's size if it ended now, give or
     * take the footer and compression of the open pages. Use it to decide when a file is full.
     */
    public long estimatedSize() {
        return closed ? file.position() : writer.getDataSize();
    }

    /**
     * Flushes the last row group and writes the footer. Does not close or commit the stream. After
     * a failed {@link #write} it writes nothing more (the row group holds half a row): the caller
     * aborts its {@code ObjectWrite}.
     */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            if (!failed) {
                writer.close();
            }
        }
    }

    /** One tuple; reused for every row so the hot path allocates nothing per row. */
    static final class RowSlice {
        byte[] buf;
        int offset;
        int length;
    }

    private static final class Builder extends ParquetWriter.Builder<RowSlice, Builder> {
        private final RowWriteSupport support;

        Builder(StreamOutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<RowSlice> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<RowSlice> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }

    private static final class RowWriteSupport extends WriteSupport<RowSlice> {
        private final ParquetColumn[] columns;
        private final ValueKind[] kinds;
        private final String[] names;
        private final int[] fixedLength;
        private final MessageType messageType;
        private final TableSchema schema;
        private final String fileName;
        private RecordConsumer consumer;

        RowWriteSupport(List<ParquetColumn> columns, MessageType messageType, TableSchema schema, String fileName) {
            this.columns = columns.toArray(new ParquetColumn[0]);
            this.kinds = new ValueKind[this.columns.length];
            this.names = new String[this.columns.length];
            this.fixedLength = new int[this.columns.length];
            for (int i = 0; i < this.columns.length; i++) {
                kinds[i] = this.columns[i].kind();
                names[i] = this.columns[i].name();
                if (kinds[i] == ValueKind.DECIMAL_FIXED) {
                    fixedLength[i] = ParquetTypes.decimalBytes(this.columns[i].precision());
                }
            }
            this.messageType = messageType;
            this.schema = schema;
            this.fileName = fileName;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(messageType, ParquetTypes.footerMetadata(schema));
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(messageType, ParquetTypes.footerMetadata(schema));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(RowSlice row) {
            byte[] b = row.buf;
            int p = row.offset + 2;
            RecordConsumer rc = consumer;
            rc.startMessage();
            for (int i = 0; i < kinds.length; i++) {
                int len = PgBinaryTuple.readInt(b, p);
                p += 4;
                if (len < 0) {
                    continue;
                }
                rc.startField(names[i], i);
                writeValue(rc, i, b, p, len);
                rc.endField(names[i], i);
                p += len;
            }
            rc.endMessage();
        }

        private void writeValue(RecordConsumer rc, int i, byte[] b, int p, int len) {
            switch (kinds[i]) {
                case INT16 -> {
                    expect(i, len, 2);
                    rc.addInteger(PgBinaryTuple.readShort(b, p));
                }
                case INT32 -> {
                    expect(i, len, 4);
                    rc.addInteger(PgBinaryTuple.readInt(b, p));
                }
                case INT64 -> {
                    expect(i, len, 8);
                    rc.addLong(PgBinaryTuple.readLong(b, p));
                }
                case FLOAT32 -> {
                    expect(i, len, 4);
                    rc.addFloat(Float.intBitsToFloat(PgBinaryTuple.readInt(b, p)));
                }
                case FLOAT64 -> {
                    expect(i, len, 8);
                    rc.addDouble(Double.longBitsToDouble(PgBinaryTuple.readLong(b, p)));
                }
                case DECIMAL_INT32, DECIMAL_INT64, DECIMAL_FIXED -> writeDecimal(rc, i, b, p, len);
                case DATE -> {
                    expect(i, len, 4);
                    int days = PgBinaryTuple.readInt(b, p);
                    rc.addInteger(days == Integer.MAX_VALUE ? Integer.MAX_VALUE
                            : days == Integer.MIN_VALUE ? -Integer.MAX_VALUE : (int) (days + PG_EPOCH_DAYS));
                }
                case TIMESTAMP, TIMESTAMPTZ -> {
                    expect(i, len, 8);
                    long micros = PgBinaryTuple.readLong(b, p);
                    rc.addLong(micros == Long.MAX_VALUE ? Long.MAX_VALUE
                            : micros == Long.MIN_VALUE ? -Long.MAX_VALUE : micros + PG_EPOCH_MICROS);
                }
                case TIME -> {
                    expect(i, len, 8);
                    rc.addLong(PgBinaryTuple.readLong(b, p));
                }
                case BOOLEAN -> {
                    expect(i, len, 1);
                    rc.addBoolean(b[p] != 0);
                }
                case UUID -> {
                    expect(i, len, 16);
                    rc.addBinary(Binary.fromReusedByteArray(b, p, 16));
                }
                case BYTEA, TEXT -> rc.addBinary(Binary.fromReusedByteArray(b, p, len));
                case JSONB -> {
                    if (len < 1 || b[p] != 1) {
                        throw new LadingException("column \"" + names[i] + "\" of " + fileName
                                + ": unknown jsonb binary version " + (len < 1 ? "(empty)" : b[p]) + "; select it as ::text");
                    }
                    rc.addBinary(Binary.fromReusedByteArray(b, p + 1, len - 1));
                }
            }
        }

        private void writeDecimal(RecordConsumer rc, int i, byte[] b, int p, int len) {
            ParquetColumn c = columns[i];
            if (len < 8) {
                throw mismatch(i, len);
            }
            String special = PgNumeric.special(PgNumeric.sign(b, p));
            if (special != null) {
                throw new LadingException("column \"" + c.name() + "\" (" + c.column().pgType() + ") holds " + special
                        + ", which a Parquet DECIMAL cannot represent (file " + fileName + "); unload it as text/csv,"
                        + " or cast it in --query, e.g. NULLIF(" + c.name() + ", 'NaN') or " + c.name() + "::text");
            }
            try {
                long unscaled = PgNumeric.unscaledLong(b, p, c.scale());
                if (unscaled == Long.MIN_VALUE) {
                    BigInteger big = PgNumeric.unscaledBig(b, p, c.scale());
                    if (kinds[i] != ValueKind.DECIMAL_FIXED) {
                        throw new ArithmeticException("more than " + c.precision() + " digits");
                    }
                    checkPrecision(big, c);
                    rc.addBinary(Binary.fromConstantByteArray(fixedBytes(big, fixedLength[i])));
                    return;
                }
                switch (kinds[i]) {
                    case DECIMAL_INT32 -> {
                        if (unscaled > 999_999_999L || unscaled < -999_999_999L) {
                            throw new ArithmeticException("more than " + c.precision() + " digits");
                        }
                        rc.addInteger((int) unscaled);
                    }
                    case DECIMAL_INT64 -> rc.addLong(unscaled);
                    default -> {
                        byte[] fixed = new byte[fixedLength[i]];
                        long v = unscaled;
                        for (int k = fixed.length - 1; k >= 0; k--) {
                            fixed[k] = (byte) v;
                            v >>= 8;
                        }
                        rc.addBinary(Binary.fromConstantByteArray(fixed));
                    }
                }
            }
            catch (ArithmeticException e) {
                throw new LadingException("column \"" + c.name() + "\" value " + PgNumeric.toText(b, p)
                        + " does not fit " + c.column().pgType() + " (" + e.getMessage() + ") in " + fileName
                        + "; is the column type right?");
            }
        }

        private static void checkPrecision(BigInteger big, ParquetColumn c) {
            if (big.abs().compareTo(BigInteger.TEN.pow(c.precision())) >= 0) {
                throw new ArithmeticException("more than " + c.precision() + " digits");
            }
        }

        private static byte[] fixedBytes(BigInteger value, int length) {
            byte[] raw = value.toByteArray();
            byte[] fixed = new byte[length];
            byte pad = value.signum() < 0 ? (byte) 0xff : 0;
            int start = length - raw.length;
            for (int k = 0; k < start; k++) {
                fixed[k] = pad;
            }
            System.arraycopy(raw, 0, fixed, start, raw.length);
            return fixed;
        }

        private void expect(int i, int len, int expected) {
            if (len != expected) {
                throw mismatch(i, len);
            }
        }

        private LadingException mismatch(int i, int len) {
            return new LadingException("column \"" + names[i] + "\" (" + columns[i].column().pgType() + ") of " + fileName
                    + " came as a " + len + "-byte binary value; the COPY must select it as ParquetTypes.selectList says");
        }
    }
}
