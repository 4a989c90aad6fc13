package io.lading.format;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one classifier of PostgreSQL type names: every part of Lading that treats a column by its
 * type (the Parquet mapping, the loader's binary encoders, the unloader's {@code --split-by})
 * asks here and maps the {@link Kind} to what it needs. Understands the {@code format_type()}
 * spellings ({@code integer}, {@code timestamp(3) with time zone}, {@code character
 * varying(20)}) and the short aliases ({@code int4}, {@code timestamptz}, {@code varchar(20)},
 * {@code decimal(10,2)}), in any case, blanks around ignored. Arrays, domains and the rest are
 * {@link Kind#OTHER}: only the exact names below have a kind.
 */
public final class PgTypes {
    /** What a type is, as far as Lading treats types apart. */
    public enum Kind {
        SMALLINT, INTEGER, BIGINT, REAL, DOUBLE_PRECISION,
        /** numeric or decimal, with or without a precision and scale. */
        NUMERIC,
        BOOLEAN, DATE,
        /** timestamp without time zone, any precision. */
        TIMESTAMP,
        /** timestamp with time zone, any precision. */
        TIMESTAMPTZ,
        /** time without time zone, any precision; time with time zone is {@link #OTHER}. */
        TIME,
        /** text, character varying, character (bpchar), with or without a length. */
        TEXT,
        /** name: text on the wire, but its input function truncates what its receive function refuses. */
        NAME,
        JSON, JSONB, UUID, BYTEA,
        /** Anything else: arrays, interval, inet, timetz, "char", enums, domains, ranges... */
        OTHER
    }

    /**
     * A classified type name. {@code precision} and {@code scale} are a numeric's declared ones;
     * {@code precision} is 0 when none is declared (and for every other kind), {@code scale} is 0
     * when only the precision is.
     */
    public record Classified(Kind kind, int precision, int scale) {
    }

    private static final Pattern NUMERIC = Pattern.compile("(?:numeric|decimal)(?:\\((\\d{1,9})(?:,\\s*(-?\\d{1,9}))?\\))?");
    private static final Pattern TIMESTAMP = Pattern.compile("timestamp(?:\\(\\d\\))?( without time zone| with time zone)?");
    private static final Pattern TIME = Pattern.compile("time(?:\\(\\d\\))?(?: without time zone)?");
    private static final Pattern TEXT = Pattern.compile(
            "text|(?:character varying|varchar|character|bpchar)(?:\\(\\d+\\))?|char\\(\\d+\\)");

    private PgTypes() {
    }

    public static Kind kindOf(String pgType) {
        return classify(pgType).kind();
    }

    public static Classified classify(String pgType) {
        String type = pgType.trim().toLowerCase(Locale.ROOT);
        Kind simple = switch (type) {
            case "smallint", "int2" -> Kind.SMALLINT;
            case "integer", "int", "int4" -> Kind.INTEGER;
            case "bigint", "int8" -> Kind.BIGINT;
            case "real", "float4" -> Kind.REAL;
            case "double precision", "float8" -> Kind.DOUBLE_PRECISION;
            case "boolean", "bool" -> Kind.BOOLEAN;
            case "date" -> Kind.DATE;
            case "timestamptz" -> Kind.TIMESTAMPTZ;
            case "name" -> Kind.NAME;
            case "json" -> Kind.JSON;
            case "jsonb" -> Kind.JSONB;
            case "uuid" -> Kind.UUID;
            case "bytea" -> Kind.BYTEA;
            default -> null;
        };
        return simple != null ? new Classified(simple, 0, 0) : withTypmod(type);
    }

    /** The types that take an optional typmod: numeric, timestamp[tz], time, the character types. */
    private static Classified withTypmod(String type) {
        Matcher m = NUMERIC.matcher(type);
        if (m.matches()) {
            int precision = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
            int scale = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            return new Classified(Kind.NUMERIC, precision, scale);
        }
        m = TIMESTAMP.matcher(type);
        if (m.matches()) {
            return new Classified(" with time zone".equals(m.group(1)) ? Kind.TIMESTAMPTZ : Kind.TIMESTAMP, 0, 0);
        }
        if (TIME.matcher(type).matches()) {
            return new Classified(Kind.TIME, 0, 0);
        }
        return new Classified(TEXT.matcher(type).matches() ? Kind.TEXT : Kind.OTHER, 0, 0);
    }
}
