package io.lading.warehouse.ddl;

import io.lading.warehouse.RejectLimit;
import io.lading.common.LadingException;
import io.lading.format.Compression;
import io.lading.format.FileFormat;
import io.lading.format.TableSchema;
import io.lading.format.TextOptions;
import io.lading.storage.Location;
import io.lading.storage.SelectionRule;
import io.lading.warehouse.TableName;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Everything a dialect needs to write one external table (or Redshift COPY/UNLOAD), validated for
 * the rules every dialect shares; each dialect checks its own rules when it builds statements.
 *
 * @param name the external table (for Redshift: the table COPY loads or UNLOAD reads)
 * @param location bucket and key; its {@link Location#options()} carry the endpoint and region
 * @param selection how the key selects objects; for {@code DIR} the key ends with '/'
 * @param text TEXT/CSV options (delimiter, null, quote, escape, header, force quote, encoding,
 *        newline); null for PARQUET
 * @param compression null when the user did not say: the dialect's default applies and nothing is printed
 * @param forceNotNull CSV {@code FORCE NOT NULL} columns (readable)
 * @param rejectLimit null: the first bad row fails the statement
 * @param logErrors {@code LOG ERRORS}: keep rejected rows in the error log ({@code gp_read_error_log})
 * @param errorTable {@code LOG ERRORS INTO t} (AnalyticDB 6 only); implies logErrors
 * @param distribution writable only; null: the database's default
 * @param options dialect tuning options ({@code oss_file_max_size}, {@code threadnum}, ...), checked by the dialect
 */
public record ExternalTableSpec(
        TableName name,
        TableSchema schema,
        Location location,
        SelectionRule selection,
        Direction direction,
        FileFormat format,
        TextOptions text,
        Compression compression,
        boolean fillMissingFields,
        List<String> forceNotNull,
        RejectLimit rejectLimit,
        boolean logErrors,
        TableName errorTable,
        Distribution distribution,
        Credentials credentials,
        Map<String, String> options) {
    public ExternalTableSpec {
        requireNonNull(name, "name is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(location, "location is null");
        requireNonNull(selection, "selection is null");
        requireNonNull(direction, "direction is null");
        requireNonNull(format, "format is null");
        forceNotNull = forceNotNull == null ? List.of() : List.copyOf(forceNotNull);
        credentials = credentials == null ? Credentials.NONE : credentials;
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        if (format == FileFormat.PARQUET) {
            if (text != null) {
                throw new IllegalArgumentException("PARQUET takes no text options");
            }
        }
        else {
            requireNonNull(text, "text is null");
            if (text.format() != format) {
                throw new IllegalArgumentException("text options are for " + text.format() + ", not " + format);
            }
        }
        if (errorTable != null) {
            logErrors = true;
        }
        boolean writable = direction == Direction.WRITABLE;
        switch (selection) {
            case DIR -> {
                if (!location.key().endsWith("/")) {
                    throw new LadingException("dir selection needs a location ending with '/': " + location);
                }
            }
            case FILEPATH -> {
                if (writable) {
                    throw new LadingException("filepath selection is only for readable tables; use prefix or dir to write");
                }
                if (location.key().isEmpty() || location.key().endsWith("/")) {
                    throw new LadingException("filepath selection needs a file name, not a folder: " + location);
                }
            }
            case MANIFEST -> {
                if (writable) {
                    throw new LadingException("manifest selection is only for reading");
                }
            }
            case PREFIX -> {
            }
        }
        if (writable) {
            if (rejectLimit != null) {
                throw new LadingException("--reject-limit is only for readable tables");
            }
            if (logErrors) {
                throw new LadingException("--log-errors is only for readable tables");
            }
            if (fillMissingFields) {
                throw new LadingException("--fill-missing-fields is only for readable tables");
            }
            if (!forceNotNull.isEmpty()) {
                throw new LadingException("--force-not-null is only for readable tables");
            }
            if (text != null && text.newline() != null) {
                throw new LadingException("--newline is only for readable tables");
            }
        }
        else {
            if (distribution != null) {
                throw new LadingException("--distributed-by/--distributed-randomly are only for writable tables");
            }
            if (text != null && !text.forceQuote().isEmpty()) {
                throw new LadingException("--force-quote is only for writable tables");
            }
        }
        if (logErrors && rejectLimit == null) {
            throw new LadingException("--log-errors needs --reject-limit (LOG ERRORS is part of SEGMENT REJECT LIMIT)");
        }
        if (!forceNotNull.isEmpty() && format != FileFormat.CSV) {
            throw new LadingException("--force-not-null is available only in CSV format");
        }
        if (compression != null && compression != Compression.NONE && compression != Compression.GZIP
                && format != FileFormat.PARQUET) {
            throw new LadingException("--compression for TEXT/CSV must be gzip or none, not " + compression.name().toLowerCase(java.util.Locale.ROOT));
        }
        List<String> names = schema.names();
        for (String c : forceNotNull) {
            if (!names.contains(c)) {
                throw new LadingException("--force-not-null column '" + c + "' is not a column of the table");
            }
        }
        if (text != null) {
            for (String c : text.forceQuote()) {
                if (!c.equals("*") && !names.contains(c)) {
                    throw new LadingException("--force-quote column '" + c + "' is not a column of the table");
                }
            }
        }
        if (distribution != null) {
            for (String c : distribution.columns()) {
                if (!names.contains(c)) {
                    throw new LadingException("--distributed-by column '" + c + "' is not a column of the table");
                }
            }
        }
    }

    public static Builder builder(TableName name, TableSchema schema, Location location) {
        return new Builder(name, schema, location);
    }

    public boolean readable() {
        return direction == Direction.READABLE;
    }

    /** This spec under another table name: the loader's unique temporary external table. */
    public ExternalTableSpec withName(TableName newName) {
        return new ExternalTableSpec(newName, schema, location, selection, direction, format, text, compression,
                fillMissingFields, forceNotNull, rejectLimit, logErrors, errorTable, distribution, credentials, options);
    }

    /** Readable by prefix, CSV with PostgreSQL defaults unless set otherwise. */
    public static final class Builder {
        private final TableName name;
        private final TableSchema schema;
        private final Location location;
        private SelectionRule selection = SelectionRule.PREFIX;
        private Direction direction = Direction.READABLE;
        private FileFormat format = FileFormat.CSV;
        private TextOptions text;
        private Compression compression;
        private boolean fillMissingFields;
        private List<String> forceNotNull = List.of();
        private RejectLimit rejectLimit;
        private boolean logErrors;
        private TableName errorTable;
        private Distribution distribution;
        private Credentials credentials = Credentials.NONE;
        private final Map<String, String> options = new LinkedHashMap<>();

        private Builder(TableName name, TableSchema schema, Location location) {
            this.name = name;
            this.schema = schema;
            this.location = location;
        }

        public Builder selection(SelectionRule value) {
            this.selection = value;
            return this;
        }

        public Builder direction(Direction value) {
            this.direction = value;
            return this;
        }

        /** The format with its default text options (call {@link #text} after to change them). */
        public Builder format(FileFormat value) {
            this.format = value;
            this.text = value == FileFormat.PARQUET ? null : TextOptions.defaults(value);
            return this;
        }

        public Builder text(TextOptions value) {
            this.text = value;
            if (value != null) {
                this.format = value.format();
            }
            return this;
        }

        public Builder compression(Compression value) {
            this.compression = value;
            return this;
        }

        public Builder fillMissingFields(boolean value) {
            this.fillMissingFields = value;
            return this;
        }

        public Builder forceNotNull(List<String> value) {
            this.forceNotNull = value;
            return this;
        }

        public Builder rejectLimit(RejectLimit value) {
            this.rejectLimit = value;
            return this;
        }

        public Builder logErrors(boolean value) {
            this.logErrors = value;
            return this;
        }

        public Builder errorTable(TableName value) {
            this.errorTable = value;
            return this;
        }

        public Builder distribution(Distribution value) {
            this.distribution = value;
            return this;
        }

        public Builder credentials(Credentials value) {
            this.credentials = value;
            return this;
        }

        public Builder option(String key, String value) {
            this.options.put(key, value);
            return this;
        }

        public Builder options(Map<String, String> values) {
            this.options.putAll(values);
            return this;
        }

        public ExternalTableSpec build() {
            TextOptions t = text == null && format != FileFormat.PARQUET ? TextOptions.defaults(format) : text;
            return new ExternalTableSpec(name, schema, location, selection, direction, format, t, compression,
                    fillMissingFields, forceNotNull, rejectLimit, logErrors, errorTable, distribution, credentials, options);
        }
    }
}
