package io.lading.cli;

import io.lading.common.LadingException;
import io.lading.format.FileSelector;
import io.lading.format.SelectedFiles;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectStores;
import io.lading.storage.SelectionRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code lading ls}: what a load would read, in the order it would read it. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = {
                "Lists the objects a load of LOCATION would read, in read order: one line per object, URI<TAB>size in bytes.",
                "Selection rules (AnalyticDB oss_ext): prefix = every key starting with the string; dir = the objects directly"
                        + " inside a folder ending with '/'; filepath = F, F.1, F.2, ... up to the first gap; manifest = LOCATION is a"
                        + " Redshift-format manifest, read exactly its files (a missing mandatory one is an error).",
                "Without --match: a LOCATION named *.manifest (or manifest) is a manifest; else the export's sibling manifest"
                        + " (orders/ or orders -> orders.manifest) when it exists; else dir for a LOCATION ending with '/', else prefix."},
        footer = {"",
                "Credentials come from the environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN or an AWS"
                        + " profile for s3://; OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_SESSION_TOKEN for oss://.",
                "Exit status: 0 listed, 1 nothing matches or the store failed, 2 usage error."})
final class LsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LOCATION",
            description = "s3://bucket/key, oss://bucket/key or file:///path; store options may follow as ?endpoint=..&region=..&path_style=true")
    String location;

    @Option(names = "--match", paramLabel = "RULE", converter = SelectionRuleConverter.class,
            description = "prefix, dir, filepath or manifest (default: see above)")
    SelectionRule match;

    @Mixin
    StoreOptionsMixin storeOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Location where;
        try {
            where = Location.parse(location);
        }
        catch (LadingException e) {
            throw new UsageException(e.getMessage());
        }
        if (match == SelectionRule.DIR && !where.isFolder()) {
            throw new UsageException("--match dir needs a LOCATION ending with '/': " + where);
        }
        if ((match == SelectionRule.FILEPATH || match == SelectionRule.MANIFEST) && where.isFolder()) {
            throw new UsageException("--match " + match.optionName() + " needs a file LOCATION, not a folder: " + where);
        }
        SelectedFiles selected;
        try (ObjectStore store = ObjectStores.open(where, storeOptions.toStoreOptions())) {
            selected = FileSelector.select(store, where, match);
        }
        if (selected.files().isEmpty()) {
            throw new LadingException("nothing matches " + selected.rule().optionName() + " " + selected.location());
        }
        PrintWriter out = spec.commandLine().getOut();
        for (SelectedFiles.File file : selected.files()) {
            out.println(file.object().location() + "\t" + file.object().size());
        }
        out.flush();
        return 0;
    }
}
