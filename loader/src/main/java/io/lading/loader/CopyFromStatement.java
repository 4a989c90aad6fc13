package io.lading.loader;

import io.lading.common.LadingException;
import io.lading.format.FileFormat;
import io.lading.format.TextOptions;
import io.lading.warehouse.Sql;

import java.util.ArrayList;
import java.util.List;

/** {@code COPY table (cols) FROM STDIN WITH (...)} for TEXT/CSV input with the file's own options. */
final class CopyFromStatement {
    private CopyFromStatement() {
    }

    static String build(String qualifiedTable, List<String> columns, TextOptions options) {
        List<String> with = new ArrayList<>();
        with.add("FORMAT " + (options.format() == FileFormat.CSV ? "csv" : "text"));
        with.add("DELIMITER " + Sql.literal(options.delimiter()));
        with.add("NULL " + Sql.literal(options.nullString()));
        if (options.format() == FileFormat.CSV) {
            with.add("QUOTE " + Sql.literal(options.quote()));
            with.add("ESCAPE " + Sql.literal(options.escape()));
        }
        else if (!"\\".equals(options.escape())) {
            throw new LadingException("COPY's TEXT format always escapes with backslash; --escape "
                    + TextOptions.printable(options.escape()) + " needs --mode external or CSV");
        }
        if (options.header()) {
            with.add("HEADER true");
        }
        if (options.encoding() != null) {
            with.add("ENCODING " + Sql.literal(options.encoding()));
        }
        return "COPY " + qualifiedTable + " (" + Sql.identList(columns) + ") FROM STDIN WITH (" + String.join(", ", with) + ")";
    }
}
