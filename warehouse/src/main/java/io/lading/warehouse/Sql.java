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
     * A string literal. Standard-conforming ({@code 'it''s'}); a value with a backslash becomes an
     * escape string ({@code E'a\\b'}) so it reads the same whatever {@code standard_conforming_strings} says.
     */
    public static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("literal contains a NUL byte");
        }
        String quoted = value.replace("'", "''");
        if (value.indexOf('\\') >= 0) {
            return "E'" + quoted.replace("\\", "\\\\") + "'";
        }
        return "'" + quoted + "'";
    }
}
