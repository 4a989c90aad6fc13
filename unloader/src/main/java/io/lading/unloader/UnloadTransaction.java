package io.lading.unloader;

import io.lading.common.Durations;
import io.lading.common.LadingException;
import io.lading.format.Manifest;
import io.lading.format.TableSchema;
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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What an unload publishes, in which order, and what a failure undoes; the threads that write the
 * files know nothing of it. {@link #begin}: the leftovers of killed runs under the destination go,
 * then the destination must be empty, or {@code --overwrite} given. {@link #commit}: every file in key order, then the manifest (from then on the unload
 * stands), then the removal of what {@code --overwrite} replaces. {@link #rollback}: discard the
 * files not yet published, delete those that were, and say what happened in one message.
 */
final class UnloadTransaction {
    private static final Logger log = LoggerFactory.getLogger(UnloadTransaction.class);

    /** A file written but not yet visible. */
    interface PendingFile extends Publication.Pending {
        long rows();

        /** Makes the file visible under {@link #location()}. */
        ObjectInfo publish();
    }

    private final ObjectStore store;
    private final UnloadRequest request;
    private final FileNames names;
    private List<ObjectInfo> replaced = List.of();
    private final Publication publication;
    private boolean manifestWritten;

    UnloadTransaction(ObjectStore store, UnloadRequest request, FileNames names) {
        this.store = requireNonNull(store, "store is null");
        this.request = requireNonNull(request, "request is null");
        this.names = requireNonNull(names, "names is null");
        this.publication = new Publication(store);
    }

    /**
     * Before anything is written: removes the leftovers of killed runs under the destination older
     * than {@code leftoverAge} and says how many, then the overwrite guard on what the folder and
     * the manifest hold now.
     */
    void begin(Duration leftoverAge) {
        int removed = Leftovers.clean(store, request.to(), leftoverAge);
        if (removed > 0) {
            log.info("removed {} under {} (unfinished writes older than {})", Leftovers.count(removed), request.to(),
                    Durations.format(leftoverAge));
        }
        List<ObjectInfo> inFolder = store.list(request.to(), false);
        Optional<ObjectInfo> manifest = store.stat(request.manifest());
        List<ObjectInfo> existing = new ArrayList<>(inFolder);
        manifest.ifPresent(existing::add);
        if (!existing.isEmpty() && !request.overwrite()) {
            // the sibling manifest is not an object of the folder: counted apart, so the count matches a listing
            String what = inFolder.isEmpty() ? "its manifest " + manifest.get().location() + " exists"
                    : inFolder.size() + " objects" + (manifest.isPresent() ? " and its manifest" : "") + ", e.g. " + inFolder.get(0).location();
            throw new LadingException("destination " + request.to() + " is not empty (" + what
                    + "); use --overwrite to replace them once the new files are committed, or choose another folder");
        }
        String prefix = request.to().key() + names.prefix();
        for (ObjectInfo o : existing) {
            if (o.key().startsWith(prefix)) {
                throw new LadingException("destination " + request.to() + " already holds files of run " + names.runId()
                        + " (" + o.location() + "); run again");
            }
        }
        replaced = existing;
    }

    /**
     * Publishes {@code files} in key order and then the manifest listing them; {@code checkpoint}
     * runs before each file and throws to stop (a cancelled run). Once the manifest is written the
     * objects {@link #begin} found are removed: a failure then leaves both runs in the folder, and
     * says so.
     */
    Manifest commit(List<? extends PendingFile> files, TableSchema schema, Runnable checkpoint) throws IOException {
        return commit(files, schema, checkpoint, -1);
    }

    /** As {@link #commit(List, TableSchema, Runnable)}; {@code recordCount}: the total when files have no counts (-1: their sum). */
    Manifest commit(List<? extends PendingFile> files, TableSchema schema, Runnable checkpoint, long recordCount) throws IOException {
        List<PendingFile> ordered = new ArrayList<>(files);
        ordered.sort(Comparator.comparing(f -> f.location().key()));
        List<Manifest.Entry> entries = new ArrayList<>();
        for (PendingFile file : ordered) {
            checkpoint.run();
            ObjectInfo info = file.publish();
            publication.published(file.location());
            entries.add(new Manifest.Entry(file.location().toString(), true, info.size(), file.rows()));
        }
        checkpoint.run();
        Manifest manifest = new Manifest(entries, schema, names.runId(), recordCount);
        try (ObjectWrite w = store.create(request.manifest())) {
            w.output().write(manifest.toJson());
            w.commit();
        }
        manifestWritten = true;
        removeReplaced();
        return manifest;
    }

    private void removeReplaced() {
        if (replaced.isEmpty()) {
            return;
        }
        List<Location> stale = replaced.stream().map(ObjectInfo::location).filter(l -> !l.equals(request.manifest())).toList();
        try {
            store.delete(stale);
        }
        catch (RuntimeException e) {
            // the new run is published: undoing it would lose both runs
            throw new LadingException("unload of " + request.subject() + " is committed (" + request.manifest()
                    + "), but removing the " + stale.size() + " old objects under " + request.to() + " failed: "
                    + e.getMessage() + "; the folder now holds old and new files: remove those not starting with "
                    + names.prefix() + " by hand", e);
        }
        log.info("--overwrite: removed {} old objects under {}", stale.size(), request.to());
    }

    /** Whether the manifest is written: the unload stands, whatever fails after. */
    boolean isPublished() {
        return manifestWritten;
    }

    /** The error for a failure after publication: nothing is undone. */
    RuntimeException failedAfterPublication(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        return new LadingException("unload of " + request.subject() + " is committed, but then: " + describe(t), t);
    }

    /**
     * Undoes an unpublished unload: discards every file of {@code files} not yet published, deletes
     * those that were, and returns the error to throw, which names {@code cause} and what was
     * cleaned up (or what to remove by hand); cleanup failures are attached as suppressed.
     */
    LadingException rollback(Throwable cause, List<? extends PendingFile> files) {
        Publication.Rollback undone = publication.rollback(files);
        LadingException error = failureMessage(cause, undone);
        undone.failures().forEach(error::addSuppressed);
        return error;
    }

    private LadingException failureMessage(Throwable cause, Publication.Rollback undone) {
        List<RuntimeException> cleanup = undone.failures();
        String why = cause instanceof LadingException ? cause.getMessage() : describe(cause);
        StringBuilder s = new StringBuilder("unload of ").append(request.subject()).append(" to ").append(request.to())
                .append(" failed: ").append(why);
        if (cleanup.isEmpty()) {
            s.append("; nothing was published (").append(undone.discarded()).append(" uploads aborted, ")
                    .append(undone.deleted()).append(" committed files removed)");
        }
        else {
            s.append("; cleanup failed too (").append(cleanup.get(0).getMessage())
                    .append("): remove the objects under ").append(request.to()).append(" starting with ")
                    .append(names.prefix()).append(" and ").append(request.manifest()).append(" by hand");
        }
        return new LadingException(s.toString(), cause);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }
}
