package io.lading.cli;

import io.lading.common.LadingException;
import io.lading.format.Manifest;
import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectStores;
import io.lading.storage.Selection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lading ls}: what a load would read, in the order it would read it. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = {
                "Lists the objects a load of LOCATION would read, in read order: one line per object, URI<TAB>size in bytes.",
                "Selection rules (AnalyticDB oss_ext): prefix = every key starting with the string; dir = the objects directly"
                        + " inside a folder ending with '/'; filepath = F, F.1, F.2, ... up to the first gap; manifest = LOCATION is a"
                        + " Redshift-format manifest, read exactly its files (a missing mandatory one is an error)."},
        footer = {"",
                "Credentials come from the environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN or an AWS"
                        + " profile for s3://; OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_SESSION_TOKEN for oss://.",
                "Exit status: 0 listed, 1 nothing matches or the store failed, 2 usage error."})
final class LsCommand implements Callable<Integer> {
    enum Match { prefix, dir, filepath, manifest }

    @Parameters(index = "0", paramLabel = "LOCATION",
            description = "s3://bucket/key, oss://bucket/key or file:///path; store options may follow as ?endpoint=..&region=..&path_style=true")
    String location;

    @Option(names = "--match", paramLabel = "RULE",
            description = "prefix, dir, filepath or manifest (default: dir when LOCATION ends with '/', else prefix)")
    Match match;

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
        Match rule = match != null ? match : where.isFolder() ? Match.dir : Match.prefix;
        if (rule == Match.dir && !where.isFolder()) {
            throw new UsageException("--match dir needs a LOCATION ending with '/': " + where);
        }
        if ((rule == Match.filepath || rule == Match.manifest) && where.isFolder()) {
            throw new UsageException("--match " + rule + " needs a file LOCATION, not a folder: " + where);
        }
        List<ObjectInfo> objects;
        try (ObjectStore store = ObjectStores.open(where, storeOptions.toStoreOptions())) {
            Selection selection = rule == Match.manifest ? manifestSelection(store, where) : Selection.of(rule.name(), where);
            objects = selection.resolve(store);
        }
        if (objects.isEmpty()) {
            throw new LadingException("nothing matches " + rule + " " + where);
        }
        PrintWriter out = spec.commandLine().getOut();
        for (ObjectInfo object : objects) {
            out.println(object.location() + "\t" + object.size());
        }
        out.flush();
        return 0;
    }

    private static Selection.ManifestFiles manifestSelection(ObjectStore store, Location manifestLocation) {
        byte[] json;
        try (InputStream in = store.open(manifestLocation)) {
            json = in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + manifestLocation, e);
        }
        Manifest manifest = Manifest.parse(json, manifestLocation.toString());
        List<Selection.ManifestEntry> entries = new ArrayList<>();
        for (Manifest.Entry entry : manifest.entries()) {
            Location file;
            try {
                file = Location.parse(entry.url());
            }
            catch (LadingException e) {
                throw new LadingException("manifest " + manifestLocation + " lists a bad url: " + e.getMessage());
            }
            if (file.scheme() != manifestLocation.scheme()) {
                throw new LadingException("manifest " + manifestLocation + " lists " + file
                        + ", which is not in the manifest's store; Lading reads manifests whose files are in the same store");
            }
            entries.add(new Selection.ManifestEntry(file.withOptions(manifestLocation.options()), entry.mandatory()));
        }
        return new Selection.ManifestFiles(manifestLocation, entries);
    }
}
