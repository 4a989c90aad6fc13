package io.lading.warehouse;

import io.lading.common.LadingException;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A {@code [schema.]name} as the user typed it, parsed like psql does: unquoted parts fold to lower
 * case, {@code "Quoted"} parts keep their case and may contain dots.
 */
public record TableName(String schema, String name) {
    public TableName {
        requireNonNull(name, "name is null");
        if (name.isEmpty()) {
            throw new LadingException("table name is empty");
        }
    }

    public static TableName parse(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        current.append('"');
                        i++;
                    }
                    else {
                        quoted = false;
                    }
                }
                else {
                    current.append(c);
                }
            }
            else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            }
            else if (c == '.') {
                parts.add(current.toString());
                current.setLength(0);
                wasQuoted = false;
            }
            else {
                current.append(wasQuoted ? c : Character.toLowerCase(c));
            }
        }
        if (quoted) {
            throw new LadingException("table name " + text + " has an unterminated quote");
        }
        parts.add(current.toString());
        if (parts.size() > 2 || parts.stream().anyMatch(String::isEmpty)) {
            throw new LadingException("invalid table name '" + text + "'; expected [schema.]name");
        }
        return parts.size() == 1 ? new TableName(null, parts.get(0)) : new TableName(parts.get(0), parts.get(1));
    }

    /** The quoted SQL form. */
    public String sql() {
        return Sql.qualified(schema, name);
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
