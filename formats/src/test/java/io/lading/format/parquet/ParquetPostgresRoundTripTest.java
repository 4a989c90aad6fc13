package io.lading.format.parquet;

import io.lading.common.LadingException;
import io.lading.format.Column;
import io.lading.format.Compression;
import io.lading.format.TableSchema;
import io.lading.format.pgbinary.PgBinaryRowDecoder;
import io.lading.storage.Location;
import io.lading.storage.ObjectWrite;
import io.lading.storage.local.LocalObjectStore;
import io.lading.storage.testing.TestDatabase;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit.MICROS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL -> binary COPY -> {@link ParquetRowWriter} -> local file -> parquet-mr's own reader
 * (values and logical types) and -> {@link ParquetRowReader} -> COPY TEXT -> a fresh table,
 * compared with EXCEPT ALL both ways. Needs the test database ({@link TestDatabase}).
 */
class ParquetPostgresRoundTripTest {
    private static final String SOURCE = "lading_fmt_src_" + ProcessHandle.current().pid();

    private static final String[][] COLUMNS = {
            {"id", "integer"},
            {"i2", "smallint"},
            {"i4", "integer"},
            {"i8", "bigint"},
            {"f4", "real"},
            {"f8", "double precision"},
            {"n5", "numeric(5,0)"},
            {"n9", "numeric(9,2)"},
            {"n18", "numeric(18,4)"},
            {"n38", "numeric(38,10)"},
            {"nfree", "numeric"},
            {"d", "date"},
            {"ts", "timestamp without time zone"},
            {"tstz", "timestamp with time zone"},
            {"t", "time without time zone"},
            {"b", "boolean"},
            {"txt", "text"},
            {"vc", "character varying(20)"},
            {"ch", "character(5)"},
            {"by", "bytea"},
            {"u", "uuid"},
            {"j", "json"},
            {"jb", "jsonb"},
            {"arr", "integer[]"},
            {"tarr", "text[]"},
            {"iv", "interval"},
            {"ip", "inet"},
            {"ttz", "time with time zone"},
            {"Mixed \"Name\"", "text"},
    };

    private static final String[] ROWS = {
            // all NULL but the id
            "(1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
            // minimums, empty strings, negative extremes
            "(2, -32768, -2147483648, -9223372036854775808, '-Infinity', '-Infinity', -99999, -9999999.99, -99999999999999.9999,"
                    + " -9999999999999999999999999999.9999999999, '-Infinity', '0001-01-01', '0001-01-01 00:00:00', '0001-01-01 00:00:00+00',"
                    + " '00:00:00', false, '', '', '', '\\x'::bytea, '00000000-0000-0000-0000-000000000000', '\"\"', '{}', '{}', '{}',"
                    + " '-178000000 years', '0.0.0.0', '00:00:00+14', '')",
            // maximums
            "(3, 32767, 2147483647, 9223372036854775807, 'Infinity', 'Infinity', 99999, 9999999.99, 99999999999999.9999,"
                    + " 9999999999999999999999999999.9999999999, 'NaN', '9999-12-31', '9999-12-31 23:59:59.999999', '9999-12-31 23:59:59.999999+00',"
                    + " '24:00:00', true, 'x', 'abcdefghijklmnopqrst', 'abcde', '\\x00ff00'::bytea, 'ffffffff-ffff-ffff-ffff-ffffffffffff',"
                    + " '{\"a\": [1, 2.50, null],   \"b\":\"\\t\"}', '{\"a\": [1, 2.50, null], \"b\": \"x\"}', '{1,NULL,3}', '{\"a b\",NULL,\"c\\\"d\",\"\"}',"
                    + " '1 year 2 mons 3 days 04:05:06.789', '2001:db8::1/64', '23:59:59.999999-12', 'upper')",
            // hard text and fractional values
            "(4, 0, 0, 0, 'NaN', 'NaN', 0, 0.01, -0.0001, 0.0000000001, 123456789012345678901234567890.123456789012345678901234567890,"
                    + " 'infinity', 'infinity', 'infinity', '12:34:56.789012', true,"
                    + " E'tab\\there\\nnew line\\r\\\\back\\\\N \\\\N and unicode é 中文 😀', E'\\\\N', 'a\tb', '\\x5c0001'::bytea,"
                    + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '[1,\"\\\\u0000x\"]', '{\"k\": \"v\\nw\"}', '{-1}', '{\"\\\\\\\\\",\"\\t\"}',"
                    + " '-1 day -00:00:00.000001', '192.168.0.1', '00:00:00+00', E'\\\\N')",
            // BC, -infinity, zones, tiny floats
            "(5, -1, -1, -1, 1.4e-45, 4.9e-324, 1, 1234567.89, 12345678901234.5678, -1234567890123456789012345678.0123456789,"
                    + " -0.000000000000000000000000000001, '-infinity', '-infinity', '-infinity', '00:00:00.000001', false,"
                    + " ' ', ' ', ' ', '\\x5c'::bytea, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A12', 'null', 'null', NULL, '{NULL}',"
                    + " '0', '::1', '12:00:00+05:30', 'x')",
            "(6, 7, 7, 7, 3.4028235e38, 1.7976931348623157e308, -5, -0.5, 0.5, 0.5, 1e-30, '4713-11-24 BC', '4713-11-24 00:00:00 BC',"
                    + " '2024-01-02 03:04:05.123456+05:30', '23:59:59.999999', true, 'é', 'é', 'é', '\\xdeadbeef'::bytea,"
                    + " '123e4567-e89b-12d3-a456-426614174000', '{}', '[]', '{1}', '{x}', '1 microsecond', '10.0.0.0/8', '01:02:03-08', 'x')",
            "(7, 8, 8, 8, -0.0, -0.0, 0, 0, 0, 0, -0, '2000-01-01', '2000-01-01 00:00:00', '2024-06-30 23:59:59.999999-07', '01:00:00', true,"
                    + " 'z', 'z', 'z', '\\x0a0d09'::bytea, '123e4567-e89b-12d3-a456-426614174001', '1', '1', '{}', '{}', '1 day', '1.2.3.4', '01:00:00+00', 'z')",
    };

    /** parquet-mr's own options and codec factory (Hadoop codecs), not Lading's. */
    private static final ParquetReadOptions PLAIN = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();

    private static Connection connection;

    @TempDir
    static Path root;

    @BeforeAll
    static void createSource() throws SQLException {
        connection = DriverManager.getConnection(TestDatabase.URL);
        try (Statement st = connection.createStatement()) {
            st.execute("SET TimeZone = 'America/New_York'");
            st.execute("DROP TABLE IF EXISTS " + SOURCE);
            st.execute("CREATE TABLE " + SOURCE + " (" + columnDefinitions() + ")");
            for (String row : ROWS) {
                st.execute("INSERT INTO " + SOURCE + " VALUES " + row);
            }
        }
    }

    @AfterAll
    static void dropSource() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        // A fresh connection: the shared one may be broken by a failed test, and the table must go anyway.
        try (Connection c = DriverManager.getConnection(TestDatabase.URL); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + SOURCE + ", " + SOURCE + "_back, " + SOURCE + "_nan, "
                    + SOURCE + "_many, " + SOURCE + "_many_back");
        }
    }

    private static String columnDefinitions() {
        List<String> defs = new ArrayList<>();
        for (String[] c : COLUMNS) {
            defs.add(quote(c[0]) + " " + c[1]);
        }
        return String.join(", ", defs);
    }

    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** The schema as format_type() prints it, the way the unloader resolves it. */
    private static TableSchema schemaOf(String table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute"
                     + " WHERE attrelid = '" + table + "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            while (rs.next()) {
                columns.add(new Column(rs.getString(1), rs.getString(2)));
            }
        }
        return new TableSchema(columns);
    }

    /** Unloads {@code table} the way the unloader will: binary COPY, decoder, writer, ObjectWrite. */
    static long unload(Connection c, String table, TableSchema schema, LocalObjectStore store, Location location,
                       ParquetWriteOptions options) throws Exception {
        String sql = "COPY (SELECT " + ParquetTypes.selectList(schema, ParquetPostgresRoundTripTest::quote)
                + " FROM " + table + ") TO STDOUT (FORMAT binary)";
        CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
        try (ObjectWrite write = store.create(location)) {
            boolean done = false;
            try (ParquetRowWriter writer = ParquetRowWriter.open(write.output(), location.toString(), schema, options)) {
                PgBinaryRowDecoder decoder = new PgBinaryRowDecoder(schema.size(), table);
                byte[] message;
                while ((message = copy.readFromCopy()) != null) {
                    decoder.feed(message, writer::write);
                }
                decoder.finish();
                done = true;
                assertEquals(decoder.rows(), writer.rowsWritten());
            }
            finally {
                if (!done && copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            write.commit();
        }
        return store.stat(location).orElseThrow().size();
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class)
    void roundTripEveryCodec(Compression compression) throws Exception {
        Files.createDirectories(root.resolve("bucket"));
        LocalObjectStore store = new LocalObjectStore(root);
        Location location = Location.parse("file:///bucket/rt-" + compression + ".parquet");
        TableSchema schema = schemaOf(SOURCE);
        long size = unload(connection, SOURCE, schema, store, location,
                ParquetWriteOptions.forOpenWriters(compression, 256, 256L << 20));
        assertTrue(size > 0);

        InputFile file = StoreInputFile.of(store, location);
        try (ParquetFileReader footer = ParquetFileReader.open(file, PLAIN)) {
            assertEquals(ROWS.length, footer.getRecordCount());
            assertEquals(ParquetRowWriter.codec(compression),
                    footer.getFooter().getBlocks().get(0).getColumns().get(0).getCodec());
            if (compression == Compression.NONE) {
                assertEquals(CompressionCodecName.UNCOMPRESSED, footer.getFooter().getBlocks().get(0).getColumns().get(0).getCodec());
            }
        }
        checkWithParquetMrReader(file);
        loadBackAndCompare(store, location, schema);
    }

    private static void checkWithParquetMrReader(InputFile file) throws IOException {
        List<Group> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = new ParquetReader.Builder<Group>(file, new PlainParquetConfiguration()) {
            @Override
            protected ReadSupport<Group> getReadSupport() {
                return new GroupReadSupport();
            }
        }.build()) {
            Group g;
            while ((g = reader.read()) != null) {
                rows.add(g);
            }
        }
        assertEquals(ROWS.length, rows.size());
        MessageType type = rows.get(0).getType() instanceof MessageType m ? m : null;
        assertTypes(type);

        Group nulls = rows.get(0);
        assertEquals(1, nulls.getInteger("id", 0));
        for (int i = 1; i < COLUMNS.length; i++) {
            assertEquals(0, nulls.getFieldRepetitionCount(i), COLUMNS[i][0] + " should be null");
        }
        Group min = rows.get(1);
        assertEquals(-32768, min.getInteger("i2", 0));
        assertEquals(Integer.MIN_VALUE, min.getInteger("i4", 0));
        assertEquals(Long.MIN_VALUE, min.getLong("i8", 0));
        assertEquals(Float.NEGATIVE_INFINITY, min.getFloat("f4", 0));
        assertEquals(Double.NEGATIVE_INFINITY, min.getDouble("f8", 0));
        assertEquals(-99999, min.getInteger("n5", 0));
        assertEquals(-999999999, min.getInteger("n9", 0));
        assertEquals(-999999999999999999L, min.getLong("n18", 0));
        assertEquals(new BigDecimal("-9999999999999999999999999999.9999999999"),
                new BigDecimal(new BigInteger(min.getBinary("n38", 0).getBytes()), 10));
        assertEquals("-Infinity", min.getString("nfree", 0));
        assertEquals(java.time.LocalDate.of(1, 1, 1).toEpochDay(), min.getInteger("d", 0));
        assertEquals(micros(java.time.LocalDateTime.of(1, 1, 1, 0, 0)), min.getLong("ts", 0));
        assertEquals(micros(java.time.LocalDateTime.of(1, 1, 1, 0, 0)), min.getLong("tstz", 0));
        assertEquals(0L, min.getLong("t", 0));
        assertEquals(false, min.getBoolean("b", 0));
        assertEquals("", min.getString("txt", 0));
        assertEquals("     ", min.getString("ch", 0));
        assertEquals(0, min.getBinary("by", 0).length());
        assertEquals(new UUID(0, 0), uuid(min.getBinary("u", 0).getBytes()));
        assertEquals("\"\"", min.getString("j", 0));
        assertEquals("{}", min.getString("jb", 0));
        assertEquals("{}", min.getString("arr", 0));
        assertEquals("-178000000 years", min.getString("iv", 0));
        assertEquals("", min.getString("Mixed \"Name\"", 0));

        Group max = rows.get(2);
        assertEquals(Long.MAX_VALUE, max.getLong("i8", 0));
        assertEquals(Float.POSITIVE_INFINITY, max.getFloat("f4", 0));
        assertEquals(999999999, max.getInteger("n9", 0));
        assertEquals(new BigDecimal("9999999999999999999999999999.9999999999"),
                new BigDecimal(new BigInteger(max.getBinary("n38", 0).getBytes()), 10));
        assertEquals("NaN", max.getString("nfree", 0));
        assertEquals(java.time.LocalDate.of(9999, 12, 31).toEpochDay(), max.getInteger("d", 0));
        assertEquals(micros(java.time.LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000)), max.getLong("ts", 0));
        assertEquals(86_400_000_000L, max.getLong("t", 0));
        assertEquals("abcdefghijklmnopqrst", max.getString("vc", 0));
        assertEquals(List.of((byte) 0, (byte) 0xff, (byte) 0), bytes(max.getBinary("by", 0).getBytes()));
        assertEquals(new UUID(-1, -1), uuid(max.getBinary("u", 0).getBytes()));
        assertEquals("{\"a\": [1, 2.50, null],   \"b\":\"\\t\"}", max.getString("j", 0));
        assertEquals("{\"a\": [1, 2.50, null], \"b\": \"x\"}", max.getString("jb", 0));
        assertEquals("{1,NULL,3}", max.getString("arr", 0));
        assertEquals("{\"a b\",NULL,\"c\\\"d\",\"\"}", max.getString("tarr", 0));

        Group hard = rows.get(3);
        assertTrue(Float.isNaN(hard.getFloat("f4", 0)));
        assertTrue(Double.isNaN(hard.getDouble("f8", 0)));
        assertEquals(1, hard.getInteger("n9", 0));
        assertEquals(-1, hard.getLong("n18", 0));
        assertEquals(BigInteger.ONE, new BigInteger(hard.getBinary("n38", 0).getBytes()));
        assertEquals("123456789012345678901234567890.123456789012345678901234567890", hard.getString("nfree", 0));
        assertEquals(Integer.MAX_VALUE, hard.getInteger("d", 0));
        assertEquals(Long.MAX_VALUE, hard.getLong("ts", 0));
        assertEquals(Long.MAX_VALUE, hard.getLong("tstz", 0));
        assertEquals("tab\there\nnew line\r\\back\\N \\N and unicode é 中文 😀", hard.getString("txt", 0));
        assertEquals("\\N", hard.getString("vc", 0));

        Group bc = rows.get(4);
        assertEquals(-Integer.MAX_VALUE, bc.getInteger("d", 0));
        assertEquals(-Long.MAX_VALUE, bc.getLong("ts", 0));
        assertEquals(Float.MIN_VALUE, bc.getFloat("f4", 0));
        assertEquals(Double.MIN_VALUE, bc.getDouble("f8", 0));

        Group zones = rows.get(5);
        assertEquals(micros(java.time.LocalDateTime.of(2024, 1, 1, 21, 34, 5, 123_456_000)), zones.getLong("tstz", 0));
        assertEquals(java.time.LocalDate.of(-4712, 11, 24).toEpochDay(), zones.getInteger("d", 0));
    }

    private static void assertTypes(MessageType type) {
        assertPrimitive(type, "i2", PrimitiveTypeName.INT32, LogicalTypeAnnotation.intType(16, true));
        assertPrimitive(type, "i4", PrimitiveTypeName.INT32, null);
        assertPrimitive(type, "i8", PrimitiveTypeName.INT64, null);
        assertPrimitive(type, "f4", PrimitiveTypeName.FLOAT, null);
        assertPrimitive(type, "f8", PrimitiveTypeName.DOUBLE, null);
        assertPrimitive(type, "n5", PrimitiveTypeName.INT32, LogicalTypeAnnotation.decimalType(0, 5));
        assertPrimitive(type, "n9", PrimitiveTypeName.INT32, LogicalTypeAnnotation.decimalType(2, 9));
        assertPrimitive(type, "n18", PrimitiveTypeName.INT64, LogicalTypeAnnotation.decimalType(4, 18));
        assertPrimitive(type, "n38", PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, LogicalTypeAnnotation.decimalType(10, 38));
        assertEquals(16, type.getType("n38").asPrimitiveType().getTypeLength());
        assertPrimitive(type, "nfree", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType());
        assertPrimitive(type, "d", PrimitiveTypeName.INT32, LogicalTypeAnnotation.dateType());
        assertPrimitive(type, "ts", PrimitiveTypeName.INT64, LogicalTypeAnnotation.timestampType(false, MICROS));
        assertPrimitive(type, "tstz", PrimitiveTypeName.INT64, LogicalTypeAnnotation.timestampType(true, MICROS));
        assertPrimitive(type, "t", PrimitiveTypeName.INT64, LogicalTypeAnnotation.timeType(false, MICROS));
        assertPrimitive(type, "b", PrimitiveTypeName.BOOLEAN, null);
        assertPrimitive(type, "txt", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType());
        assertPrimitive(type, "vc", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType());
        assertPrimitive(type, "ch", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType());
        assertPrimitive(type, "by", PrimitiveTypeName.BINARY, null);
        assertPrimitive(type, "u", PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, LogicalTypeAnnotation.uuidType());
        assertPrimitive(type, "j", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType());
        assertPrimitive(type, "jb", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType());
        assertPrimitive(type, "arr", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType());
        assertPrimitive(type, "iv", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType());
        assertPrimitive(type, "Mixed \"Name\"", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType());
        for (int i = 0; i < type.getFieldCount(); i++) {
            assertEquals(org.apache.parquet.schema.Type.Repetition.OPTIONAL, type.getType(i).getRepetition());
            assertEquals(COLUMNS[i][0], type.getType(i).getName());
        }
    }

    private static void assertPrimitive(MessageType type, String name, PrimitiveTypeName physical, LogicalTypeAnnotation logical) {
        PrimitiveType p = type.getType(name).asPrimitiveType();
        assertEquals(physical, p.getPrimitiveTypeName(), name);
        assertEquals(logical, p.getLogicalTypeAnnotation(), name);
    }

    private static void loadBackAndCompare(LocalObjectStore store, Location location, TableSchema schema) throws Exception {
        String target = SOURCE + "_back";
        try (Statement st = connection.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + target);
            st.execute("CREATE TABLE " + target + " (LIKE " + SOURCE + ")");
            // A different session zone than the source's: timestamptz must not move.
            st.execute("SET TimeZone = 'Asia/Kolkata'");
            try (ParquetRowReader reader = ParquetRowReader.open(store, location)) {
                assertEquals(schema, reader.schema());
                ParquetTypes.checkColumns(reader.schema(), schema, location.toString(), target);
                String columns = String.join(", ", reader.schema().names().stream().map(ParquetPostgresRoundTripTest::quote).toList());
                long copied = connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY " + target + " (" + columns + ") FROM STDIN", reader.copyTextStream());
                assertEquals(ROWS.length, copied);
            }
            String list = comparableList(schema);
            assertEquals(0, count("SELECT " + list + " FROM " + SOURCE + " EXCEPT ALL SELECT " + list + " FROM " + target));
            assertEquals(0, count("SELECT " + list + " FROM " + target + " EXCEPT ALL SELECT " + list + " FROM " + SOURCE));
            assertEquals(ROWS.length, count("SELECT 1 FROM " + target));
        }
        finally {
            try (Statement st = connection.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + target);
                st.execute("SET TimeZone = 'America/New_York'");
            }
        }
    }

    /** json has no equality operator: compare its text. */
    private static String comparableList(TableSchema schema) {
        return String.join(", ", schema.columns().stream()
                .map(c -> c.pgType().equals("json") ? quote(c.name()) + "::text" : quote(c.name())).toList());
    }

    private static long count(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM (" + sql + ") x")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void numericNaNInADecimalColumnFailsNamingColumnAndValue() throws Exception {
        String table = SOURCE + "_nan";
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE " + table + " (id int, amount numeric(10,2))");
            st.execute("INSERT INTO " + table + " VALUES (1, 1.5), (2, 'NaN')");
            Files.createDirectories(root.resolve("bucket"));
            LocalObjectStore store = new LocalObjectStore(root);
            Location location = Location.parse("file:///bucket/nan.parquet");
            TableSchema schema = schemaOf(table);
            LadingException e;
            // Its own connection: a COPY cancelled half-way leaves pgjdbc's connection unusable afterwards.
            try (Connection own = DriverManager.getConnection(TestDatabase.URL)) {
                e = assertThrows(LadingException.class, () -> unload(own, table, schema, store, location,
                        ParquetWriteOptions.forOpenWriters(Compression.SNAPPY, 1, 64L << 20)));
            }
            assertEquals("column \"amount\" (numeric(10,2)) holds NaN, which a Parquet DECIMAL cannot represent"
                    + " (file file:///bucket/nan.parquet); unload it as text/csv, or cast it in --query, e.g."
                    + " NULLIF(amount, 'NaN') or amount::text", e.getMessage());
            assertTrue(store.stat(location).isEmpty(), "an aborted write leaves nothing");
        }
        finally {
            dropQuietly(table);
        }
    }

    @Test
    void manyRowsSpanSeveralRowGroupsAndComeBackInOrder() throws Exception {
        String table = SOURCE + "_many";
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE " + table + " AS SELECT g AS id, md5(g::text) AS h, (g * 1.01)::numeric(12,2) AS amount,"
                    + " now()::timestamp - g * interval '1 second' AS at FROM generate_series(1, 200000) g");
            Files.createDirectories(root.resolve("bucket"));
            LocalObjectStore store = new LocalObjectStore(root);
            Location location = Location.parse("file:///bucket/many.parquet");
            TableSchema schema = schemaOf(table);
            unload(connection, table, schema, store, location, ParquetWriteOptions.forOpenWriters(Compression.ZSTD, 256, 256L << 20));
            try (ParquetFileReader footer = ParquetFileReader.open(StoreInputFile.of(store, location), PLAIN)) {
                assertTrue(footer.getRowGroups().size() > 1, "1 MiB row groups: several groups expected");
            }
            st.execute("CREATE TABLE " + table + "_back (LIKE " + table + ")");
            try (ParquetRowReader reader = ParquetRowReader.open(store, location)) {
                assertEquals(200000, reader.rowCount());
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + "_back FROM STDIN", reader.copyTextStream());
            }
            assertEquals(0, count("SELECT * FROM " + table + " EXCEPT ALL SELECT * FROM " + table + "_back"));
            assertEquals(0, count("SELECT * FROM " + table + "_back EXCEPT ALL SELECT * FROM " + table));
        }
        finally {
            dropQuietly(table, table + "_back");
        }
    }

    /** Cleanup that never hides the test's own failure (a cancelled COPY can leave a pending cancel). */
    private static void dropQuietly(String... tables) {
        for (String table : tables) {
            for (int attempt = 0; attempt < 3; attempt++) {
                try (Statement st = connection.createStatement()) {
                    st.execute("DROP TABLE IF EXISTS " + table);
                    break;
                }
                catch (SQLException e) {
                    // retry once the stray cancel has been consumed
                }
            }
        }
    }

    private static long micros(java.time.LocalDateTime t) {
        java.time.Instant i = t.toInstant(java.time.ZoneOffset.UTC);
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    private static UUID uuid(byte[] b) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
        return new UUID(buf.getLong(), buf.getLong());
    }

    private static List<Byte> bytes(byte[] b) {
        List<Byte> list = new ArrayList<>();
        for (byte x : b) {
            list.add(x);
        }
        return list;
    }
}
