package io.lading.warehouse.ddl;

import io.lading.common.LadingException;
import io.lading.format.Column;
import io.lading.format.TableSchema;

import java.util.ArrayList;
import java.util.List;

/**
 * Column definitions as a user types them ({@code a int, "Order Id" numeric(12,2), c text[]}) and
 * the check that keeps a type name from carrying anything but a type into a statement.
 */
public final class ColumnList {
    private ColumnList() {
    }

    /**
     * Parses {@code name type, ...}. Unquoted names fold to lower case as in psql; {@code "Quoted"}
     * names keep their case ({@code ""} is a quote). Commas inside parentheses belong to the type.
     */
    public static TableSchema parse(String text) {
        List<Column> columns = new ArrayList<>();
        for (String part : splitTopLevel(text)) {
            String item = part.strip();
            if (item.isEmpty()) {
                throw new LadingException("--columns has an empty column definition in '" + text + "'");
            }
            String name;
            String rest;
            if (item.startsWith("\"")) {
                StringBuilder n = new StringBuilder();
                int i = 1;
                while (true) {
                    if (i >= item.length()) {
                        throw new LadingException("--columns: unterminated quoted name in '" + item + "'");
                    }
                    char c = item.charAt(i);
                    if (c == '"') {
                        if (i + 1 < item.length() && item.charAt(i + 1) == '"') {
                            n.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    n.append(c);
                    i++;
                }
                name = n.toString();
                rest = item.substring(i);
                if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0))) {
                    throw new LadingException("--columns: expected a space after the quoted name in '" + item + "'");
                }
            }
            else {
                int space = 0;
                while (space < item.length() && !Character.isWhitespace(item.charAt(space))) {
                    space++;
                }
                name = item.substring(0, space).toLowerCase(java.util.Locale.ROOT);
                rest = item.substring(space);
            }
            String type = rest.strip().replaceAll("\\s+", " ");
            if (name.isEmpty()) {
                throw new LadingException("--columns: empty column name in '" + item + "'");
            }
            if (type.isEmpty()) {
                throw new LadingException("--columns: column '" + name + "' has no type; expected 'name type'");
            }
            checkType(name, type);
            columns.add(new Column(name, type));
        }
        return new TableSchema(columns);
    }

    /**
     * A type is words, numbers, {@code "quoted"} names, dots, brackets and balanced parentheses with
     * commas only inside them ({@code numeric(12,2)}, {@code timestamp with time zone}, {@code int[]},
     * {@code "MySchema"."my_type"}). Anything else (a quote, a semicolon, a comment) is refused.
     */
    public static void checkType(String column, String type) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                }
                else if (c < 0x20) {
                    throw badType(column, type);
                }
                continue;
            }
            if (c == '"') {
                quoted = true;
            }
            else if (c == '(') {
                depth++;
            }
            else if (c == ')') {
                if (--depth < 0) {
                    throw badType(column, type);
                }
            }
            else if (c == ',') {
                if (depth == 0) {
                    throw badType(column, type);
                }
            }
            else if (!(Character.isLetterOrDigit(c) || c == '_' || c == ' ' || c == '.' || c == '[' || c == ']')) {
                throw badType(column, type);
            }
        }
        if (quoted || depth != 0 || type.isBlank()) {
            throw badType(column, type);
        }
    }

    private static LadingException badType(String column, String type) {
        return new LadingException("column '" + column + "' has an invalid type '" + type
                + "'; expected a type name such as integer, numeric(12,2), text[] or \"my_type\"");
    }

    /**
     * A list of column names ({@code a, "Mixed Case", b}) as for {@code --distributed-by}: unquoted
     * names fold to lower case, quoted ones keep their case.
     */
    public static List<String> parseNames(String option, String text) {
        List<String> names = new ArrayList<>();
        for (String part : splitTopLevel(text)) {
            String item = part.strip();
            if (item.length() >= 2 && item.startsWith("\"") && item.endsWith("\"")) {
                String inner = item.substring(1, item.length() - 1);
                if (inner.replace("\"\"", "").contains("\"")) {
                    throw new LadingException(option + ": invalid quoted name " + item);
                }
                names.add(inner.replace("\"\"", "\""));
            }
            else if (item.isEmpty() || item.contains("\"") || item.chars().anyMatch(Character::isWhitespace)) {
                throw new LadingException(option + ": invalid column name '" + item + "' in '" + text + "'");
            }
            else {
                names.add(item.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            else if (!quoted && c == '(') {
                depth++;
            }
            else if (!quoted && c == ')') {
                depth--;
            }
            else if (!quoted && depth == 0 && c == ',') {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        parts.add(current.toString());
        return parts;
    }
}
