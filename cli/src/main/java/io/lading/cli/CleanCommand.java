package io.lading.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lading.common.Durations;
import io.lading.storage.Leftovers;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectStores;
import io.lading.storage.PendingWrite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lading clean}: removes what killed runs left under a prefix. */
@Command(name = "clean", mixinStandardHelpOptions = true,
        description = {
                "Removes the leftovers of killed Lading runs under LOCATION (every key starting with it): local temporary files"
                        + " (.lading-tmp-*) and open S3/OSS multipart uploads of a run's files (part-<run id>-*), started more than"
                        + " --older-than ago. Objects are never touched. One line per leftover, then how many.",
                "lading unload does the same under its destination before writing (--leftovers-older-than, default 10m)."},
        footer = {"",
                "Credentials come from the environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN or an AWS"
                        + " profile for s3://; OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_SESSION_TOKEN for oss://.",
                "Exit status: 0 done (also when nothing was left), 1 the store failed, 2 usage error."})
final class CleanCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LOCATION",
            description = "s3://bucket/prefix, oss://bucket/prefix or file:///path; store options may follow as ?endpoint=..&region=..&path_style=true")
    String location;

    @Option(names = "--older-than", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
            description = "Only writes started (local: last written) longer ago than this, e.g. 30m, 1h, 2d; 0 for all (default: ${DEFAULT-VALUE}).")
    Duration olderThan;

    @Option(names = "--dry-run", description = "List what would be removed and remove nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the result as one JSON object on stdout.")
    boolean json;

    @Mixin
    StoreOptionsMixin storeOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Location where = StoreOptionsMixin.location(location);
        List<PendingWrite> leftovers;
        try (ObjectStore store = ObjectStores.open(where, storeOptions.toStoreOptions())) {
            leftovers = Leftovers.find(store, where, olderThan);
            if (!dryRun) {
                Leftovers.remove(store, leftovers);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? toJson(where, olderThan, leftovers) : lines(where, olderThan, leftovers));
        out.flush();
        return 0;
    }

    private String lines(Location where, Duration age, List<PendingWrite> leftovers) {
        StringBuilder text = new StringBuilder();
        for (PendingWrite w : leftovers) {
            text.append(dryRun ? "(dry run) would remove: " : "removed: ").append(w.location())
                    .append(" (started ").append(w.started()).append(", ").append(w.id()).append(")\n");
        }
        String count = Leftovers.count(leftovers.size());
        text.append(dryRun ? count + " under " + where + " would be removed (--dry-run)" : "removed " + count + " under " + where);
        return text.append(" (unfinished writes older than ").append(Durations.format(age)).append(")").toString();
    }

    private String toJson(Location where, Duration age, List<PendingWrite> leftovers) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("operation", "clean");
        root.put("location", where.toString());
        root.put("older_than", Durations.format(age));
        root.put("dry_run", dryRun);
        root.put(dryRun ? "would_remove" : "removed", leftovers.size());
        ArrayNode list = root.putArray("leftovers");
        for (PendingWrite w : leftovers) {
            list.addObject().put("location", w.location().toString()).put("id", w.id()).put("started", w.started().toString());
        }
        return root.toString();
    }
}
