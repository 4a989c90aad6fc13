package io.lading.loader;

import io.lading.common.LadingException;
import io.lading.format.Column;
import io.lading.format.TableSchema;
import io.lading.warehouse.Sql;
import io.lading.warehouse.TableName;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** {@code CREATE TABLE} for {@code --create-table} from a file schema (a manifest's, or Parquet's). */
final class CreateTable {
    /**
     * Type names as {@code format_type()} prints them: words, an optional (p[,s]) modifier, an optional
     * time zone clause, array brackets. Types are not identifiers we can quote, so anything else is refused.
     */
    private static final Pattern TYPE = Pattern.compile(
            "[A-Za-z_][A-Za-z0-9_]*( [A-Za-z_][A-Za-z0-9_]*)*( ?\\(\\d+( ?, ?\\d+)?\\))?( with(out)? time zone)?(\\[\\])*");

    private CreateTable() {
    }

    static String sql(TableName table, TableSchema schema, List<String> distributedBy) {
        String columns = schema.columns().stream().map(c -> Sql.ident(c.name()) + " " + type(c)).collect(Collectors.joining(", "));
        String ddl = "create table " + table.sql() + " (" + columns + ")";
        if (!distributedBy.isEmpty()) {
            for (String col : distributedBy) {
                if (!schema.names().contains(col)) {
                    throw new LadingException("--distributed-by column " + col + " is not among the columns ("
                            + String.join(", ", schema.names()) + ")");
                }
            }
            ddl += " distributed by (" + Sql.identList(distributedBy) + ")";
        }
        return ddl;
    }

    private static String type(Column column) {
        String type = column.pgType().trim();
        if (!TYPE.matcher(type).matches()) {
            throw new LadingException("column " + column.name() + " has type '" + column.pgType()
                    + "', which --create-table cannot use; create the table yourself");
        }
        return type;
    }
}
