package io.lading.format.parquet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.lading.common.LadingException;
import io.lading.format.Column;
import io.lading.format.PgTypes;
import io.lading.format.TableSchema;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import static org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit.MICROS;

/**
 * The one mapping between PostgreSQL types and Parquet types, both ways. See
 * {@code docs/README-formats.md} for the table. Every Parquet column is OPTIONAL and keeps the
 * PostgreSQL column name exactly. Files Lading writes also carry the exact PostgreSQL types in the
 * footer's key-value metadata under {@link #PG_SCHEMA_KEY}, so {@link #tableSchema} gives back
 * {@code jsonb}, {@code interval} or {@code integer[]} rather than {@code text}.
 */
public final class ParquetTypes {
    /** Footer key-value metadata key: JSON array of {@code {"name":..,"type":..}} objects. */
    public static final String PG_SCHEMA_KEY = "lading.pg_schema";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ParquetTypes() {
    }

    /** How {@code column} is mapped; never fails: unknown types become text. */
    public static ParquetColumn map(Column column) {
        PgTypes.Classified type = PgTypes.classify(column.pgType());
        return switch (type.kind()) {
            case SMALLINT -> exact(column, ValueKind.INT16);
            case INTEGER -> exact(column, ValueKind.INT32);
            case BIGINT -> exact(column, ValueKind.INT64);
            case REAL -> exact(column, ValueKind.FLOAT32);
            case DOUBLE_PRECISION -> exact(column, ValueKind.FLOAT64);
            case NUMERIC -> decimal(column, type.precision(), type.scale());
            case BOOLEAN -> exact(column, ValueKind.BOOLEAN);
            case DATE -> exact(column, ValueKind.DATE);
            case TIMESTAMP -> exact(column, ValueKind.TIMESTAMP);
            case TIMESTAMPTZ -> exact(column, ValueKind.TIMESTAMPTZ);
            case TIME -> exact(column, ValueKind.TIME);
            case TEXT, NAME, JSON -> exact(column, ValueKind.TEXT);
            case JSONB -> exact(column, ValueKind.JSONB);
            case UUID -> exact(column, ValueKind.UUID);
            case BYTEA -> exact(column, ValueKind.BYTEA);
            case OTHER -> castToText(column);
        };
    }

    private static ParquetColumn exact(Column column, ValueKind kind) {
        return new ParquetColumn(column, kind, 0, 0, false);
    }

    private static ParquetColumn castToText(Column column) {
        return new ParquetColumn(column, ValueKind.TEXT, 0, 0, true);
    }

    private static ParquetColumn decimal(Column column, int precision, int scale) {
        if (precision == 0 || precision > 38 || scale < 0 || scale > precision) {
            // Unconstrained; or PostgreSQL 15's negative scale or scale above the precision, which DECIMAL does not allow.
            return castToText(column);
        }
        ValueKind kind = precision <= 9 ? ValueKind.DECIMAL_INT32
                : precision <= 18 ? ValueKind.DECIMAL_INT64 : ValueKind.DECIMAL_FIXED;
        return new ParquetColumn(column, kind, precision, scale, false);
    }

    public static List<ParquetColumn> map(TableSchema schema) {
        return schema.columns().stream().map(ParquetTypes::map).toList();
    }

    /**
     * The expression the unloader puts in its {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)}
     * for this column: the quoted name, or the quoted name with {@code ::text} for every type the
     * writer receives as text (unconstrained numeric, numeric wider than 38 digits, arrays,
     * interval, inet, timetz, domains, ...). {@code quotedIdentifier} is the column name already
     * quoted by the caller's one quoting function.
     */
    public static String selectExpression(Column column, String quotedIdentifier) {
        return map(column).castToText() ? quotedIdentifier + "::text" : quotedIdentifier;
    }

    /** The comma-separated select list for a whole schema; {@code quote} is the caller's identifier quoting. */
    public static String selectList(TableSchema schema, UnaryOperator<String> quote) {
        StringBuilder sb = new StringBuilder();
        for (Column c : schema.columns()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(selectExpression(c, quote.apply(c.name())));
        }
        return sb.toString();
    }

    /**
     * A plan-time warning for a column Parquet cannot type exactly (it is written as STRING), or
     * empty. Arrays, interval and the like are not warned about: STRING is their intended mapping.
     */
    public static Optional<String> planWarning(Column column) {
        if (map(column).castToText() && PgTypes.kindOf(column.pgType()) == PgTypes.Kind.NUMERIC) {
            return Optional.of("column \"" + column.name() + "\" is " + column.pgType()
                    + " without a precision Parquet DECIMAL can hold (p <= 38, 0 <= s <= p); it is written as a STRING"
                    + " column; cast it in --query (e.g. " + column.name() + "::numeric(38,10)) for a DECIMAL");
        }
        return Optional.empty();
    }

    /** The Parquet schema Lading writes for {@code schema}. */
    public static MessageType messageType(TableSchema schema) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (ParquetColumn pc : map(schema)) {
            b.addField(parquetType(pc));
        }
        return b.named("lading");
    }

    static PrimitiveType parquetType(ParquetColumn pc) {
        String name = pc.name();
        return switch (pc.kind()) {
            case INT16 -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(16, true)).named(name);
            case INT32 -> Types.optional(PrimitiveTypeName.INT32).named(name);
            case INT64 -> Types.optional(PrimitiveTypeName.INT64).named(name);
            case FLOAT32 -> Types.optional(PrimitiveTypeName.FLOAT).named(name);
            case FLOAT64 -> Types.optional(PrimitiveTypeName.DOUBLE).named(name);
            case DECIMAL_INT32 -> Types.optional(PrimitiveTypeName.INT32)
                    .as(LogicalTypeAnnotation.decimalType(pc.scale(), pc.precision())).named(name);
            case DECIMAL_INT64 -> Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.decimalType(pc.scale(), pc.precision())).named(name);
            case DECIMAL_FIXED -> Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(decimalBytes(pc.precision()))
                    .as(LogicalTypeAnnotation.decimalType(pc.scale(), pc.precision())).named(name);
            case DATE -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(name);
            case TIMESTAMP -> Types.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(false, MICROS)).named(name);
            case TIMESTAMPTZ -> Types.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(true, MICROS)).named(name);
            case TIME -> Types.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timeType(false, MICROS)).named(name);
            case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
            case BYTEA -> Types.optional(PrimitiveTypeName.BINARY).named(name);
            case UUID -> Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(16)
                    .as(LogicalTypeAnnotation.uuidType()).named(name);
            case JSONB, TEXT -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
        };
    }

    /** The smallest two's-complement byte count that holds every unscaled value of {@code precision} digits. */
    static int decimalBytes(int precision) {
        java.math.BigInteger max = java.math.BigInteger.TEN.pow(precision);
        int bytes = 1;
        while (java.math.BigInteger.ONE.shiftLeft(8 * bytes - 1).compareTo(max) < 0) {
            bytes++;
        }
        return bytes;
    }

    /** The footer metadata Lading writes: the exact PostgreSQL types. */
    static Map<String, String> footerMetadata(TableSchema schema) {
        ArrayNode array = JSON.createArrayNode();
        for (Column c : schema.columns()) {
            array.addObject().put("name", c.name()).put("type", c.pgType());
        }
        return Map.of(PG_SCHEMA_KEY, array.toString());
    }

    /**
     * The file's columns as PostgreSQL columns, for {@code --create-table} and the schema check:
     * the exact types from Lading's footer metadata when present and consistent with the Parquet
     * schema, otherwise mapped from the Parquet types. {@code source} names the file in errors.
     */
    public static TableSchema tableSchema(MessageType fileSchema, Map<String, String> keyValueMetadata, String source) {
        Map<String, String> exact = exactTypes(keyValueMetadata == null ? null : keyValueMetadata.get(PG_SCHEMA_KEY));
        List<Column> columns = new ArrayList<>();
        for (Type field : fileSchema.getFields()) {
            String pgType = pgType(field, source);
            String declared = exact.get(field.getName());
            if (declared != null && sameParquetType(new Column(field.getName(), declared), field)) {
                pgType = declared;
            }
            columns.add(new Column(field.getName(), pgType));
        }
        return new TableSchema(columns);
    }

    private static boolean sameParquetType(Column declared, Type field) {
        PrimitiveType expected = parquetType(map(declared));
        PrimitiveType actual = field.asPrimitiveType();
        return expected.getPrimitiveTypeName() == actual.getPrimitiveTypeName()
                && java.util.Objects.equals(expected.getLogicalTypeAnnotation(), actual.getLogicalTypeAnnotation());
    }

    private static Map<String, String> exactTypes(String json) {
        Map<String, String> types = new LinkedHashMap<>();
        if (json == null) {
            return types;
        }
        try {
            JsonNode root = JSON.readTree(json);
            if (root != null && root.isArray()) {
                for (JsonNode node : root) {
                    if (node.path("name").isTextual() && node.path("type").isTextual()) {
                        types.put(node.get("name").asText(), node.get("type").asText());
                    }
                }
            }
        }
        catch (IOException e) {
            // Not ours or damaged: fall back to the Parquet types, which are authoritative anyway.
        }
        return types;
    }

    /** The PostgreSQL type for a Parquet column Lading can load. */
    static String pgType(Type field, String source) {
        if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
            throw new LadingException("Parquet file " + source + " has nested or repeated column \"" + field.getName()
                    + "\", which Lading cannot load; flatten it (e.g. to JSON text) before loading");
        }
        PrimitiveType p = field.asPrimitiveType();
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
            return "numeric(" + d.getPrecision() + "," + d.getScale() + ")";
        }
        switch (p.getPrimitiveTypeName()) {
            case BOOLEAN:
                return "boolean";
            case INT32:
                if (logical instanceof IntLogicalTypeAnnotation i) {
                    if (!i.isSigned()) {
                        return i.getBitWidth() <= 16 ? "integer" : "bigint";
                    }
                    return i.getBitWidth() <= 16 ? "smallint" : "integer";
                }
                if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return "date";
                }
                if (logical instanceof TimeLogicalTypeAnnotation) {
                    return "time without time zone";
                }
                return "integer";
            case INT64:
                if (logical instanceof IntLogicalTypeAnnotation i) {
                    return i.isSigned() ? "bigint" : "numeric(20,0)";
                }
                if (logical instanceof TimestampLogicalTypeAnnotation t) {
                    return t.isAdjustedToUTC() ? "timestamp with time zone" : "timestamp without time zone";
                }
                if (logical instanceof TimeLogicalTypeAnnotation) {
                    return "time without time zone";
                }
                return "bigint";
            case INT96:
                return "timestamp without time zone";
            case FLOAT:
                return "real";
            case DOUBLE:
                return "double precision";
            case FIXED_LEN_BYTE_ARRAY:
                if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
                    return "uuid";
                }
                if (logical instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
                    throw new LadingException("Parquet file " + source + " column \"" + field.getName()
                            + "\" is FLOAT16, which Lading cannot load; convert it to FLOAT first");
                }
                return "bytea";
            case BINARY:
                if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation) {
                    return "text";
                }
                if (logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                    return "json";
                }
                return "bytea";
            default:
                throw new LadingException("Parquet file " + source + " column \"" + field.getName()
                        + "\" has unsupported type " + p.getPrimitiveTypeName());
        }
    }

    /**
     * Checks that a Parquet file and the target table have the same column names (order may
     * differ: the loader names the columns in its COPY). The error names every missing and extra
     * column, e.g. {@code Parquet file s3://b/x.parquet does not match table public.t: missing
     * columns in the file: "c", "d"; extra columns in the file: "e"}.
     */
    public static void checkColumns(TableSchema file, TableSchema target, String fileName, String tableName) {
        Set<String> fileNames = new java.util.LinkedHashSet<>(file.names());
        Set<String> targetNames = new java.util.LinkedHashSet<>(target.names());
        Set<String> missing = new TreeSet<>(targetNames);
        missing.removeAll(fileNames);
        Set<String> extra = new TreeSet<>(fileNames);
        extra.removeAll(targetNames);
        if (missing.isEmpty() && extra.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("Parquet file ").append(fileName).append(" does not match table ").append(tableName).append(":");
        if (!missing.isEmpty()) {
            sb.append(" missing columns in the file: ").append(quoted(missing));
        }
        if (!extra.isEmpty()) {
            sb.append(missing.isEmpty() ? "" : ";").append(" extra columns in the file: ").append(quoted(extra));
        }
        throw new LadingException(sb.toString());
    }

    private static String quoted(Set<String> names) {
        return String.join(", ", names.stream().map(n -> "\"" + n + "\"").toList());
    }
}
