package io.lading.warehouse.verify;

import io.lading.format.Column;
import io.lading.warehouse.TableName;
import io.lading.warehouse.verify.VerifyStatements.FieldForm;
import io.lading.warehouse.verify.VerifyStatements.HashForm;
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
    private static final VerifyScope FIXED = new VerifyScope(TableName.parse("t"), List.of(new Column("id", "integer")),
            List.of(new Column("id", "integer"), new Column("c", "character(3)"), new Column("d", "char(1)"), new Column("e", "text")),
            null, NumericScale.EXACT);
    private static final VerifyScope KEYLESS = new VerifyScope(TableName.parse("t"), List.of(), COLUMNS, null, NumericScale.IGNORE);

    @Test
    void statements() {
        String all = String.join(";\n", List.of(
                String.join(";\n", VerifyStatements.sessionSettings()),
                VerifyStatements.checksum(KEYED, KeyRange.ALL),
                VerifyStatements.checksum(KEYED, KeyRange.between("10", "20")),
                VerifyStatements.checksum(KEYED, KeyRange.NULLS),
                VerifyStatements.rangeDigest(KEYED, KeyRange.between("10", "20"), VerifyStatements.fieldForms(KEYED, KEYED), 50000, true),
                VerifyStatements.rangeDigest(KEYED, KeyRange.between("10", "20"), VerifyStatements.fieldForms(KEYED, KEYED), 50000, false),
                VerifyStatements.rangeDigest(TEXT_KEY, KeyRange.NULLS, List.of(FieldForm.BARE, FieldForm.QUOTED), 1000, false),
                VerifyStatements.rangeHash(FIXED, KeyRange.between("1", null), VerifyStatements.hashForms(FIXED, FIXED)),
                VerifyStatements.tableSize(KEYED),
                VerifyStatements.keyExtent(KEYED),
                VerifyStatements.boundaries(KEYED, KeyRange.between(null, "20"), 8),
                VerifyStatements.rows(KEYED, KeyRange.between("10", null)),
                VerifyStatements.boundaries(TEXT_KEY, KeyRange.between("it's", null), 4),
                VerifyStatements.rows(TEXT_KEY, KeyRange.between("a", "b\\c")),
                VerifyStatements.bucketChecksums(KEYLESS, 16, null),
                VerifyStatements.bucketRows(KEYLESS, 16, null, List.of(1L, 7L)),
                VerifyStatements.hasRowHash64(),
                VerifyStatements.hashProbe(),
                VerifyStatements.rangeHash(KEYED, KeyRange.between("10", "20"), VerifyStatements.hashForms(KEYED, KEYED)),
                VerifyStatements.rangeHash(TEXT_KEY, KeyRange.ALL, VerifyStatements.hashForms(TEXT_KEY, TEXT_KEY)),
                VerifyStatements.bucketChecksums(KEYLESS, 16, VerifyStatements.hashForms(KEYLESS, KEYLESS)),
                VerifyStatements.bucketRows(KEYLESS, 16, VerifyStatements.hashForms(KEYLESS, KEYLESS), List.of(1L, 7L)))) + ";\n";
        assertGolden("verify-statements.sql", all);
    }

    @Test
    void rulesByType() {
        assertEquals(List.of(ValueRule.INTEGER, ValueRule.STRING, ValueRule.FLOAT, ValueRule.FLOAT, ValueRule.NUMERIC, ValueRule.JSON,
                ValueRule.TEXT, ValueRule.TEXT, ValueRule.TEXT, ValueRule.TEXT), COLUMNS.stream().map(ValueRule::of).toList());
    }

    @Test
    void bareFieldsAreNumbersOnBothSidesPaddedOnesCharactersOfOneLength() {
        VerifyScope textTarget = new VerifyScope(TableName.parse("t"), List.of(), List.of(new Column("id", "text"),
                new Column("Name", "integer")), null, NumericScale.EXACT);
        assertEquals(List.of(FieldForm.QUOTED, FieldForm.QUOTED), VerifyStatements.fieldForms(TEXT_KEY, textTarget));
        FieldForm b = FieldForm.BARE;
        FieldForm q = FieldForm.QUOTED;
        assertEquals(List.of(b, q, b, b, b, q, q, b, b, q), VerifyStatements.fieldForms(KEYED, KEYED));
        assertEquals(List.of(b, FieldForm.PADDED, FieldForm.PADDED, q), VerifyStatements.fieldForms(FIXED, FIXED));
        VerifyScope otherLengths = new VerifyScope(TableName.parse("t"), List.of(), List.of(new Column("id", "integer"),
                new Column("c", "character(3)"), new Column("d", "character varying(1)"), new Column("e", "character(2)")), null, NumericScale.EXACT);
        assertEquals(List.of(b, FieldForm.PADDED, q, q), VerifyStatements.fieldForms(FIXED, otherLengths));
    }

    @Test
    void hashFormsByTheRulesOfBothSides() {
        HashForm c = HashForm.CANONICAL;
        assertEquals(List.of(HashForm.INTEGER, HashForm.STRING, c, c, c, c, c, c, c, c), VerifyStatements.hashForms(KEYED, KEYED));
        assertEquals(List.of(HashForm.INTEGER, HashForm.STRING, c, c, HashForm.NUMERIC_VALUE, c, c, c, c, c),
                VerifyStatements.hashForms(KEYLESS, KEYLESS));
        VerifyScope textTarget = new VerifyScope(TableName.parse("t"), List.of(), List.of(new Column("id", "numeric"),
                new Column("Name", "character(4)")), null, NumericScale.EXACT);
        assertEquals(List.of(c, HashForm.STRING), VerifyStatements.hashForms(TEXT_KEY, textTarget));
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
