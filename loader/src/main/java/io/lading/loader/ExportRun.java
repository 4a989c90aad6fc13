package io.lading.loader;

import io.lading.common.LadingException;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which run of which export a load reads: a manifest identifies one. The export is the folder its
 * files are in; the run is the manifest's run id ({@code meta.run_id}, written by the unloader) or,
 * for a manifest without one, its set of files. A load without a manifest reads no run
 * ({@link #NONE}): files added to a folder are simply loaded next to the others.
 *
 * @param export the files' folder; null for {@link #NONE}
 * @param runId null when the manifest names no run
 * @param uris the files of this run
 */
record ExportRun(String export, String runId, Set<String> uris) {
    static final ExportRun NONE = new ExportRun(null, null, Set.of());

    ExportRun {
        uris = Set.copyOf(uris);
    }

    /** The run the selection reads: {@link #NONE} when it came without a manifest. */
    static ExportRun of(FileSelection.Selected selected) {
        if (selected.manifest() == null) {
            return NONE;
        }
        List<String> uris = selected.files().stream().map(LoadFile::uri).toList();
        return new ExportRun(folderOf(uris), selected.manifest().runId(), Set.copyOf(uris));
    }

    /** The longest folder (ending in '/') that holds every file. */
    private static String folderOf(List<String> uris) {
        String common = uris.get(0);
        for (String uri : uris) {
            int n = 0;
            while (n < common.length() && n < uri.length() && common.charAt(n) == uri.charAt(n)) {
                n++;
            }
            common = common.substring(0, n);
        }
        return common.substring(0, common.lastIndexOf('/') + 1);
    }

    /**
     * Refuses to load this run into a target whose ledger holds another run of the same export:
     * appending a refreshed export would double its rows. {@code --append} and {@code --truncate}
     * say what the user wants instead.
     */
    void checkNotAnotherRun(Collection<Ledger.Entry> entries, String table) {
        if (export == null) {
            return;
        }
        List<Ledger.Entry> others = entries.stream()
                .filter(e -> export.equals(e.export()) && !uris.contains(e.uri()) && (runId == null || !runId.equals(e.runId())))
                .toList();
        if (others.isEmpty()) {
            return;
        }
        String rows = String.format(Locale.ROOT, "%,d", others.stream().mapToLong(Ledger.Entry::rows).sum());
        Set<String> runs = others.stream().map(e -> String.valueOf(e.runId())).collect(Collectors.toSet());
        String held = runs.size() == 1 && others.get(0).runId() != null
                ? "run " + others.get(0).runId() + " of " + export + " (" + rows + " rows)"
                : "another run of " + export + " (" + rows + " rows, in files this manifest does not list)";
        throw new LadingException(table + " already holds " + held + "; use --truncate to replace it, or --append to add this run too");
    }
}
