package io.lading.verifier;

import io.lading.verifier.VerifyReport.ColumnDifference;
import io.lading.verifier.VerifyReport.Difference;
import io.lading.verifier.testing.TwoServers;
import io.lading.warehouse.ConnectionSpec;
import io.lading.warehouse.TableName;
import io.lading.warehouse.testing.OldPostgres;
import io.lading.warehouse.testing.PgFixture;
import io.lading.warehouse.verify.NumericScale;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two databases on the local server stand for two servers. */
@Timeout(300)
class TableVerifierTest {
    @AutoClose
    private static final TwoServers servers = new TwoServers();

    private static VerifyReport verify(String table, List<String> key, NumericScale scale, int parallel, int show) {
        return verify(table, key, scale, parallel, show, true);
    }

    /** {@code rowHashes} false: md5 range digests, as against a server without hashtextextended (Greenplum 6, AnalyticDB 6). */
    private static VerifyReport verify(String table, List<String> key, NumericScale scale, int parallel, int show, boolean rowHashes) {
        return TableVerifier.verify(new VerifyRequest(ConnectionSpec.parse(PgFixture.URL), TableName.parse(servers.table(table)),
                ConnectionSpec.parse(TwoServers.TARGET_URL), TableName.parse(servers.table(table)), key, List.of(), null, scale,
                parallel, show), TableVerifier.DIGEST_BYTES, rowHashes);
    }

    private static VerifyReport verify(String table, boolean rowHashes) {
        return verify(table, List.of(), NumericScale.EXACT, 4, 100, rowHashes);
    }

    private static String named(String table, boolean rowHashes) {
        return table + (rowHashes ? "_h" : "_m");
    }

    @ParameterizedTest(name = "row hashes {0}")
    @ValueSource(booleans = {true, false})
    void hardRowsIdenticalThenOneUpdateDeleteInsert(boolean rowHashes) throws Exception {
        String hard = named("hard", rowHashes);
        servers.hardRowsOnBoth(hard);
        VerifyReport same = verify(hard, rowHashes);
        assertTrue(same.identical(), same.toString());
        assertEquals(12, same.sourceRows());
        assertEquals(12, same.targetRows());

        servers.onTarget("update " + servers.table(hard) + " set f8 = 0.30000000000000004 where id = 4");
        servers.onTarget("delete from " + servers.table(hard) + " where id = 7");
        servers.onTarget("insert into " + servers.table(hard) + " select 13, s, vc, ch, i2, i8, f4, f8, n, nu, b, d, ts, tstz, tm,"
                + " iv, by, u, j, jb, arr, tarr from " + servers.table(hard) + " where id = 8");
        VerifyReport report = verify(hard, rowHashes);
        assertEquals(List.of("7"), report.firstOnlyInSource());
        assertEquals(List.of("13"), report.firstOnlyInTarget());
        assertEquals(List.of(new Difference("4", List.of(new ColumnDifference("f8", "1.7976931348623157e+308", "0.30000000000000004")))),
                report.firstDiffering());
        assertEquals(1, report.onlyInSource());
        assertEquals(1, report.onlyInTarget());
        assertEquals(1, report.differing());
        assertEquals(12, report.sourceRows());
        assertEquals(12, report.targetRows());
    }

    @ParameterizedTest(name = "row hashes {0}")
    @ValueSource(booleans = {true, false})
    void keylessTableIsAMultiset(boolean rowHashes) throws Exception {
        String base = named("kl_base", rowHashes);
        String kl = named("kl", rowHashes);
        servers.hardRowsOnBoth(base);
        servers.onBoth("create table " + servers.table(kl) + " as select * from " + servers.table(base));
        VerifyReport same = verify(kl, rowHashes);
        assertTrue(same.identical(), same.toString());
        assertTrue(same.notes().get(0).contains("no primary key"), same.notes().toString());

        servers.onTarget("insert into " + servers.table(kl) + " select * from " + servers.table(kl) + " where id = 9");
        VerifyReport report = verify(kl, rowHashes);
        assertEquals(0, report.onlyInSource());
        assertEquals(1, report.onlyInTarget());
        assertEquals(12, report.sourceRows());
        assertEquals(13, report.targetRows());
        assertTrue(report.firstOnlyInTarget().get(0).startsWith("(9, \\N, \\., \\."), report.firstOnlyInTarget().toString());
    }

    @ParameterizedTest(name = "row hashes {0}")
    @ValueSource(booleans = {true, false})
    void normalisation(boolean rowHashes) throws Exception {
        String norm = named("norm", rowHashes);
        String t = servers.table(norm);
        servers.onSource("create table " + t + " (id int primary key, f15 float8, f17 float8, f4 real, ts timestamptz,"
                + " n numeric, j json, s text, by bytea)");
        servers.onTarget("create table " + t + " (id int primary key, f15 float8, f17 float8, f4 real, ts timestamptz,"
                + " n numeric(10,2), j jsonb, s text, by bytea)");
        double[] values = {0.1, 1.0 / 3, 5e-324, 1.2345678901234567e300, Math.PI, 2.5, -0.0, Double.NaN};
        List<String> sourceRows = new ArrayList<>();
        List<String> targetRows = new ArrayList<>();
        TreeSet<String> fifteenDigitsDiffer = new TreeSet<>();
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            String exact = Double.isNaN(v) ? "NaN" : Double.toString(v);
            String d15 = Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.14e", v);
            String d17 = Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.16e", v);
            if (!Double.isNaN(v) && Double.parseDouble(d15) != v) {
                fifteenDigitsDiffer.add(Integer.toString(i));
            }
            sourceRows.add("(" + i + ", '" + exact + "', '" + exact + "', 0.1, null, null, null, null, null)");
            targetRows.add("(" + i + ", '" + d15 + "', '" + d17 + "', 0.1, null, null, null, null, null)");
        }
        servers.onSource("insert into " + t + " values " + String.join(", ", sourceRows));
        servers.onTarget("insert into " + t + " values " + String.join(", ", targetRows));
        // the same instants written in two time zones; then one a microsecond apart
        servers.onSource("insert into " + t + " (id, ts) values (100, '2024-01-01 12:00:00.123456+00'), (101, '2024-01-01 12:00:00.123456+00')");
        servers.onTarget("insert into " + t + " (id, ts) values (100, '2024-01-01 17:30:00.123456+05:30'), (101, '2024-01-01 07:00:00.123457-05')");
        // numeric scale: equal only with --numeric-scale ignore; 1.55 and 1.5 never
        servers.onSource("insert into " + t + " (id, n) values (200, 1.5), (201, 2), (202, 1.55)");
        servers.onTarget("insert into " + t + " (id, n) values (200, 1.50), (201, 2.00), (202, 1.50)");
        // json vs jsonb: key order and spaces do not matter, values do
        servers.onSource("insert into " + t + " (id, j) values (300, '{\"b\": 1,  \"a\": [1, 2]}'), (301, '{\"a\": 1}')");
        servers.onTarget("insert into " + t + " (id, j) values (300, '{\"a\":[1,2],\"b\":1}'), (301, '{\"a\": 2}')");
        // text by bytes: composed and decomposed é differ; bytea equal whatever the output setting
        servers.onSource("insert into " + t + " (id, s, by) values (400, U&'\\00e9', '\\x00ff'), (401, 'same', '\\x5c')");
        servers.onTarget("insert into " + t + " (id, s, by) values (400, U&'e\\0301', '\\x00ff'), (401, 'same', '\\x5c')");

        VerifyReport exact = verify(norm, List.of(), NumericScale.EXACT, 2, 100, rowHashes);
        List<String> expected = new ArrayList<>(fifteenDigitsDiffer);
        expected.addAll(List.of("101", "200", "201", "202", "301", "400"));
        assertEquals(expected, exact.firstDiffering().stream().map(Difference::key).toList(), exact.toString());
        for (Difference d : exact.firstDiffering()) {
            String columns = d.columns().stream().map(ColumnDifference::column).collect(Collectors.joining(","));
            String want = switch (Integer.parseInt(d.key()) / 100) {
                case 0 -> "f15";
                case 1 -> "ts";
                case 2 -> "n";
                case 3 -> "j";
                default -> "s";
            };
            assertEquals(want, columns, d.toString());
        }
        assertEquals(0, exact.onlyInSource() + exact.onlyInTarget());

        VerifyReport ignore = verify(norm, List.of(), NumericScale.IGNORE, 2, 100, rowHashes);
        List<String> expectedIgnore = new ArrayList<>(fifteenDigitsDiffer);
        expectedIgnore.addAll(List.of("101", "202", "301", "400"));
        assertEquals(expectedIgnore, ignore.firstDiffering().stream().map(Difference::key).toList(), ignore.toString());
    }

    /** Every key type: the ranges are cut by the key's own order, so enough rows to bisect several levels. */
    @ParameterizedTest
    @CsvSource({
            "bigint, g",
            "text, 'k' || g",
            "uuid, md5(g::text)::uuid",
            "date, date '1900-01-01' + g",
            "timestamptz, timestamptz '2000-01-01 00:00:00+00' + g * interval '1 second 7 microseconds'",
            "numeric, g / 7.0",
    })
    void everyKeyTypeFindsExactlyTheDifferences(String type, String keyExpression) throws Exception {
        String table = "keys_" + type;
        String t = servers.table(table);
        String create = "create table " + t + " (k " + type + " primary key, g int, v text);"
                + " insert into " + t + " select " + keyExpression + ", g, 'v' || g from generate_series(1, 20000) g";
        servers.onBoth(create);
        servers.onTarget("update " + t + " set v = 'changed' where g in (17, 9000, 19999)");
        servers.onTarget("delete from " + t + " where g in (1, 12345)");
        VerifyReport report = verify(table, List.of(), NumericScale.EXACT, 3, 100);
        assertEquals(2, report.onlyInSource(), report.toString());
        assertEquals(3, report.differing(), report.toString());
        assertEquals(0, report.onlyInTarget(), report.toString());
        assertEquals(20000, report.sourceRows());
        assertEquals(19998, report.targetRows());
        assertTrue(report.firstDiffering().stream().allMatch(d -> d.columns().get(0).column().equals("v")), report.toString());
    }

    /**
     * Thousands of random differences spread over a table: every one found, none invented. The
     * issue's 2,000,000 rows with row hashes (the path of PostgreSQL 11 and later); 200,000 with md5
     * digests, the slower path of Greenplum 6 and AnalyticDB 6.
     */
    @ParameterizedTest(name = "{0} rows, row hashes {1}")
    @CsvSource({"2000000, true, 1500, 750, 750", "200000, false, 200, 100, 100"})
    void randomDifferencesInABigTable(int rows, boolean rowHashes, int updates, int deletes, int inserts) throws Exception {
        String big = named("big", rowHashes);
        String t = servers.table(big);
        servers.onBoth("create table " + t + " (id bigint primary key, a int, b text, c float8);"
                + " insert into " + t + " select 2 * g, g % 1000, md5(g::text), g / 3.0 from generate_series(1, " + rows + ") g;"
                + " analyze " + t);
        Random random = new Random(13);
        TreeSet<Long> updated = new TreeSet<>();
        TreeSet<Long> deleted = new TreeSet<>();
        TreeSet<Long> inserted = new TreeSet<>();
        while (updated.size() < updates) {
            updated.add(2L * (1 + random.nextInt(rows)));
        }
        while (deleted.size() < deletes) {
            long id = 2L * (1 + random.nextInt(rows));
            if (!updated.contains(id)) {
                deleted.add(id);
            }
        }
        while (inserted.size() < inserts) {
            inserted.add(2L * random.nextInt(rows + 2) + 1);
        }
        servers.onTarget("update " + t + " set c = c + 1e-9 where id in (" + join(updated) + ")");
        servers.onTarget("delete from " + t + " where id in (" + join(deleted) + ")");
        servers.onTarget("insert into " + t + " select id, 1, 'new', 0 from unnest(array[" + join(inserted) + "]::bigint[]) id");

        int show = updates + deletes + inserts;
        VerifyReport report = verify(big, List.of(), NumericScale.EXACT, 2, show, rowHashes);
        assertEquals(rows, report.sourceRows());
        assertEquals(rows - deletes + inserts, report.targetRows());
        assertEquals(strings(deleted), report.firstOnlyInSource());
        assertEquals(strings(inserted), report.firstOnlyInTarget());
        assertEquals(strings(updated), report.firstDiffering().stream().map(Difference::key).toList());
        assertEquals(java.util.Map.of("c", (long) updates), report.differingByColumn());
    }

    /**
     * Digests of at most 1,000 rows: the range of the first cut that holds the 5,000 rows of one
     * first-key value is too big for one digest and is cut again; the slice that no cut can split
     * is summed row by row instead.
     */
    @Test
    void rangesTooBigForOneDigestAreCutOrSummedRowByRow() throws Exception {
        String t = servers.table("wide_ranges");
        servers.onBoth("create table " + t + " (k int, g int, v text);"
                + " insert into " + t + " select case when g <= 25000 then g else 30000 end, g, 'v' || g from generate_series(1, 30000) g;"
                + " analyze " + t);
        VerifyRequest request = new VerifyRequest(ConnectionSpec.parse(PgFixture.URL), TableName.parse(t),
                ConnectionSpec.parse(TwoServers.TARGET_URL), TableName.parse(t), List.of("k", "g"), List.of(), null, NumericScale.EXACT, 2, 100);
        VerifyReport same = TableVerifier.verify(request, 1, false);
        assertTrue(same.identical(), same.toString());
        assertEquals(30000, same.sourceRows());

        servers.onTarget("update " + t + " set v = 'changed' where g in (17, 24000, 27000)");
        servers.onTarget("delete from " + t + " where g in (500, 29999)");
        VerifyReport report = TableVerifier.verify(request, 1, false);
        assertEquals(30000, report.sourceRows(), report.toString());
        assertEquals(29998, report.targetRows(), report.toString());
        assertEquals(2, report.onlyInSource(), report.toString());
        assertEquals(0, report.onlyInTarget(), report.toString());
        assertEquals(3, report.differing(), report.toString());
        assertEquals(java.util.Map.of("v", 3L), report.differingByColumn());
    }

    /**
     * character(n) of one length on both sides is hashed as printed (padded), against varchar as
     * trimmed text; a row of 150 columns is formatted in pieces. A difference in either is found.
     */
    @ParameterizedTest(name = "row hashes {0}")
    @ValueSource(booleans = {true, false})
    void paddedCharactersAndWideRows(boolean rowHashes) throws Exception {
        String chars = named("chars", rowHashes);
        servers.onSource("create table " + servers.table(chars) + " (id int primary key, c char(5), d char(5), e char(3))");
        servers.onTarget("create table " + servers.table(chars) + " (id int primary key, c char(5), d varchar(5), e char(4))");
        servers.onBoth("insert into " + servers.table(chars) + " values (1, 'ab', 'ab', 'x'), (2, null, '', ''), (3, 'a,b', ',', null),"
                + " (4, ' ', 'z', 'q')");
        VerifyReport same = verify(chars, rowHashes);
        assertTrue(same.identical(), same.toString());
        servers.onTarget("update " + servers.table(chars) + " set c = 'ab ,' where id = 1");
        servers.onTarget("update " + servers.table(chars) + " set c = null where id = 4");
        VerifyReport changed = verify(chars, rowHashes);
        assertEquals(List.of("1", "4"), changed.firstDiffering().stream().map(Difference::key).toList(), changed.toString());
        assertEquals(java.util.Map.of("c", 2L), changed.differingByColumn());

        String wide = named("wide", rowHashes);
        StringBuilder columns = new StringBuilder("id int primary key");
        StringBuilder values = new StringBuilder("g");
        for (int c = 1; c < 150; c++) {
            columns.append(", c").append(c).append(c % 2 == 0 ? " text" : " int");
            values.append(c % 2 == 0 ? ", 'v' || g || '," + c + "'" : ", g + " + c);
        }
        servers.onBoth("create table " + servers.table(wide) + " (" + columns + "); insert into " + servers.table(wide)
                + " select " + values + " from generate_series(1, 3000) g");
        VerifyReport wideSame = verify(wide, rowHashes);
        assertTrue(wideSame.identical(), wideSame.toString());
        servers.onTarget("update " + servers.table(wide) + " set c140 = 'x' where id = 2999");
        VerifyReport wideChanged = verify(wide, rowHashes);
        assertEquals(List.of("2999"), wideChanged.firstDiffering().stream().map(Difference::key).toList(), wideChanged.toString());
        assertEquals(java.util.Map.of("c140", 1L), wideChanged.differingByColumn());
    }

    /**
     * A source with hashtextextended (PostgreSQL 15) against a target without (PostgreSQL 9.6, as
     * Greenplum 6 and AnalyticDB 6): both sides use md5 digests, the report says so, and the
     * differences are found.
     */
    @Test
    void aServerWithoutRowHashesIsComparedByDigests() throws Exception {
        String t = servers.table("old_target");
        String create = "create table " + t + " (id int primary key, c char(4), v text, n numeric(8,2));"
                + " insert into " + t + " select g, 'c' || (g % 7), 'v' || g, g / 4.0 from generate_series(1, 5000) g";
        servers.onSource("create schema if not exists " + servers.schema);
        servers.onSource(create);
        OldPostgres old = OldPostgres.shared();
        try (java.sql.Connection c = ConnectionSpec.parse(old.url()).connect(); java.sql.Statement st = c.createStatement()) {
            st.execute("create schema if not exists " + servers.schema);
            st.execute(create);
            st.execute("update " + t + " set v = 'changed' where id in (10, 4000)");
            st.execute("delete from " + t + " where id = 77");
        }
        VerifyReport report = TableVerifier.verify(new VerifyRequest(ConnectionSpec.parse(PgFixture.URL), TableName.parse(t),
                ConnectionSpec.parse(old.url()), TableName.parse(t), List.of(), List.of(), null, NumericScale.EXACT, 2, 100));
        assertEquals(List.of("10", "4000"), report.firstDiffering().stream().map(Difference::key).toList(), report.toString());
        assertEquals(List.of("77"), report.firstOnlyInSource(), report.toString());
        assertEquals(5000, report.sourceRows());
        assertEquals(4999, report.targetRows());
        assertEquals(List.of("the target (PostgreSQL) has no extended hash functions (PostgreSQL 11+): ranges compared by md5 digests,"
                + " which take several times the server time of row hashes"), report.notes());
    }

    private static String join(TreeSet<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static List<String> strings(TreeSet<Long> ids) {
        return ids.stream().map(String::valueOf).toList();
    }
}
