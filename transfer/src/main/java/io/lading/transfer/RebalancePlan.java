package io.lading.transfer;

import io.lading.common.LadingException;
import io.lading.format.Manifest;
import io.lading.storage.Location;
import io.lading.storage.Selection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.IntFunction;

import static java.util.Objects.requireNonNull;

/**
 * What a rebalancing transfer reads and writes: the selected inputs in read order (with the record
 * counts their manifest promises), the output files in key order (named by the caller as an unload
 * names its files, {@code part-<run>-0000-<file>.<ext>.gz}, so file {@code i} goes to segment
 * {@code i mod S}), the destination folder, the manifest beside it, the run id the manifest carries,
 * and the source manifest (null without one) whose total is checked and whose schema is kept.
 */
public record RebalancePlan(Location from, List<TransferPlan.Source> inputs, Location folder, List<Location> outputs,
        Location manifest, String runId, Manifest sourceManifest) {
    public RebalancePlan {
        requireNonNull(from, "from is null");
        inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
        requireNonNull(folder, "folder is null");
        outputs = List.copyOf(requireNonNull(outputs, "outputs is null"));
        requireNonNull(manifest, "manifest is null");
        requireNonNull(runId, "runId is null");
        if (!folder.isFolder()) {
            throw new IllegalArgumentException("folder does not end with '/': " + folder);
        }
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("no outputs");
        }
        String previous = "";
        for (Location output : outputs) {
            String name = output.key().substring(Math.min(folder.key().length(), output.key().length()));
            if (!output.key().startsWith(folder.key()) || name.isEmpty() || name.contains("/")) {
                throw new IllegalArgumentException("output " + output + " is not a file directly in " + folder);
            }
            if (output.key().compareTo(previous) <= 0) {
                throw new IllegalArgumentException("outputs are not in key order at " + output);
            }
            previous = output.key();
        }
    }

    /**
     * The plan for writing {@code files} outputs into {@code to} (a trailing '/' is implied), the
     * manifest beside it. {@code nameOf(i)} names output {@code i}.
     */
    public static RebalancePlan of(Location from, List<TransferPlan.Source> inputs, Manifest sourceManifest, Location to,
            String runId, int files, IntFunction<String> nameOf) {
        Location folder = to.asFolder();
        if (folder.key().isEmpty()) {
            throw new LadingException("--segments writes a manifest beside the destination folder: give TO a folder below the bucket root, not "
                    + folder);
        }
        String fromFolder = from.key().substring(0, from.key().lastIndexOf('/') + 1);
        if (from.withKey(fromFolder).equals(folder)) {
            throw new LadingException("FROM and TO are the same folder (" + folder + "); give TO another folder");
        }
        List<Location> outputs = new ArrayList<>();
        HashSet<String> names = new HashSet<>();
        for (int i = 0; i < files; i++) {
            String name = nameOf.apply(i);
            if (!names.add(name)) {
                throw new IllegalArgumentException("two outputs are named " + name);
            }
            outputs.add(folder.resolve(name));
        }
        return new RebalancePlan(from, inputs, folder, outputs, Selection.manifestBeside(folder), runId, sourceManifest);
    }

    /**
     * The total the source manifest promises when its entries carry no counts (a server-side
     * unload's {@code meta.record_count}), else -1: then each input is checked against its entry.
     */
    long promisedTotal() {
        return sourceManifest == null ? -1 : sourceManifest.recordCount();
    }
}
