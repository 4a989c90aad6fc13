package io.lading.format;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PgTypesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "smallint|SMALLINT|0|0",
            "int2|SMALLINT|0|0",
            "integer|INTEGER|0|0",
            "INT4|INTEGER|0|0",
            "int|INTEGER|0|0",
            "bigint|BIGINT|0|0",
            "int8|BIGINT|0|0",
            "real|REAL|0|0",
            "float4|REAL|0|0",
            "double precision|DOUBLE_PRECISION|0|0",
            "float8|DOUBLE_PRECISION|0|0",
            "numeric|NUMERIC|0|0",
            "numeric(12)|NUMERIC|12|0",
            "numeric(12,2)|NUMERIC|12|2",
            "decimal(12, 2)|NUMERIC|12|2",
            "numeric(5,-2)|NUMERIC|5|-2",
            "numeric(1000,1000)|NUMERIC|1000|1000",
            "boolean|BOOLEAN|0|0",
            "bool|BOOLEAN|0|0",
            "date|DATE|0|0",
            "timestamp|TIMESTAMP|0|0",
            "timestamp without time zone|TIMESTAMP|0|0",
            "timestamp(3) without time zone|TIMESTAMP|0|0",
            "timestamptz|TIMESTAMPTZ|0|0",
            "timestamp with time zone|TIMESTAMPTZ|0|0",
            "timestamp(0) with time zone|TIMESTAMPTZ|0|0",
            "time|TIME|0|0",
            "time(6) without time zone|TIME|0|0",
            "time with time zone|OTHER|0|0",
            "timetz|OTHER|0|0",
            "text|TEXT|0|0",
            "character varying|TEXT|0|0",
            "character varying(20)|TEXT|0|0",
            "varchar(20)|TEXT|0|0",
            "character(5)|TEXT|0|0",
            "char(5)|TEXT|0|0",
            "bpchar|TEXT|0|0",
            "name|NAME|0|0",
            "\"char\"|OTHER|0|0",
            "json|JSON|0|0",
            "jsonb|JSONB|0|0",
            "uuid|UUID|0|0",
            "bytea|BYTEA|0|0",
            "' date '|DATE|0|0",
            "integer[]|OTHER|0|0",
            "timestamp without time zone[]|OTHER|0|0",
            "interval|OTHER|0|0",
            "inet|OTHER|0|0",
            "public.my_domain|OTHER|0|0",
    })
    void classifiesEachSpellingOnce(String pgType, PgTypes.Kind kind, int precision, int scale) {
        assertEquals(new PgTypes.Classified(kind, precision, scale), PgTypes.classify(pgType));
        assertEquals(kind, PgTypes.kindOf(pgType));
    }
}
