package io.lading.transfer;

import io.lading.common.LadingException;
import io.lading.common.Workers;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectWrite;
import io.lading.transfer.ObjectCopier.Existing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The transaction of {@code lading transfer}, in the order a reader can check:
 * <ol>
 *   <li>Every destination name is compared with its source; content already there (a re-run) is
 *       skipped, and different content stops the transfer before anything is written unless
 *       {@code overwrite}.</li>
 *   <li>The remaining objects are transferred in parallel ({@link ObjectCopier}); each is published
 *       only whole and verified. The first failure stops the rest; objects already published stay,
 *       complete and verified, for the re-run to skip.</li>
 *   <li>Only when every object is there, the manifest is written, last: nothing is loadable at the
 *       destination by manifest before that.</li>
 * </ol>
 */
public final class Transfer {
    private Transfer() {
    }

    /**
     * @param sameStore whether {@code from} and {@code to} are one store, so that it copies the objects itself
     */
    public static TransferResult run(ObjectStore from, ObjectStore to, boolean sameStore, TransferPlan plan,
            TransferOptions options, TransferCounters counters) {
        requireNonNull(plan, "plan is null");
        long start = System.nanoTime();
        if (sameStore) {
            for (TransferItem item : plan.items()) {
                if (item.source().location().toString().equals(item.target().toString())) {
                    throw new LadingException("FROM and TO are the same objects (" + item.target() + "); give TO another folder");
                }
            }
        }
        ObjectCopier copier = new ObjectCopier(from, to, sameStore, options, counters);

        Set<TransferItem> todo = ConcurrentHashMap.newKeySet();
        List<TransferItem> different = Collections.synchronizedList(new ArrayList<>());
        forEach("transfer check", "lading-check", options.parallel(), plan.items(), item -> {
            Existing existing = copier.compare(item);
            if (existing == Existing.SAME) {
                counters.skipped.increment();
                counters.objects.increment();
                counters.records.add(Math.max(0, item.recordCount()));
                return;
            }
            if (existing == Existing.DIFFERENT) {
                different.add(item);
            }
            todo.add(item);
        });
        if (!different.isEmpty() && !options.overwrite()) {
            throw new LadingException(different.size() + " destination object(s) exist with different content, e.g. "
                    + different.get(0).target() + "; nothing was transferred. Use --overwrite to replace them");
        }
        // the plan's order, so that a failure is reported for the same object each run
        List<TransferItem> ordered = plan.items().stream().filter(todo::contains).toList();
        forEach("transfer", "lading-transfer", options.parallel(), ordered, copier::copy);

        if (plan.manifest() != null) {
            try (ObjectWrite write = to.create(plan.manifestTarget())) {
                write.output().write(plan.rewrittenManifest().toJson());
                write.commit();
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot write manifest " + plan.manifestTarget(), e);
            }
        }
        long streamed = plan.items().size() - counters.skipped.sum() - counters.serverSide.sum();
        return new TransferResult(plan.items().size(), streamed, counters.serverSide.sum(), counters.skipped.sum(),
                counters.bytes(), counters.records(), counters.retries.sum(), counters.verified.sum(), counters.sizeOnly.sum(),
                plan.manifestTarget(), (System.nanoTime() - start) / 1e9);
    }

    /** {@code task} for every item on {@link Workers}: the first failure stops new items and is rethrown. */
    private static void forEach(String what, String threadName, int parallel, List<TransferItem> items, Consumer<TransferItem> task) {
        List<Callable<Void>> tasks = items.stream().<Callable<Void>>map(item -> () -> {
            task.accept(item);
            return null;
        }).toList();
        new Workers(what, threadName).run(parallel, tasks);
    }
}
