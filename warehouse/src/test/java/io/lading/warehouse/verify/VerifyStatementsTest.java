package io.lading.warehouse.verify;

import io.lading.format.Column;
import io.lading.warehouse.TableName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.lading.warehouse.ddl.Golden.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VerifyStatementsTest {
    private static final List<Column> COLUMNS = List.of(new Column("id", "bigint"), new Column("Name", "character varying(20)"),
            new Column("f", "double precision"), new Column("r", "real"), new Column("n", "numeric(12,2)"), new Column("j", "json"),
            new Column("jb", "jsonb"), new Column("ts", "timestamp with time zone"), new Column("b", "bytea"), new Column("a", "integer[]"));
    private static final VerifyScope KEYED = new VerifyScope(TableName.parse("s.\"T\""), List.of(COLUMNS.get(0)), COLUMNS,
            "id % 2 = 0", NumericScale.EXACT);
    private static final VerifyScope TEXT_KEY = new VerifyScope(TableName.parse("s.t"), List.of(COLUMNS.get(1), COLUMNS.get(0)),
            COLUMNS.subList(0, 2), null, NumericScale.IGNORE);
    private static final VerifyScope KEYLESS = new VerifyScope(TableName.parse("t"), List.of(), COLUMNS, null, NumericScale.IGNORE);

    @Test
    void statements() {
        String all = String.join(";\n", List.of(
                String.join(";\n", VerifyStatements.sessionSettings()),
                VerifyStatements.checksum(KEYED, KeyRange.ALL),
                VerifyStatements.checksum(KEYED, KeyRange.between("10", "20")),
                VerifyStatements.checksum(KEYED, KeyRange.NULLS),
                VerifyStatements.rangeDigest(KEYED, KeyRange.between("10", "20"), VerifyStatements.bareFields(KEYED, KEYED), 50000, true),
                VerifyStatements.rangeDigest(KEYED, KeyRange.between("10", "20"), VerifyStatements.bareFields(KEYED, KEYED), 50000, false),
                VerifyStatements.rangeDigest(TEXT_KEY, KeyRange.NULLS, List.of(true, false), 1000, false),
                VerifyStatements.tableSize(KEYED),
                VerifyStatements.keyExtent(KEYED),
                VerifyStatements.boundaries(KEYED, KeyRange.between(null, "20"), 8),
                VerifyStatements.rows(KEYED, KeyRange.between("10", null)),
                VerifyStatements.boundaries(TEXT_KEY, KeyRange.between("it's", null), 4),
                VerifyStatements.rows(TEXT_KEY, KeyRange.between("a", "b\\c")),
                VerifyStatements.bucketChecksums(KEYLESS, 16),
                VerifyStatements.bucketRows(KEYLESS, 16, List.of(1L, 7L)))) + ";\n";
        assertGolden("verify-statements.sql", all);
    }

    @Test
    void rulesByType() {
        assertEquals(List.of(ValueRule.INTEGER, ValueRule.STRING, ValueRule.FLOAT, ValueRule.FLOAT, ValueRule.NUMERIC, ValueRule.JSON,
                ValueRule.TEXT, ValueRule.TEXT, ValueRule.TEXT, ValueRule.TEXT), COLUMNS.stream().map(ValueRule::of).toList());
    }

    @Test
    void bareFieldsAreNumbersOnBothSides() {
        VerifyScope textTarget = new VerifyScope(TableName.parse("t"), List.of(), List.of(new Column("id", "text"),
                new Column("Name", "integer")), null, NumericScale.EXACT);
        assertEquals(List.of(false, false), VerifyStatements.bareFields(TEXT_KEY, textTarget));
        assertEquals(List.of(true, false, true, true, true, false, false, true, true, false), VerifyStatements.bareFields(KEYED, KEYED));
    }

    @Test
    void rejectsWhatCannotBeBuilt() {
        assertEquals("tiles must be at least 2: 1",
                assertThrows(IllegalArgumentException.class, () -> VerifyStatements.boundaries(KEYED, KeyRange.ALL, 1)).getMessage());
        assertEquals("t is verified without a key",
                assertThrows(IllegalArgumentException.class, () -> VerifyStatements.keyExtent(KEYLESS)).getMessage());
        assertEquals("the NULL-key range has no bounds: 1, null",
                assertThrows(IllegalArgumentException.class, () -> new KeyRange("1", null, true)).getMessage());
        assertEquals("no columns to compare in t",
                assertThrows(IllegalArgumentException.class, () -> new VerifyScope(TableName.parse("t"), List.of(), List.of(), null,
                        NumericScale.EXACT)).getMessage());
    }
}
