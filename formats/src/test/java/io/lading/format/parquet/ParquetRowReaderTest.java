package io.lading.format.parquet;

import io.lading.format.Column;
import io.lading.format.Compression;
import io.lading.format.TableSchema;
import io.lading.storage.Location;
import io.lading.storage.ObjectWrite;
import io.lading.storage.local.LocalObjectStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Files written by parquet-mr's example writer (as another tool would), read as COPY TEXT lines. */
class ParquetRowReaderTest {
    @TempDir
    Path root;

    @Test
    void foreignTypesRenderAsPostgresText() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message spark {"
                + " optional int96 legacy_ts; optional int64 ms (TIMESTAMP(MILLIS,true)); optional int64 ns (TIMESTAMP(NANOS,false));"
                + " optional int32 u32 (INTEGER(32,false)); optional int64 u64 (INTEGER(64,false));"
                + " optional binary dec (DECIMAL(30,3)); optional fixed_len_byte_array(5) fdec (DECIMAL(10,2));"
                + " optional int64 ldec (DECIMAL(12,4)); optional binary e (ENUM); optional binary j (JSON);"
                + " optional binary raw; optional int32 tmillis (TIME(MILLIS,false)); optional int32 day (DATE);"
                + " optional double dbl; optional float flt; optional boolean flag; }");
        Files.createDirectories(root.resolve("b"));
        LocalObjectStore store = new LocalObjectStore(root);
        Location location = Location.parse("file:///b/spark.parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ObjectWrite write = store.create(location)) {
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new StreamOutputFile(write.output(), "spark"))
                    .withConf(new PlainParquetConfiguration()).withType(schema).withCodecFactory(PureJavaCodecs.INSTANCE).build()) {
                Group g = groups.newGroup();
                // 2024-01-02 03:04:05.123456 as INT96: nanos of day, Julian day 2460312, little-endian
                ByteBuffer int96 = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
                int96.putLong((3 * 3600 + 4 * 60 + 5) * 1_000_000_000L + 123_456_789L).putInt(2_460_312);
                g.add("legacy_ts", Binary.fromConstantByteArray(int96.array()));
                g.add("ms", -1L); // 1969-12-31 23:59:59.999 UTC
                g.add("ns", 1_700_000_000_123_456_789L);
                g.add("u32", -1);
                g.add("u64", -1L);
                g.add("dec", Binary.fromConstantByteArray(new BigInteger("-123456789012345678901234567").toByteArray()));
                g.add("fdec", Binary.fromConstantByteArray(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x85}));
                g.add("ldec", 5L);
                g.add("e", "RED");
                g.add("j", "{\"a\":\"tab\\there\"}");
                g.add("raw", Binary.fromConstantByteArray(new byte[] {0, '\\', 10}));
                g.add("tmillis", 45_296_789);
                g.add("day", -719_162); // 0001-01-01
                g.add("dbl", 0.1 + 0.2);
                g.add("flt", Float.NaN);
                g.add("flag", true);
                writer.write(g);
                writer.write(groups.newGroup()); // all NULL
            }
            write.commit();
        }
        List<String> lines = new ArrayList<>();
        try (ParquetRowReader reader = ParquetRowReader.open(store, location)) {
            assertEquals(List.of("legacy_ts", "ms", "ns", "u32", "u64", "dec", "fdec", "ldec", "e", "j", "raw", "tmillis", "day", "dbl", "flt", "flag"),
                    reader.schema().names());
            assertEquals(new Column("u64", "numeric(20,0)"), reader.schema().columns().get(4));
            while (reader.next()) {
                lines.add(new String(reader.line(), 0, reader.lineLength(), StandardCharsets.UTF_8));
                assertEquals(lines.size(), reader.rowNumber());
            }
        }
        assertEquals(List.of(
                "2024-01-02 03:04:05.123456\t1969-12-31 23:59:59.999+00\t2023-11-14 22:13:20.123456\t4294967295\t18446744073709551615\t"
                        + "-123456789012345678901234.567\t-1.23\t0.0005\tRED\t{\"a\":\"tab\\\\there\"}\t\\\\x005c0a\t12:34:56.789\t"
                        + "0001-01-01\t0.30000000000000004\tNaN\tt\n",
                "\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\n"), lines);
    }

    @Test
    void memoryRule() {
        ParquetWriteOptions many = ParquetWriteOptions.forOpenWriters(Compression.ZSTD, 256, 256L << 20);
        assertEquals(new ParquetWriteOptions(Compression.ZSTD, 349_525, 21_845, 5_461), many);
        ParquetWriteOptions one = ParquetWriteOptions.forOpenWriters(Compression.SNAPPY, 1, 256L << 20);
        assertEquals(new ParquetWriteOptions(Compression.SNAPPY, 89_478_485, 1 << 20, 256 << 10), one);
        ParquetWriteOptions tiny = ParquetWriteOptions.forOpenWriters(Compression.NONE, 10_000, 64L << 20);
        assertEquals(new ParquetWriteOptions(Compression.NONE, 256 << 10, 16 << 10, 4 << 10), tiny);
    }

    @Test
    void exactPostgresTypesComeBackFromTheFooter() {
        TableSchema schema = new TableSchema(List.of(new Column("j", "jsonb"), new Column("a", "integer[]"),
                new Column("n", "numeric"), new Column("c", "character varying(3)")));
        MessageType type = ParquetTypes.messageType(schema);
        assertEquals(schema, ParquetTypes.tableSchema(type, ParquetTypes.footerMetadata(schema), "f"));
        assertEquals(List.of(new Column("j", "text"), new Column("a", "text"), new Column("n", "text"), new Column("c", "text")),
                ParquetTypes.tableSchema(type, java.util.Map.of(), "f").columns());
    }
}
