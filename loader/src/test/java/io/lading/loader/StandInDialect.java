package io.lading.loader;

import io.lading.warehouse.ConnectionSpec;
import io.lading.warehouse.Sql;
import io.lading.warehouse.TableName;
import io.lading.warehouse.ddl.ExternalTableDialect;
import io.lading.warehouse.ddl.ExternalTableSpec;
import io.lading.warehouse.ddl.Secrets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * External mode on PostgreSQL, which has no external tables: the "external table" is an ordinary
 * table {@code (id, s)} holding {@code rows} rows, as if the segments had read them, and its error
 * log a VALUES list of two rejects. Everything else (transaction, ledger, counts, drop) is the real
 * path. The real statements are the ddl builders' golden-file tests. Records every statement it builds.
 */
public final class StandInDialect implements ExternalTableDialect {
    final int rows;
    final String columnType;
    final boolean failSecondCreate;
    public final List<String> executed = Collections.synchronizedList(new ArrayList<>());

    public StandInDialect(int rows) {
        this(rows, "int", false);
    }

    StandInDialect(int rows, String columnType, boolean failSecondCreate) {
        this.rows = rows;
        this.columnType = columnType;
        this.failSecondCreate = failSecondCreate;
    }

    /** A loader that runs this dialect on {@code database} (no server check: PostgreSQL stands in for the warehouse). */
    public ExternalLoader loader(ConnectionSpec database, LoadListener listener) {
        return new ExternalLoader(database, this, listener);
    }

    @Override
    public String name() {
        return "stand-in";
    }

    @Override
    public List<String> setupStatements() {
        return List.of();
    }

    @Override
    public List<String> createStatements(ExternalTableSpec spec, Secrets secrets) {
        List<String> list = new ArrayList<>(List.of(
                "create table " + spec.name().sql() + " (id " + columnType + ", s text)",
                "insert into " + spec.name().sql() + " select g, 'r' || g from generate_series(1, " + rows + ") g"));
        if (failSecondCreate) {
            list.add(1, "select no_such_function()");
        }
        executed.addAll(list);
        return list;
    }

    @Override
    public List<String> dropStatements(ExternalTableSpec spec) {
        String drop = "drop table if exists " + spec.name().sql();
        executed.add(drop);
        return List.of(drop);
    }

    @Override
    public String readErrorLog(TableName externalTable) {
        return "select * from (values (7, 'missing data for column \"s\"', '7', 's3://b/x/part_0.csv'),"
                + " (9, 'extra data after last expected column', " + Sql.literal("9,a,b") + ", 's3://b/x/part_1.csv'))"
                + " e (linenum, errmsg, rawdata, filename)";
    }
}
