package io.lading.warehouse.verify;

import io.lading.format.Column;
import io.lading.format.PgTypes;
import io.lading.warehouse.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The statements of {@code lading verify}, as pure strings: per key range a row count and a
 * digest (one md5 of the rows' canonical texts in key order; or, where one hash per row is
 * needed, the sum of a 64-bit hash of each row's canonical text), the boundaries that split a
 * range, and the rows of a small range. Every statement runs on PostgreSQL 9.4 (Greenplum 6,
 * AnalyticDB 6) through 17: md5, string_agg, format, bit casts, ntile and jsonb only; the faster sums of
 * column hashes (PostgreSQL's extended hash functions) where both servers have them.
 */
public final class VerifyStatements {
    /** A numeric's trailing zeros after the point, and the point itself when nothing else is left. */
    private static final String TRAILING_ZEROS = "(\\.[0-9]*[1-9])0+$|\\.0+$";
    /** character(n) as format_type prints it. */
    private static final Pattern FIXED_WIDTH = Pattern.compile("(?:character|char|bpchar)\\(\\d+\\)");
    /** The extended hash functions {@link #columnHashes} uses, all there from PostgreSQL 11 on. */
    public static final int ROW_HASH_FUNCTIONS = 4;

    private VerifyStatements() {
    }

    /**
     * Session settings that make the server print equal values alike: timestamps with time zone in
     * UTC, ISO dates, postgres intervals, bytea as hex, and floats (in displayed values) with
     * round-trip precision, which Greenplum 6 only does with {@code extra_float_digits = 3}; memory
     * enough to sort the rows of a range digest without spilling to disk; and no parallel workers
     * (PostgreSQL 9.6 and later): verify runs its ranges in parallel itself, and workers of every
     * range on top of that only contend for the same cores.
     */
    public static List<String> sessionSettings() {
        return List.of("SET TimeZone = 'UTC'", "SET DateStyle = 'ISO, YMD'", "SET IntervalStyle = 'postgres'",
                "SET bytea_output = 'hex'", "SET extra_float_digits = 3", "SET work_mem = '64MB'",
                "select set_config(name, '0', false) from pg_catalog.pg_settings where name = 'max_parallel_workers_per_gather'");
    }

    /** The canonical text of one column's value; NULL stays NULL. */
    public static String canonical(Column column, NumericScale numericScale) {
        String c = Sql.ident(column.name());
        return switch (ValueRule.of(column)) {
            // NaN is NaN whatever its bits; every other value keeps its exact bits (so -0 is not 0).
            case FLOAT -> "case when " + c + " = 'NaN' then 'NaN' else encode(float8send(" + c + "::float8), 'hex') end";
            case NUMERIC -> numericScale == NumericScale.IGNORE
                    ? "regexp_replace(" + c + "::text, " + Sql.literal(TRAILING_ZEROS) + ", " + Sql.literal("\\1") + ")"
                    : c + "::text";
            case JSON -> c + "::jsonb::text";
            case INTEGER, STRING, TEXT -> c + "::text";
        };
    }

    /**
     * A field of the hashed row: the column itself where its canonical text is its text output,
     * because the row's text form prints it with that same output function, without a cast. Not
     * for the character types: {@code char(n)}'s cast to text drops its trailing blanks.
     */
    private static String hashed(Column column, NumericScale numericScale) {
        return switch (ValueRule.of(column)) {
            case INTEGER, TEXT -> Sql.ident(column.name());
            case FLOAT, NUMERIC, JSON, STRING -> canonical(column, numericScale);
        };
    }

    /** The value as the user reads it, for reports. */
    public static String display(Column column) {
        return Sql.ident(column.name()) + "::text";
    }

    /**
     * A 64-bit hash of the row's canonical text: the first 16 hex digits of its md5, as bigint. The
     * row constructor's text form quotes each field, so NULL, the empty string and a field holding
     * the separator stay distinct.
     */
    public static String rowHash(VerifyScope scope) {
        String fields = scope.columns().stream().map(c -> hashed(c, scope.numericScale())).collect(Collectors.joining(", "));
        return "('x' || substr(md5(row(" + fields + ")::text), 1, 16))::bit(64)::bigint";
    }

    /** {@link #rowHash}, or with {@code hashes} (see {@link #hashForms}) the {@link #columnHashes} of the row. */
    static String rowHash(VerifyScope scope, List<HashForm> hashes) {
        return hashes == null ? rowHash(scope) : columnHashes(scope, hashes);
    }

    /**
     * How one compared column is hashed by {@link #columnHashes}: with the hash of its type where both
     * sides agree on it, else the hash of its canonical text. Each is PostgreSQL's own extended
     * (64-bit, seeded) hash function, and gives equal values equal hashes exactly when their
     * canonical texts are equal.
     */
    public enum HashForm {
        /** Integers of any width on both sides: {@code hashint8extended}, which hashes the value, not its width. */
        INTEGER,
        /**
         * Text, varchar or character(n) on both sides: the bytes ({@code hashtextextended}), a
         * character(n)'s without its trailing blanks ({@code hashbpcharextended}), as its cast to text drops them.
         */
        STRING,
        /** numeric on both sides with {@code --numeric-scale ignore}: {@code hash_numeric_extended}, equal for 1.5 and 1.50. */
        NUMERIC_VALUE,
        /** Anything else: {@code hashtextextended} of the canonical text. */
        CANONICAL
    }

    /** The {@link HashForm} of each compared column, decided for both sides at once. */
    public static List<HashForm> hashForms(VerifyScope source, VerifyScope target) {
        requireSameWidth(source, target);
        List<HashForm> forms = new ArrayList<>();
        for (int i = 0; i < source.columns().size(); i++) {
            ValueRule s = ValueRule.of(source.columns().get(i));
            ValueRule t = ValueRule.of(target.columns().get(i));
            HashForm form = HashForm.CANONICAL;
            if (s == ValueRule.INTEGER && t == ValueRule.INTEGER) {
                form = HashForm.INTEGER;
            }
            else if (s == ValueRule.STRING && t == ValueRule.STRING) {
                form = HashForm.STRING;
            }
            else if (s == ValueRule.NUMERIC && t == ValueRule.NUMERIC && source.numericScale() == NumericScale.IGNORE) {
                form = HashForm.NUMERIC_VALUE;
            }
            forms.add(form);
        }
        return List.copyOf(forms);
    }

    /**
     * A 64-bit hash of the row: the XOR of one seeded hash per compared column (the seed is the
     * column's position, so equal values in two columns do not cancel, nor do values that trade
     * places), a NULL hashing as a constant of its own per column. Each column's hash comes from
     * the value itself where {@link HashForm} allows (no text is made of an integer or a
     * character(n)), so a row costs about half of hashing its whole text, less than printing it.
     */
    static String columnHashes(VerifyScope scope, List<HashForm> forms) {
        if (forms.size() != scope.columns().size()) {
            throw new IllegalArgumentException(forms.size() + " hash forms for " + scope.columns().size() + " columns");
        }
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < forms.size(); i++) {
            Column column = scope.columns().get(i);
            String c = Sql.ident(column.name());
            int seed = i + 1;
            String hash = switch (forms.get(i)) {
                case INTEGER -> "hashint8extended(" + c + "::int8, " + seed + ")";
                case STRING -> fixedWidth(column) ? "hashbpcharextended(" + c + " collate \"C\", " + seed + ")"
                        : "hashtextextended(" + c + "::text collate \"C\", " + seed + ")";
                case NUMERIC_VALUE -> "hash_numeric_extended(" + c + ", " + seed + ")";
                case CANONICAL -> "hashtextextended((" + canonical(column, scope.numericScale()) + ") collate \"C\", " + seed + ")";
            };
            hashes.add("coalesce(" + hash + ", " + nullHash(seed) + ")");
        }
        return "(" + String.join(" # ", hashes) + ")";
    }

    /** The hash of a NULL in the column of this seed: a constant no value of a column is likely to hash to. */
    private static String nullHash(int seed) {
        return Long.toString(0x9E3779B97F4A7C15L * seed + 0x632BE59BD9B4E019L);
    }

    /** How a compared column is written into a row's text; decided for both sides at once, so equal canonical texts stay equal. */
    public enum FieldForm {
        /**
         * The canonical text as it is, NULL as the empty string: for canonical texts that never hold a
         * comma and are never empty on either server (integers, numeric, a float's bits, boolean,
         * date, time, timestamp, uuid, bytea in hex).
         */
        BARE,
        /** The canonical text as a quoted literal, NULL as the word NULL (as {@code quote_nullable} writes them). */
        QUOTED,
        /**
         * Quoted as {@link #QUOTED}, but the value as the server prints it, trailing blanks and all:
         * for {@code character(n)} of the same length on both sides, where the padded texts are equal
         * exactly when the trimmed ones are, and the cast that trims is a quarter of a digest's cost.
         */
        PADDED
    }

    /** The {@link FieldForm} of each compared column. */
    public static List<FieldForm> fieldForms(VerifyScope source, VerifyScope target) {
        requireSameWidth(source, target);
        List<FieldForm> forms = new ArrayList<>();
        for (int i = 0; i < source.columns().size(); i++) {
            Column s = source.columns().get(i);
            Column t = target.columns().get(i);
            if (bare(s) && bare(t)) {
                forms.add(FieldForm.BARE);
            }
            else {
                forms.add(fixedWidth(s) && s.pgType().equals(t.pgType()) ? FieldForm.PADDED : FieldForm.QUOTED);
            }
        }
        return List.copyOf(forms);
    }

    private static boolean bare(Column column) {
        return switch (PgTypes.kindOf(column.pgType())) {
            case SMALLINT, INTEGER, BIGINT, REAL, DOUBLE_PRECISION, NUMERIC, BOOLEAN, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, UUID, BYTEA -> true;
            default -> false;
        };
    }

    private static void requireSameWidth(VerifyScope source, VerifyScope target) {
        if (source.columns().size() != target.columns().size()) {
            throw new IllegalArgumentException("the sides compare " + source.columns().size() + " and " + target.columns().size() + " columns");
        }
    }

    private static boolean fixedWidth(Column column) {
        return FIXED_WIDTH.matcher(column.pgType()).matches();
    }

    /**
     * The text of one row in a range digest: the fields joined by commas, each written in its
     * {@link FieldForm} ({@code format}'s {@code %s} prints NULL as the empty string, {@code %L} as
     * the word NULL and anything else as a quoted literal). Bare fields hold no comma and quoted ones
     * end at their closing quote, so the text names the canonical values (and NULLs) of the row
     * exactly, and a newline after each row keeps the rows of a range apart.
     */
    static String rowText(VerifyScope scope, List<FieldForm> forms) {
        if (forms.size() != scope.columns().size()) {
            throw new IllegalArgumentException(forms.size() + " field forms for " + scope.columns().size() + " columns");
        }
        List<String> specs = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < forms.size(); i++) {
            Column column = scope.columns().get(i);
            FieldForm form = forms.get(i);
            specs.add(form == FieldForm.BARE ? "%s" : "%L");
            values.add(form == FieldForm.PADDED ? Sql.ident(column.name()) : hashed(column, scope.numericScale()));
        }
        return joined(specs, values);
    }

    /**
     * {@code format} of the specs with the values; a function takes at most 100 arguments, so a
     * wider row is formatted in pieces joined by an outer {@code format}, which gives the same text.
     */
    private static String joined(List<String> specs, List<String> values) {
        if (values.size() <= FORMAT_ARGUMENTS) {
            return "format(" + Sql.literal(String.join(",", specs)) + ", " + String.join(", ", values) + ")";
        }
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < values.size(); i += FORMAT_ARGUMENTS) {
            int end = Math.min(values.size(), i + FORMAT_ARGUMENTS);
            pieces.add(joined(specs.subList(i, end), values.subList(i, end)));
        }
        return joined(java.util.Collections.nCopies(pieces.size(), "%s"), pieces);
    }

    /** Values of one {@code format} call (PostgreSQL's limit is 100 arguments, the format string included). */
    static final int FORMAT_ARGUMENTS = 90;

    /**
     * One row: the count of rows in the range and the md5 of their {@link #rowText texts} in key
     * order, every row's text followed by a newline; at most {@code limit + 1} rows are read, so a
     * count above {@code limit} means the range is too big for one digest (the server holds its
     * text in memory) and must be cut. One md5 over the range is far cheaper than one per row.
     * A {@code unique} key (the primary key) orders the rows itself: the aggregate takes them in
     * the order of the subquery, which reads them in the order of the key's index, and sorts
     * nothing (an order it did not keep would make equal ranges differ and be bisected down to
     * their rows, never make different ones equal). Any other key sorts them in the aggregate,
     * ties by the row's text.
     */
    public static String rangeDigest(VerifyScope scope, KeyRange range, List<FieldForm> forms, int limit, boolean unique) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        List<String> keys = new ArrayList<>();
        List<String> inner = new ArrayList<>();
        List<String> outer = new ArrayList<>();
        for (int i = 0; i < scope.key().size(); i++) {
            Column k = scope.key().get(i);
            String collate = ValueRule.of(k) == ValueRule.STRING ? " collate \"C\"" : "";
            keys.add(Sql.ident(k.name()) + " as k" + (i + 1));
            inner.add(Sql.ident(k.name()) + collate);
            outer.add("k" + (i + 1) + collate);
        }
        outer.add("t collate \"C\"");
        String rows = " from " + scope.table().sql() + " where " + predicate(scope, range) + " order by " + String.join(", ", inner)
                + " limit " + (limit + 1L) + ") s";
        if (unique) {
            return "select count(*), coalesce(md5(string_agg(t || chr(10), '')), '') from (select " + rowText(scope, forms) + " as t" + rows;
        }
        return "select count(*), coalesce(md5(string_agg(t || chr(10), '' order by " + String.join(", ", outer) + ")), '') from (select "
                + rowText(scope, forms) + " as t, " + String.join(", ", keys) + rows;
    }

    /**
     * One row: the count of rows in the range and the sum of their {@link #columnHashes} (numeric,
     * so it cannot overflow), as text. Order-independent, so the server neither sorts the rows nor
     * holds them, and no text is made of most values: about half the server time of {@link
     * #rangeDigest}, less than printing the rows. Only for two servers whose {@link #hashProbe}
     * agrees (PostgreSQL 11 and later, AnalyticDB 7, Greenplum 7).
     */
    public static String rangeHash(VerifyScope scope, KeyRange range, List<HashForm> forms) {
        return "select count(*), coalesce(sum(" + columnHashes(scope, forms) + "), 0)::text from " + scope.table().sql()
                + " where " + predicate(scope, range);
    }

    /**
     * One row, one column: how many of the extended hash functions of {@link #columnHashes} the
     * server has ({@link #ROW_HASH_FUNCTIONS} from PostgreSQL 11 on). Runs everywhere.
     */
    public static String hasRowHash64() {
        return "select count(distinct proname) from pg_catalog.pg_proc where proname in"
                + " ('hashtextextended', 'hashint8extended', 'hashbpcharextended', 'hash_numeric_extended')";
    }

    /**
     * One row, one column: each hash function of {@link #columnHashes} on a fixed value, as text.
     * Two servers that give the same text hash alike, and their {@link #rangeHash} sums compare; run
     * only where {@link #hasRowHash64} found all four.
     */
    public static String hashProbe() {
        return "select concat_ws(',', hashtextextended('lading verify probe', 1), hashint8extended(-1234567890123, 2),"
                + " hashbpcharextended('ab '::char(4), 3), hash_numeric_extended(1.50, 4))";
    }

    /** The server's estimate of the table's rows and pages (8 KiB), from its statistics: both 0 before the first ANALYZE. */
    public static String tableSize(VerifyScope scope) {
        return "select reltuples::float8, relpages::float8 from pg_class where oid = " + Sql.literal(scope.table().sql()) + "::regclass";
    }

    /** One row: the count of rows in the range and the sum of their hashes (numeric, so it cannot overflow). */
    public static String checksum(VerifyScope scope, KeyRange range) {
        return "select count(*), coalesce(sum(h), 0) from (select " + rowHash(scope) + " as h from " + scope.table().sql()
                + " where " + predicate(scope, range) + ") s";
    }

    /** Smallest and largest first key (as text): where arithmetic splitting of an integer key starts. */
    public static String keyExtent(VerifyScope scope) {
        String k = firstKey(scope);
        return "select min(" + k + ")::text, max(" + k + ")::text from " + scope.table().sql() + filter(scope, " where ");
    }

    /**
     * The first key of each of {@code tiles} equal slices of the range in key order, ascending:
     * from the second on they are the bounds that split the range.
     */
    public static String boundaries(VerifyScope scope, KeyRange range, int tiles) {
        if (tiles < 2) {
            throw new IllegalArgumentException("tiles must be at least 2: " + tiles);
        }
        String k = orderedKey(scope);
        // distinct on, not min(): uuid has no min() before PostgreSQL 16
        return "select distinct on (tile) k::text from (select " + k + " as k, ntile(" + tiles + ") over (order by " + k
                + ") as tile from " + scope.table().sql() + " where " + predicate(scope, range) + ") s order by tile, k";
    }

    /**
     * The rows of a range: the key columns' canonical text, then every compared column's canonical
     * text, then its displayed text; in key order (the key's own order, not its text's).
     */
    public static String rows(VerifyScope scope, KeyRange range) {
        List<String> select = new ArrayList<>();
        scope.key().forEach(c -> select.add(canonical(c, scope.numericScale())));
        scope.columns().forEach(c -> select.add(canonical(c, scope.numericScale())));
        scope.columns().forEach(c -> select.add(display(c)));
        // named v1, v2, ...: an output column named like a key column (a cast keeps the name) would
        // be what ORDER BY sorts, by its text, and 1233 would come before 439
        for (int i = 0; i < select.size(); i++) {
            select.set(i, select.get(i) + " as v" + (i + 1));
        }
        List<String> order = new ArrayList<>();
        order.add(orderedKey(scope));
        scope.key().subList(1, scope.key().size()).forEach(c -> order.add(Sql.ident(c.name())));
        return "select " + String.join(", ", select) + " from " + scope.table().sql() + " where " + predicate(scope, range)
                + " order by " + String.join(", ", order);
    }

    /** Row count and hash sum per bucket of rows (the low {@code bits} of the row hash): a key-less table's checksums. */
    public static String bucketChecksums(VerifyScope scope, int bits, List<HashForm> hashes) {
        return "select h & " + mask(bits) + ", count(*), sum(h) from (select " + rowHash(scope, hashes) + " as h from "
                + scope.table().sql() + filter(scope, " where ") + ") s group by 1";
    }

    /** The rows of the given buckets, as {@link #rows} gives them but without key columns. */
    public static String bucketRows(VerifyScope scope, int bits, List<HashForm> hashes, List<Long> buckets) {
        if (buckets.isEmpty()) {
            throw new IllegalArgumentException("no buckets");
        }
        List<String> select = new ArrayList<>();
        scope.columns().forEach(c -> select.add(canonical(c, scope.numericScale())));
        scope.columns().forEach(c -> select.add(display(c)));
        String in = buckets.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return "select " + String.join(", ", select) + " from " + scope.table().sql() + " where (" + rowHash(scope, hashes) + " & "
                + mask(bits) + ") in (" + in + ")" + filter(scope, " and ");
    }

    /** The rows of the range and of the user's filter; a range's bounds are literals of the key's text. */
    static String predicate(VerifyScope scope, KeyRange range) {
        String k = orderedKey(scope);
        List<String> terms = new ArrayList<>();
        if (range.nulls()) {
            terms.add(Sql.ident(scope.key().get(0).name()) + " is null");
        }
        else if (range.lo() == null && range.hi() == null) {
            terms.add(Sql.ident(scope.key().get(0).name()) + " is not null");
        }
        if (range.lo() != null) {
            terms.add(k + " >= " + Sql.literal(range.lo()));
        }
        if (range.hi() != null) {
            terms.add(k + " < " + Sql.literal(range.hi()));
        }
        if (scope.where() != null) {
            terms.add("(" + scope.where() + ")");
        }
        return String.join(" and ", terms);
    }

    private static String filter(VerifyScope scope, String glue) {
        return scope.where() == null ? "" : glue + "(" + scope.where() + ")";
    }

    private static String firstKey(VerifyScope scope) {
        if (!scope.keyed()) {
            throw new IllegalArgumentException(scope.table() + " is verified without a key");
        }
        return Sql.ident(scope.key().get(0).name());
    }

    /** Text keys order by bytes, so both servers cut ranges alike whatever their collations. */
    private static String orderedKey(VerifyScope scope) {
        String k = firstKey(scope);
        return ValueRule.of(scope.key().get(0)) == ValueRule.STRING ? k + " collate \"C\"" : k;
    }

    private static String mask(int bits) {
        if (bits < 0 || bits > 30) {
            throw new IllegalArgumentException("bucket bits must be 0 to 30: " + bits);
        }
        return Long.toString((1L << bits) - 1);
    }
}
