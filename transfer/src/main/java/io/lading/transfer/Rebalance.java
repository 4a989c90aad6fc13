package io.lading.transfer;

import io.lading.common.LadingException;
import io.lading.common.Workers;
import io.lading.format.Manifest;
import io.lading.format.Sniffer;
import io.lading.format.TextOptions;
import io.lading.format.text.CopyRecordSplitter;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;

import static java.util.Objects.requireNonNull;

/**
 * {@code lading transfer --segments S --files-per-segment K}: re-chunks TEXT/CSV inputs (any
 * compression {@link Sniffer#decompressed} reads) into N = S x K gzip files of nearly equal size.
 * Readers split each input into records exactly as COPY does ({@link CopyRecordSplitter}: quoted
 * newlines in CSV and backslash-escaped ones in TEXT stay inside their record), gather them into
 * blocks of about {@link RebalanceOptions#blockSize()} bytes and deal every block to the output
 * that has been dealt the fewest bytes so far, so outputs differ by at most one block of
 * uncompressed bytes, and memory holds only one block per reader and one compressor per output.
 * Record counts are checked against the source manifest and the total read against the total
 * written before anything is published ({@link RebalanceTransaction}).
 */
public final class Rebalance {
    private Rebalance() {
    }

    /** The one line for Parquet input: it has no records to split at. */
    public static String parquetRefused(Location parquet) {
        return "--segments re-chunks TEXT and CSV files only, and " + parquet
                + " is Parquet; transfer Parquet files without --segments";
    }

    public static RebalanceResult run(ObjectStore from, ObjectStore to, RebalancePlan plan, RebalanceOptions options,
            TransferCounters counters) {
        requireNonNull(plan, "plan is null");
        requireNonNull(options, "options is null");
        if (plan.outputs().size() != options.files()) {
            throw new IllegalArgumentException("the plan has " + plan.outputs().size() + " outputs, the options ask for " + options.files());
        }
        long start = System.nanoTime();
        refuseParquet(from, plan.inputs(), options.parallel());
        RebalanceTransaction transaction = new RebalanceTransaction(to, plan, options.overwrite());
        transaction.begin();
        List<OutputFile> files = new ArrayList<>();
        Manifest manifest;
        long read;
        try {
            for (Location output : plan.outputs()) {
                files.add(new OutputFile(to, output, options.gzipLevel()));
            }
            read = readAll(from, plan, options, files, counters);
            long written = 0;
            for (OutputFile file : files) {
                file.finish();
                written += file.records();
            }
            if (written != read) {
                throw new IllegalStateException(read + " records were read but " + written + " written");
            }
            if (plan.promisedTotal() >= 0 && read != plan.promisedTotal()) {
                throw new LadingException("the inputs hold " + read + " records but the source manifest says "
                        + plan.promisedTotal() + " (meta.record_count)");
            }
        }
        catch (IOException | RuntimeException e) {
            throw transaction.rollback(e, files);
        }
        try {
            manifest = transaction.commit(files, counters);
        }
        catch (IOException | RuntimeException e) {
            if (transaction.isPublished()) {
                throw e instanceof RuntimeException r ? r : new LadingException(e.getMessage(), e);
            }
            throw transaction.rollback(e, files);
        }
        long written = manifest.totalBytes();
        return new RebalanceResult(plan.inputs().size(), files.size(), read, counters.bytes(), written,
                files.stream().mapToLong(OutputFile::rawBytes).toArray(), counters.verified.sum(), counters.sizeOnly.sum(),
                plan.manifest(), manifest, (System.nanoTime() - start) / 1e9);
    }

    /** Looks at the first bytes of every input before anything is written: Parquet is refused, naming the first. */
    private static void refuseParquet(ObjectStore from, List<TransferPlan.Source> inputs, int parallel) {
        List<Callable<Boolean>> tasks = inputs.stream().<Callable<Boolean>>map(input -> () -> {
            // a range past the end of an empty object is an error on S3: ask only for what is there
            int head = (int) Math.min(Sniffer.HEAD_BYTES, input.object().size());
            if (head == 0) {
                return false;
            }
            try (InputStream in = from.open(input.object().location(), 0, head)) {
                return Sniffer.of(in.readNBytes(head)) == Sniffer.PARQUET;
            }
        }).toList();
        List<Boolean> parquet = new Workers("looking at the inputs", "lading-sniff").run(parallel, tasks);
        for (int i = 0; i < inputs.size(); i++) {
            if (parquet.get(i)) {
                throw new LadingException(parquetRefused(inputs.get(i).object().location()));
            }
        }
    }

    private static long readAll(ObjectStore from, RebalancePlan plan, RebalanceOptions options, List<OutputFile> files,
            TransferCounters counters) {
        Dealer dealer = new Dealer(files);
        Workers workers = new Workers("reading the inputs", "lading-rebalance");
        List<Callable<Long>> tasks = plan.inputs().stream().<Callable<Long>>map(input -> () -> {
            long records = read(from, input, options, dealer, counters, workers);
            counters.objects.increment();
            return records;
        }).toList();
        return workers.run(options.parallel(), tasks).stream().mapToLong(Long::longValue).sum();
    }

    /** Splits one input into records and deals them in blocks; returns its record count (a header line not counted). */
    private static long read(ObjectStore from, TransferPlan.Source input, RebalanceOptions options, Dealer dealer,
            TransferCounters counters, Workers workers) {
        Location location = input.object().location();
        TextOptions text = options.text();
        Block block = new Block(options.blockSize());
        long records = 0;
        try (InputStream raw = new Counting(from.open(location), counters.bytes);
             InputStream in = Sniffer.decompressed(new BufferedInputStream(raw, 1 << 16), location.toString())) {
            CopyRecordSplitter splitter = new CopyRecordSplitter(in, text);
            if (text.header()) {
                splitter.next();
            }
            for (byte[] record; (record = splitter.next()) != null; ) {
                block.add(record);
                records++;
                if (block.size() >= options.blockSize()) {
                    workers.stopIfFailed();
                    dealer.deal(block, counters);
                }
            }
            if (block.size() > 0) {
                dealer.deal(block, counters);
            }
        }
        catch (IOException e) {
            throw new LadingException("cannot read " + location + ": " + e.getMessage(), e);
        }
        if (input.recordCount() >= 0 && input.recordCount() != records) {
            throw new LadingException(location + " holds " + records + " records but its manifest entry says " + input.recordCount());
        }
        return records;
    }

    /** Whole records gathered for one deal; a last record without a newline gets one, so that it stays apart from the next. */
    private static final class Block extends ByteArrayOutputStream {
        private long records;

        Block(int size) {
            super(size + (size >> 2));
        }

        void add(byte[] record) {
            write(record, 0, record.length);
            if (record.length == 0 || record[record.length - 1] != '\n') {
                write('\n');
            }
            records++;
        }

        byte[] bytes() {
            return buf;
        }

        void clear() {
            reset();
            records = 0;
        }
    }

    /** Hands each block to the output dealt the fewest bytes so far; the choice is one step under the lock, the append is not. */
    private static final class Dealer {
        private final List<OutputFile> files;
        private final long[] dealt;

        Dealer(List<OutputFile> files) {
            this.files = files;
            this.dealt = new long[files.size()];
        }

        private synchronized OutputFile choose(int length) {
            int file = 0;
            for (int i = 1; i < dealt.length; i++) {
                if (dealt[i] < dealt[file]) {
                    file = i;
                }
            }
            dealt[file] += length;
            return files.get(file);
        }

        void deal(Block block, TransferCounters counters) throws IOException {
            choose(block.size()).append(block.bytes(), block.size(), block.records);
            counters.records.add(block.records);
            block.clear();
        }
    }

    /** Counts the bytes read from the store, compressed as stored: what the progress and the summary say. */
    private static final class Counting extends FilterInputStream {
        private final LongAdder bytes;

        Counting(InputStream in, LongAdder bytes) {
            super(in);
            this.bytes = bytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                bytes.increment();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                bytes.add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            bytes.add(skipped);
            return skipped;
        }
    }
}
