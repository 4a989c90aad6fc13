package io.lading.cli;

import io.lading.warehouse.RejectLimit;
import io.lading.common.LadingException;
import io.lading.format.Compression;
import io.lading.format.FileFormat;
import io.lading.format.TableSchema;
import io.lading.format.TextOptions;
import io.lading.storage.Location;
import io.lading.storage.SelectionRule;
import io.lading.warehouse.Catalog;
import io.lading.warehouse.ConnectionSpec;
import io.lading.warehouse.TableName;
import io.lading.warehouse.ddl.ColumnList;
import io.lading.warehouse.ddl.Credentials;
import io.lading.warehouse.ddl.Direction;
import io.lading.warehouse.ddl.Distribution;
import io.lading.warehouse.ddl.ExternalTableDialect;
import io.lading.warehouse.ddl.ExternalTableSpec;
import io.lading.warehouse.ddl.GreenplumDialect;
import io.lading.warehouse.ddl.Secrets;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code lading ddl}: prints the statements of a dialect for files in a bucket; runs nothing. */
@Command(name = "ddl", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Print external-table DDL (AnalyticDB 6 oss_ext, AnalyticDB 7 oss_fdw, Greenplum gpcloud) or Redshift COPY/UNLOAD "
                        + "for files in a bucket. Runs nothing. Key ids and secrets print as **** unless --show-secrets.",
                "Credentials come from the environment: OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET for oss:// locations, "
                        + "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN for s3:// (other variables with --*-env)."})
public final class DdlCommand implements Callable<Integer> {
    @Option(names = "--dialect", required = true, paramLabel = "DIALECT", description = "adbpg, adbpg7, greenplum or redshift.")
    String dialect;

    @ArgGroup(exclusive = true, multiplicity = "1")
    DirectionGroup direction;

    static final class DirectionGroup {
        @Option(names = "--readable", required = true, description = "A table the segments read (load); Redshift: COPY.")
        boolean readable;

        @Option(names = "--writable", required = true, description = "A table the segments write (unload); Redshift: UNLOAD.")
        boolean writable;
    }

    @Option(names = "--table", required = true, paramLabel = "[SCHEMA.]NAME",
            description = "The external table to define (Redshift: the table COPY loads or UNLOAD reads).")
    String table;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ColumnsGroup columns;

    static final class ColumnsGroup {
        @Option(names = "--columns", required = true, paramLabel = "DEFS", description = "Column definitions: \"a int, b numeric(12,2), \\\"C\\\" text\".")
        String definitions;

        @ArgGroup(exclusive = false, multiplicity = "1")
        LikeGroup like;
    }

    static final class LikeGroup {
        @Option(names = "--like", required = true, paramLabel = "[SCHEMA.]TABLE", description = "Take the columns of this table in --db.")
        String table;

        @Option(names = "--db", required = true, paramLabel = "DB", description = "jdbc:postgresql://host:port/db?user=u or postgresql://u@host/db.")
        String db;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    LocationGroup location;

    static final class LocationGroup {
        @Option(names = "--from", required = true, paramLabel = "LOCATION", description = "Where a readable table reads: oss://bucket/key, s3://bucket/key.")
        String from;

        @Option(names = "--to", required = true, paramLabel = "LOCATION", description = "Where a writable table writes.")
        String to;
    }

    @Option(names = "--match", paramLabel = "SELECTION", converter = SelectionRuleConverter.class,
            description = "prefix, dir (location ends with '/'), filepath (readable) or manifest (Redshift COPY). Default, decided by"
                    + " the name without contacting the store: readable manifest for *.manifest (or manifest), dir for a location"
                    + " ending with '/', else prefix; writable prefix.")
    SelectionRule match;

    @Mixin
    StoreOptionsMixin store;

    @Mixin
    TextOptionsMixin textOptions;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", description = "text, csv (default) or parquet (adbpg7, redshift).")
    String format;

    @Option(names = "--newline", paramLabel = "LF|CR|CRLF", description = "Line ending of the files (readable).")
    String newline;

    @Option(names = "--force-quote", paramLabel = "COLS", description = "CSV columns always quoted on write, or *.")
    String forceQuote;

    @Option(names = "--force-not-null", paramLabel = "COLS", description = "CSV columns whose empty value is an empty string, never NULL (readable).")
    String forceNotNull;

    @Option(names = "--fill-missing-fields", description = "Missing trailing fields read as NULL (readable).")
    boolean fillMissingFields;

    @Option(names = "--compression", paramLabel = "gzip|none", description = "Compression of TEXT/CSV files.")
    String compression;

    @Option(names = "--reject-limit", paramLabel = "N|N%", description = "SEGMENT REJECT LIMIT (rows, or percent with %%); Redshift: MAXERROR.")
    String rejectLimit;

    @Option(names = "--log-errors", description = "LOG ERRORS: keep rejected rows for gp_read_error_log (needs --reject-limit).")
    boolean logErrors;

    @Option(names = "--log-errors-into", paramLabel = "TABLE", description = "LOG ERRORS INTO TABLE (adbpg only).")
    String errorTable;

    @ArgGroup(exclusive = true)
    DistributionGroup distribution;

    static final class DistributionGroup {
        @Option(names = "--distributed-by", required = true, paramLabel = "COLS", description = "DISTRIBUTED BY (COLS) of a writable table.")
        String by;

        @Option(names = "--distributed-randomly", required = true, description = "DISTRIBUTED RANDOMLY of a writable table.")
        boolean randomly;
    }

    @Option(names = "--s3-config", paramLabel = "PATH", description = "greenplum: path of s3.conf on every segment host (config= in LOCATION; default: gpcloud's s3/s3.conf in each segment's data directory).")
    String s3Config;

    @Option(names = "--s3-config-out", paramLabel = "FILE",
            description = "greenplum: write the matching s3.conf, with the real secret, to FILE (mode 0600). Without it a masked preview is printed.")
    Path s3ConfigOut;

    @Option(names = "--iam-role", paramLabel = "ARN", description = "redshift: IAM_ROLE instead of access keys.")
    String iamRole;

    @Option(names = "--access-key-id-env", paramLabel = "VAR", description = "Environment variable holding the access key id.")
    String accessKeyIdEnv;

    @Option(names = "--secret-key-env", paramLabel = "VAR", description = "Environment variable holding the secret key.")
    String secretKeyEnv;

    @Option(names = "--session-token-env", paramLabel = "VAR", description = "Environment variable holding an STS session token (S3).")
    String sessionTokenEnv;

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "Dialect option: adbpg async, compressionlevel, oss_flush_block_size, oss_file_max_size, num_parallel_worker, "
                    + "oss_connect_timeout, oss_dns_cache_timeout, oss_speed_limit, oss_speed_time; adbpg7 server, user; "
                    + "greenplum threadnum, chunksize, low_speed_limit, low_speed_time, verifycert, loglevel; redshift maxfilesize, parallel.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--setup", description = "Print the once-per-database setup (extension or protocol) as statements, not comments.")
    boolean setup;

    @Option(names = "--show-secrets", description = "Print key ids and secrets instead of ****.")
    boolean showSecrets;

    @Spec
    CommandSpec spec;

    private final Function<String, String> environment;

    public DdlCommand() {
        this(System::getenv);
    }

    /** With another environment: what tests use, so no test has to set a real variable. */
    DdlCommand(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean readable = direction.readable;
        if (readable ? location.to != null : location.from != null) {
            throw new UsageException(readable ? "--readable reads --from a location, not --to" : "--writable writes --to a location, not --from");
        }
        ExternalTableDialect ddl = ExternalTableDialect.forName(dialect);
        Location where = Location.parse(readable ? location.from : location.to);
        where = where.withOptions(where.options().orElse(store.toStoreOptions()));
        Secrets secrets = showSecrets ? Secrets.REVEAL : Secrets.MASK;

        Map<String, String> dialectOptions = new LinkedHashMap<>(options);
        if (s3Config != null) {
            if (!ddl.name().equals("greenplum")) {
                throw new LadingException("--s3-config is for the greenplum dialect");
            }
            dialectOptions.put("config", s3Config);
        }
        if (s3ConfigOut != null && !ddl.name().equals("greenplum")) {
            throw new LadingException("--s3-config-out is for the greenplum dialect");
        }
        if (iamRole != null && !ddl.name().equals("redshift")) {
            throw new LadingException("--iam-role is for the redshift dialect");
        }
        ExternalTableSpec.Builder builder = ExternalTableSpec.builder(TableName.parse(table), schema(), where)
                .direction(readable ? Direction.READABLE : Direction.WRITABLE)
                .selection(match != null ? match : readable ? SelectionRule.byName(where) : SelectionRule.PREFIX)
                .fillMissingFields(fillMissingFields)
                .logErrors(logErrors)
                .options(dialectOptions)
                .credentials(credentials(where, err, secrets == Secrets.REVEAL || s3ConfigOut != null));
        FileFormat fileFormat = FileFormat.parse(format);
        builder.format(fileFormat);
        if (fileFormat == FileFormat.PARQUET) {
            if (textOptions.given() || newline != null || forceQuote != null || forceNotNull != null) {
                throw new LadingException("text/csv options (--delimiter, --null, --quote, ...) do not apply to Parquet");
            }
        }
        else {
            builder.text(textOptions(fileFormat));
        }
        if (compression != null) {
            builder.compression(Compression.parse(compression));
        }
        if (forceNotNull != null) {
            builder.forceNotNull(ColumnList.parseNames("--force-not-null", forceNotNull));
        }
        if (rejectLimit != null) {
            builder.rejectLimit(RejectLimit.parse(rejectLimit));
        }
        if (errorTable != null) {
            builder.errorTable(TableName.parse(errorTable));
        }
        if (distribution != null) {
            builder.distribution(distribution.randomly ? Distribution.RANDOMLY
                    : Distribution.by(ColumnList.parseNames("--distributed-by", distribution.by)));
        }
        ExternalTableSpec ext = builder.build();

        List<String> statements = ddl.createStatements(ext, secrets);
        String s3conf = null;
        if (ddl.name().equals("greenplum")) {
            s3conf = GreenplumDialect.s3Config(ext, s3ConfigOut != null ? Secrets.REVEAL : secrets);
        }
        StringBuilder text = new StringBuilder();
        List<String> setupStatements = ddl.setupStatements();
        if (!setupStatements.isEmpty()) {
            if (setup) {
                setupStatements.forEach(s -> text.append(s).append(";\n"));
            }
            else {
                text.append("-- once per database (print as statements with --setup):\n");
                setupStatements.forEach(s -> text.append("-- ").append(s).append(";\n"));
            }
            text.append('\n');
        }
        for (int i = 0; i < statements.size(); i++) {
            text.append(i == 0 ? "" : "\n").append(statements.get(i)).append(";\n");
        }
        if (s3conf != null) {
            if (s3ConfigOut != null) {
                writePrivate(s3ConfigOut, s3conf);
                err.println("lading: wrote " + s3ConfigOut + "; it contains the secret key: keep it private and copy it to "
                        + GreenplumDialect.configPlace(ext));
            }
            else {
                text.append("\n-- s3.conf for ").append(ext.options().containsKey("config") ? "config=" : "")
                        .append(GreenplumDialect.configPlace(ext)).append(" (write it with --s3-config-out FILE):\n");
                s3conf.lines().forEach(l -> text.append("-- ").append(l).append('\n'));
            }
        }
        out.print(text);
        out.flush();
        return 0;
    }

    private TableSchema schema() {
        if (columns.definitions != null) {
            return ColumnList.parse(columns.definitions);
        }
        return Catalog.columnsOf(ConnectionSpec.parse(columns.like.db), TableName.parse(columns.like.table));
    }

    private TextOptions textOptions(FileFormat fileFormat) {
        List<String> quoted = forceQuote == null ? List.of()
                : forceQuote.strip().equals("*") ? List.of("*") : ColumnList.parseNames("--force-quote", forceQuote);
        return textOptions.forFormat(fileFormat, quoted, newline);
    }

    /**
     * Keys from the environment. When the output needs them ({@code --show-secrets}, an s3.conf
     * file) a missing one is an error; otherwise a warning, since the DDL shows {@code ****} anyway.
     */
    private Credentials credentials(Location where, PrintWriter err, boolean needed) {
        if (iamRole != null) {
            return new Credentials(null, null, null, iamRole);
        }
        Credentials.Variables defaults = Credentials.Variables.defaultsFor(where.scheme());
        String idVar = accessKeyIdEnv != null ? accessKeyIdEnv : defaults.accessKeyId();
        String secretVar = secretKeyEnv != null ? secretKeyEnv : defaults.secretKey();
        String tokenVar = sessionTokenEnv != null ? sessionTokenEnv : defaults.sessionToken();
        String id = env(idVar);
        String secret = env(secretVar);
        String token = tokenVar == null ? null : env(tokenVar);
        for (String[] pair : new String[][] {{idVar, id}, {secretVar, secret}}) {
            if (pair[1] == null) {
                if (needed) {
                    throw new LadingException(pair[0] + " is not set; " + (s3ConfigOut != null ? "the s3.conf file" : "--show-secrets")
                            + " needs the real credentials");
                }
                Voice.warning(err, pair[0] + " is not set; the output shows **** in its place");
            }
        }
        if (sessionTokenEnv != null && token == null) {
            throw new LadingException(sessionTokenEnv + " (--session-token-env) is not set");
        }
        return Credentials.keys(id, secret, token);
    }

    private String env(String name) {
        String value = environment.apply(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Temporary sibling created 0600, then an atomic move: the secret is never world-readable, not even briefly. */
    private static void writePrivate(Path file, String content) {
        Path absolute = file.toAbsolutePath();
        Path temp = null;
        try {
            temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException | UnsupportedOperationException e) {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                }
                catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new LadingException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
