package io.lading.transfer;

import io.lading.common.Durations;
import io.lading.common.LadingException;
import io.lading.format.Manifest;
import io.lading.storage.Leftovers;
import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectWrite;
import io.lading.storage.Publication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a rebalancing transfer publishes, in which order, and what a failure undoes, as an unload
 * does it; the reader threads know nothing of it. {@link #begin}: leftovers of killed runs under
 * the destination go, then the destination must be empty or {@code overwrite} given.
 * {@link #commit}: every file in key order, then the manifest (from then on the transfer stands),
 * then the removal of what {@code overwrite} replaces. {@link #rollback}: abort the files not yet
 * published, delete those that were, and say so in one message.
 */
final class RebalanceTransaction {
    private static final Logger log = LoggerFactory.getLogger(RebalanceTransaction.class);
    /** As unload's default: a live write of another run is younger. */
    static final Duration LEFTOVER_AGE = Duration.ofMinutes(10);

    private final ObjectStore store;
    private final RebalancePlan plan;
    private final boolean overwrite;
    private final Publication publication;
    private List<ObjectInfo> replaced = List.of();
    private boolean manifestWritten;

    RebalanceTransaction(ObjectStore store, RebalancePlan plan, boolean overwrite) {
        this.store = requireNonNull(store, "store is null");
        this.plan = requireNonNull(plan, "plan is null");
        this.overwrite = overwrite;
        this.publication = new Publication(store);
    }

    /** Before anything is written. */
    void begin() {
        int removed = Leftovers.clean(store, plan.folder(), LEFTOVER_AGE);
        if (removed > 0) {
            log.info("removed {} under {} (unfinished writes older than {})", Leftovers.count(removed), plan.folder(),
                    Durations.format(LEFTOVER_AGE));
        }
        List<ObjectInfo> inFolder = store.list(plan.folder(), false);
        Optional<ObjectInfo> manifest = store.stat(plan.manifest());
        List<ObjectInfo> existing = new ArrayList<>(inFolder);
        manifest.ifPresent(existing::add);
        if (!existing.isEmpty() && !overwrite) {
            String what = inFolder.isEmpty() ? "its manifest " + manifest.get().location() + " exists"
                    : inFolder.size() + " objects" + (manifest.isPresent() ? " and its manifest" : "") + ", e.g. " + inFolder.get(0).location();
            throw new LadingException("destination " + plan.folder() + " is not empty (" + what
                    + "); use --overwrite to replace them once the new files are committed, or choose another folder");
        }
        for (ObjectInfo o : existing) {
            if (plan.outputs().contains(o.location())) {
                throw new LadingException("destination " + plan.folder() + " already holds files of run " + plan.runId()
                        + " (" + o.location() + "); run again");
            }
        }
        replaced = existing;
    }

    /**
     * Publishes {@code files} (in the plan's key order) and then the manifest with each file's size
     * and record count. Returns the manifest written.
     */
    Manifest commit(List<OutputFile> files, TransferCounters counters) throws IOException {
        List<Manifest.Entry> entries = new ArrayList<>();
        for (OutputFile file : files) {
            OutputFile.Committed committed = file.publish();
            publication.published(file.location());
            (committed.checksumVerified() ? counters.verified : counters.sizeOnly).increment();
            entries.add(new Manifest.Entry(file.location().toString(), true, committed.info().size(), file.records()));
        }
        Manifest source = plan.sourceManifest();
        Manifest manifest = new Manifest(entries, source == null ? null : source.schema(), plan.runId());
        try (ObjectWrite w = store.create(plan.manifest())) {
            w.output().write(manifest.toJson());
            w.commit();
        }
        manifestWritten = true;
        removeReplaced();
        return manifest;
    }

    /** Whether the manifest is written: the transfer stands, whatever fails after. */
    boolean isPublished() {
        return manifestWritten;
    }

    private void removeReplaced() {
        List<Location> stale = replaced.stream().map(ObjectInfo::location).filter(l -> !l.equals(plan.manifest())).toList();
        if (stale.isEmpty()) {
            return;
        }
        try {
            store.delete(stale);
        }
        catch (RuntimeException e) {
            // the new files are published: undoing them would lose both
            throw new LadingException("transfer to " + plan.folder() + " is committed (" + plan.manifest() + "), but removing the "
                    + stale.size() + " old objects failed: " + e.getMessage() + "; remove those not starting with part-"
                    + plan.runId() + "- by hand", e);
        }
        log.info("--overwrite: removed {} old objects under {}", stale.size(), plan.folder());
    }

    /**
     * Undoes an unpublished transfer: aborts every file not yet published, deletes those that were,
     * and returns the error to throw, naming {@code cause} and what was cleaned up; cleanup failures
     * are attached as suppressed.
     */
    LadingException rollback(Throwable cause, List<OutputFile> files) {
        Publication.Rollback undone = publication.rollback(files);
        List<RuntimeException> cleanup = undone.failures();
        String why = cause instanceof LadingException ? cause.getMessage() : describe(cause);
        StringBuilder s = new StringBuilder("transfer of ").append(plan.from()).append(" to ").append(plan.folder())
                .append(" failed: ").append(why);
        if (cleanup.isEmpty()) {
            s.append("; nothing was published (").append(undone.discarded()).append(" writes aborted, ")
                    .append(undone.deleted()).append(" committed files removed)");
        }
        else {
            s.append("; cleanup failed too (").append(cleanup.get(0).getMessage()).append("): remove the objects under ")
                    .append(plan.folder()).append(" starting with part-").append(plan.runId()).append("- by hand");
        }
        LadingException error = new LadingException(s.toString(), cause);
        cleanup.forEach(error::addSuppressed);
        return error;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }
}
