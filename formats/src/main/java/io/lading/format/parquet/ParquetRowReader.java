package io.lading.format.parquet;

import io.lading.common.LadingException;
import io.lading.format.TableSchema;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;

/**
 * Reads a Parquet file row by row and renders each row as one line of PostgreSQL COPY TEXT
 * (defaults: tab, {@code \N}, backslash escapes), columns in the file's order, for
 * {@code COPY target (columns of schema()) FROM STDIN}. Reads Lading's own files and the common
 * flat files of other writers (INT96 and millisecond/nanosecond timestamps, unsigned ints, decimals
 * on any physical type, ENUM, JSON); nested columns are an error naming the column.
 *
 * <pre>{@code
 * try (ParquetRowReader reader = ParquetRowReader.open(store, location)) {
 *     ParquetTypes.checkColumns(reader.schema(), target, location.toString(), "public.t");
 *     copyManager.copyIn("COPY t (" + cols(reader.schema()) + ") FROM STDIN", reader.copyTextStream());
 * }
 * }</pre>
 *
 * Not thread-safe: one reader per file and thread.
 */
public final class ParquetRowReader implements AutoCloseable {
    private final ParquetFileReader fileReader;
    private final MessageType fileSchema;
    private final TableSchema schema;
    private final String name;
    private final CopyTextRow row;
    private final RecordMaterializer<CopyTextRow> materializer;
    private final MessageColumnIO columnIO;
    private RecordReader<CopyTextRow> recordReader;
    private long remainingInGroup;
    private long rowNumber;

    private ParquetRowReader(ParquetFileReader fileReader, String name) {
        this.fileReader = fileReader;
        this.name = name;
        this.fileSchema = fileReader.getFooter().getFileMetaData().getSchema();
        this.schema = ParquetTypes.tableSchema(fileSchema, fileReader.getFooter().getFileMetaData().getKeyValueMetaData(), name);
        this.row = new CopyTextRow(fileSchema.getFieldCount());
        this.materializer = new Materializer(fileSchema, row, name);
        this.columnIO = new ColumnIOFactory().getColumnIO(fileSchema);
    }

    /** Opens an object of a store (stat for its length, ranged reads for the footer and row groups). */
    public static ParquetRowReader open(ObjectStore store, Location location) throws IOException {
        return open(StoreInputFile.of(store, location), location.toString());
    }

    /** @param name names the file in errors */
    public static ParquetRowReader open(InputFile file, String name) throws IOException {
        ParquetFileReader reader;
        try {
            reader = ParquetFileReader.open(file, ParquetReadOptions.builder(new PlainParquetConfiguration())
                    .withCodecFactory(PureJavaCodecs.INSTANCE).build());
        }
        catch (RuntimeException | IOException e) {
            throw new LadingException("cannot read " + name + " as Parquet: " + e.getMessage(), e);
        }
        try {
            return new ParquetRowReader(reader, name);
        }
        catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** The file's columns with their PostgreSQL types (exact when Lading wrote the file). */
    public TableSchema schema() {
        return schema;
    }

    /** Rows in the file, from the footer. */
    public long rowCount() {
        return fileReader.getRecordCount();
    }

    /** Advances to the next row; false at the end. */
    public boolean next() throws IOException {
        while (remainingInGroup == 0) {
            PageReadStore pages = fileReader.readNextRowGroup();
            if (pages == null) {
                return false;
            }
            remainingInGroup = pages.getRowCount();
            recordReader = columnIO.getRecordReader(pages, materializer);
        }
        recordReader.read();
        remainingInGroup--;
        rowNumber++;
        return true;
    }

    /** The current row as a COPY TEXT line ending in LF; the array is reused by {@link #next()}. */
    public byte[] line() {
        return row.line();
    }

    public int lineLength() {
        return row.lineLength();
    }

    /** 1-based number of the current row in the file (the line number a reject report gives). */
    public long rowNumber() {
        return rowNumber;
    }

    /** The remaining rows as one COPY TEXT stream, for {@code CopyManager.copyIn(sql, stream)}. */
    public InputStream copyTextStream() {
        return new InputStream() {
            private int pos;
            private int end;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                while (pos == end) {
                    if (!next()) {
                        return -1;
                    }
                    pos = 0;
                    end = lineLength();
                }
                int n = Math.min(len, end - pos);
                System.arraycopy(line(), pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    @Override
    public void close() throws IOException {
        fileReader.close();
    }

    private static final class Materializer extends RecordMaterializer<CopyTextRow> {
        private final CopyTextRow row;
        private final GroupConverter root;

        Materializer(MessageType schema, CopyTextRow row, String name) {
            this.row = row;
            Converter[] converters = new Converter[schema.getFieldCount()];
            for (int i = 0; i < converters.length; i++) {
                Type field = schema.getType(i);
                ParquetTypes.pgType(field, name);
                converters[i] = converter(field.asPrimitiveType(), row.slots[i], name);
            }
            this.root = new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return converters[fieldIndex];
                }

                @Override
                public void start() {
                    row.start();
                }

                @Override
                public void end() {
                    row.end();
                }
            };
        }

        @Override
        public CopyTextRow getCurrentRecord() {
            return row;
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }

    static PrimitiveConverter converter(PrimitiveType type, CopyTextRow.Slot slot, String name) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
            int scale = d.getScale();
            return new PrimitiveConverter() {
                @Override
                public void addInt(int value) {
                    slot.decimal(value, scale);
                }

                @Override
                public void addLong(long value) {
                    slot.decimal(value, scale);
                }

                @Override
                public void addBinary(Binary value) {
                    byte[] bytes = value.getBytesUnsafe();
                    if (bytes.length <= 8) {
                        long v = 0;
                        for (byte b : bytes) {
                            v = (v << 8) | (b & 0xff);
                        }
                        int shift = 64 - 8 * bytes.length;
                        slot.decimal(bytes.length == 0 ? 0 : (v << shift) >> shift, scale);
                    }
                    else {
                        slot.decimal(new BigInteger(bytes), scale);
                    }
                }
            };
        }
        switch (type.getPrimitiveTypeName()) {
            case BOOLEAN:
                return new PrimitiveConverter() {
                    @Override
                    public void addBoolean(boolean value) {
                        slot.ascii(value ? "t" : "f");
                    }
                };
            case INT32:
                if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return new PrimitiveConverter() {
                        @Override
                        public void addInt(int value) {
                            slot.date(value == Integer.MIN_VALUE ? -Integer.MAX_VALUE : value);
                        }
                    };
                }
                if (logical instanceof TimeLogicalTypeAnnotation) {
                    return new PrimitiveConverter() {
                        @Override
                        public void addInt(int millis) {
                            slot.time(millis * 1000L);
                        }
                    };
                }
                boolean unsigned = logical instanceof IntLogicalTypeAnnotation i && !i.isSigned();
                return new PrimitiveConverter() {
                    @Override
                    public void addInt(int value) {
                        slot.integer(unsigned ? Integer.toUnsignedLong(value) : value);
                    }
                };
            case INT64:
                if (logical instanceof TimestampLogicalTypeAnnotation t) {
                    TimeUnit unit = t.getUnit();
                    boolean utc = t.isAdjustedToUTC();
                    return new PrimitiveConverter() {
                        @Override
                        public void addLong(long value) {
                            if (value == Long.MAX_VALUE || value <= -Long.MAX_VALUE) {
                                slot.timestamp(value, utc);
                                return;
                            }
                            slot.timestamp(switch (unit) {
                                case MILLIS -> Math.multiplyExact(value, 1000L);
                                case MICROS -> value;
                                case NANOS -> Math.floorDiv(value, 1000L);
                            }, utc);
                        }
                    };
                }
                if (logical instanceof TimeLogicalTypeAnnotation t) {
                    boolean nanos = t.getUnit() == TimeUnit.NANOS;
                    return new PrimitiveConverter() {
                        @Override
                        public void addLong(long value) {
                            slot.time(nanos ? value / 1000 : value);
                        }
                    };
                }
                if (logical instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
                    return new PrimitiveConverter() {
                        @Override
                        public void addLong(long value) {
                            slot.ascii(Long.toUnsignedString(value));
                        }
                    };
                }
                return new PrimitiveConverter() {
                    @Override
                    public void addLong(long value) {
                        slot.integer(value);
                    }
                };
            case INT96:
                return new PrimitiveConverter() {
                    @Override
                    public void addBinary(Binary value) {
                        // Impala/Spark legacy: 8 bytes nanos of day, 4 bytes Julian day, little-endian.
                        java.nio.ByteBuffer buf = value.toByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
                        long nanos = buf.getLong();
                        long julian = buf.getInt();
                        slot.timestamp((julian - 2_440_588L) * 86_400_000_000L + nanos / 1000, false);
                    }
                };
            case FLOAT:
                return new PrimitiveConverter() {
                    @Override
                    public void addFloat(float value) {
                        slot.ascii(Float.toString(value));
                    }
                };
            case DOUBLE:
                return new PrimitiveConverter() {
                    @Override
                    public void addDouble(double value) {
                        slot.ascii(Double.toString(value));
                    }
                };
            case FIXED_LEN_BYTE_ARRAY:
            case BINARY:
                if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
                    return new PrimitiveConverter() {
                        @Override
                        public void addBinary(Binary value) {
                            slot.uuid(value.getBytesUnsafe(), 0);
                        }
                    };
                }
                if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                    return new PrimitiveConverter() {
                        @Override
                        public void addBinary(Binary value) {
                            byte[] bytes = value.getBytesUnsafe();
                            slot.escaped(bytes, 0, bytes.length);
                        }
                    };
                }
                return new PrimitiveConverter() {
                    @Override
                    public void addBinary(Binary value) {
                        byte[] bytes = value.getBytesUnsafe();
                        slot.bytea(bytes, 0, bytes.length);
                    }
                };
            default:
                throw new LadingException("Parquet file " + name + " column \"" + type.getName()
                        + "\" has unsupported type " + type.getPrimitiveTypeName());
        }
    }
}
