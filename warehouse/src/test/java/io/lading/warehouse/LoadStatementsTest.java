package io.lading.warehouse;

import io.lading.common.LadingException;
import io.lading.format.Column;
import io.lading.format.TableSchema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.lading.warehouse.ddl.Golden.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LoadStatementsTest {
    static final TableSchema SCHEMA = new TableSchema(List.of(
            new Column("id", "bigint"), new Column("Amount \"x\"", "numeric(12,2)"), new Column("at", "timestamp with time zone"),
            new Column("tags", "text[]"), new Column("v", "character varying(20)")));
    /** A schema and names a user may well have: mixed case, spaces, a quote. */
    static final String LEDGER_SCHEMA = "Ops \"EU\"";
    static final TableName TARGET = new TableName("Sales", "Orders 2024");
    static final TableName STAGING = new TableName("Sales", "lading_stage_0123456789ab");

    @Test
    void everyStatementOfACopyModeLoad() {
        StringBuilder out = new StringBuilder();
        section(out, "--create-table with --distributed-by", LoadStatements.createTable(TARGET, SCHEMA, List.of("id", "Amount \"x\"")));
        section(out, "--atomic", LoadStatements.createStaging(STAGING, TARGET), LoadStatements.truncate(TARGET),
                LoadStatements.insertSelect(TARGET, SCHEMA.names(), STAGING), LoadStatements.dropIfExists(STAGING));
        section(out, "the ledger", LoadStatements.createLedger(LEDGER_SCHEMA), LoadStatements.createRejects(LEDGER_SCHEMA),
                LoadStatements.ledgerEntries(LEDGER_SCHEMA), LoadStatements.ledgerInsert(LEDGER_SCHEMA),
                LoadStatements.ledgerDelete(LEDGER_SCHEMA), LoadStatements.ledgerDeleteTarget(LEDGER_SCHEMA),
                LoadStatements.rejectsInsert(LEDGER_SCHEMA));
        section(out, "the ledger follows the table: an older ledger upgraded, an earlier table's rows, an emptied target",
                LoadStatements.ledgerHasOid(), LoadStatements.upgradeLedger(LEDGER_SCHEMA), LoadStatements.ledgerAdopt(LEDGER_SCHEMA),
                LoadStatements.ledgerDeleteEarlier(LEDGER_SCHEMA), LoadStatements.anyRow(TARGET));
        assertGolden("load-statements.sql", out.toString());
    }

    private static void section(StringBuilder out, String comment, String... statements) {
        out.append("-- ").append(comment).append('\n');
        for (String statement : statements) {
            out.append(statement).append(";\n");
        }
    }

    @Test
    void typesAsFormatTypePrintsThemIdentifiersQuotedAndGreenplumDistribution() {
        assertEquals("create table \"s\".\"t\" (\"id\" bigint, \"Amount \"\"x\"\"\" numeric(12,2), \"at\" timestamp with time zone,"
                        + " \"tags\" text[], \"v\" character varying(20)) distributed by (\"id\")",
                LoadStatements.createTable(new TableName("s", "t"), SCHEMA, List.of("id")));
        assertEquals("create table \"t\" (\"id\" bigint, \"Amount \"\"x\"\"\" numeric(12,2), \"at\" timestamp with time zone,"
                        + " \"tags\" text[], \"v\" character varying(20))",
                LoadStatements.createTable(new TableName(null, "t"), SCHEMA, List.of()));
    }

    @Test
    void aTypeThatIsNotATypeNameIsRefused() {
        TableSchema evil = new TableSchema(List.of(new Column("a", "int); drop table x; --")));
        LadingException e = assertThrows(LadingException.class, () -> LoadStatements.createTable(new TableName(null, "t"), evil, List.of()));
        assertEquals("column a has type 'int); drop table x; --', which --create-table cannot use; create the table yourself", e.getMessage());
        e = assertThrows(LadingException.class, () -> LoadStatements.createTable(new TableName(null, "t"), SCHEMA, List.of("nope")));
        assertEquals("--distributed-by column nope is not among the columns (id, Amount \"x\", at, tags, v)", e.getMessage());
    }
}
