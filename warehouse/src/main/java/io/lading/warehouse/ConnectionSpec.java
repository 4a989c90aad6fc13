package io.lading.warehouse;

import io.lading.common.LadingException;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * A database to connect to, given as a JDBC URL ({@code jdbc:postgresql://host:port/db?user=u}) or
 * a libpq URI ({@code postgresql://u@host:port/db}). The password comes from the URL, PGPASSWORD or
 * ~/.pgpass, as psql finds it, and is never part of {@link #toString()}.
 */
public final class ConnectionSpec {
    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> parameters;

    private ConnectionSpec(String host, int port, String database, String user, String password, Map<String, String> parameters) {
        this.host = requireNonNull(host, "host is null");
        this.port = port;
        this.database = requireNonNull(database, "database is null");
        this.user = requireNonNull(user, "user is null");
        this.password = password;
        this.parameters = Map.copyOf(parameters);
    }

    public static ConnectionSpec parse(String text) {
        return parse(text, System.getenv(), Path.of(System.getProperty("user.home"), ".pgpass"));
    }

    static ConnectionSpec parse(String text, Map<String, String> env, Path pgpass) {
        requireNonNull(text, "text is null");
        String rest;
        if (text.startsWith("jdbc:postgresql://")) {
            rest = text.substring("jdbc:postgresql://".length());
        }
        else if (text.startsWith("postgresql://") || text.startsWith("postgres://")) {
            rest = text.substring(text.indexOf("://") + 3);
        }
        else {
            throw new LadingException("invalid database '" + redact(text)
                    + "': expected jdbc:postgresql://host:port/db?user=u or postgresql://user@host:port/db");
        }
        Map<String, String> params = new LinkedHashMap<>();
        int q = rest.indexOf('?');
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    params.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
            rest = rest.substring(0, q);
        }
        String user = params.remove("user");
        String password = params.remove("password");
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            if (colon >= 0) {
                password = decode(userInfo.substring(colon + 1));
            }
        }
        int slash = rest.indexOf('/');
        String hostPort = slash < 0 ? rest : rest.substring(0, slash);
        String database = slash < 0 ? "" : decode(rest.substring(slash + 1));
        String host = hostPort;
        int port = 5432;
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0 && !hostPort.endsWith("]")) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            }
            catch (NumberFormatException e) {
                throw new LadingException("invalid port in database '" + redact(text) + "'");
            }
        }
        if (host.isEmpty()) {
            host = env.getOrDefault("PGHOST", "localhost");
        }
        if (user == null || user.isEmpty()) {
            user = env.getOrDefault("PGUSER", System.getProperty("user.name"));
        }
        if (database.isEmpty()) {
            database = env.getOrDefault("PGDATABASE", user);
        }
        if (password == null) {
            password = env.get("PGPASSWORD");
        }
        if (password == null) {
            password = fromPgpass(pgpass, host, port, database, user);
        }
        return new ConnectionSpec(host, port, database, user, password, params);
    }

    /** The ~/.pgpass line that matches, with psql's rules: first match wins, '*' matches anything. */
    static String fromPgpass(Path pgpass, String host, int port, String database, String user) {
        if (pgpass == null || !Files.isReadable(pgpass)) {
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(pgpass);
        }
        catch (IOException e) {
            return null;
        }
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = splitPgpass(line);
            if (fields.size() < 5) {
                continue;
            }
            if (matches(fields.get(0), host) && matches(fields.get(1), Integer.toString(port))
                    && matches(fields.get(2), database) && matches(fields.get(3), user)) {
                return fields.get(4);
            }
        }
        return null;
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value)
                || (pattern.equals("localhost") && (value.equals("127.0.0.1") || value.equals("::1")));
    }

    private static List<String> splitPgpass(String line) {
        List<String> fields = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
            }
            else if (c == ':' && fields.size() < 4) {
                fields.add(current.toString());
                current.setLength(0);
            }
            else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The input with any password removed, safe to print. */
    public static String redact(String text) {
        return text.replaceAll("(://[^:/@?]*):[^@/?]*@", "$1:****@").replaceAll("(?i)(password=)[^&]*", "$1****");
    }

    public String jdbcUrl() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/" + database;
    }

    public Properties properties() {
        Properties props = new Properties();
        props.putAll(parameters);
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.putIfAbsent("ApplicationName", "lading");
        return props;
    }

    /** Opens a connection; a failure is one line naming the database (never the password). */
    public Connection connect() {
        try {
            return DriverManager.getConnection(jdbcUrl(), properties());
        }
        catch (SQLException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (password != null) {
                why = why.replace(password, "****");
            }
            throw new LadingException("cannot connect to " + this + ": " + why, e);
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    /** {@code postgresql://user@host:port/db}, without the password. */
    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }
}
