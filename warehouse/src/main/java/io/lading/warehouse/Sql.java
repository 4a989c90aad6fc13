package io.lading.warehouse;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one place identifiers and literals become SQL text. Nothing else concatenates user input
 * into a statement.
 */
public final class Sql {
    private Sql() {
    }

    /** {@code "name"} with embedded double quotes doubled; always quoted, so case and keywords are safe. */
    public static String ident(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains a NUL byte");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A possibly schema-qualified name given as parts: {@code "s"."t"}. */
    public static String qualified(String schema, String name) {
        return schema == null || schema.isEmpty() ? ident(name) : ident(schema) + "." + ident(name);
    }

    public static String identList(List<String> names) {
        return names.stream().map(Sql::ident).collect(Collectors.joining(", "));
    }

    /**
     * A string literal. Standard-conforming ({@code 'it''s'}); a value with a backslash or a control
     * character becomes an escape string ({@code E'a\\b'}, {@code E'\t'}) so it reads the same whatever
     * {@code standard_conforming_strings} says and a tab or newline stays visible on one line.
     */
    public static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("literal contains a NUL byte");
        }
        if (!needsEscapeString(value)) {
            return "'" + value.replace("'", "''") + "'";
        }
        return "E'" + escapeBackslashes(value) + "'";
    }

    /**
     * A string literal for engines whose literals always treat backslash as an escape and have no
     * {@code E''} syntax (Redshift, and Redshift's UNLOAD query text): {@code 'it''s'}, {@code 'a\\b'},
     * {@code '\t'}.
     */
    public static String backslashLiteral(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("literal contains a NUL byte");
        }
        return "'" + escapeBackslashes(value) + "'";
    }

    private static boolean needsEscapeString(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static String escapeBackslashes(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("''");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\%03o", (int) c));
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
