package io.lading.transfer;

import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.StorageException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a re-run needs to resume one large object's multipart upload: the upload id, the source
 * version and the part size it was started for, and every part already uploaded and verified with
 * the checksums of the bytes read for it (size, ETag, CRC-64, MD5). It is a small text object in
 * the destination store at {@code <parent of the target's folder>/.lading-transfer/<hash>.checkpoint}
 * ({@code in/.lading-transfer/...} for {@code in/orders/part-1}): outside the destination folder, so
 * that no selection of that folder picks it up, and named by a hash of the target so that objects of
 * one transfer never share one.
 */
record PartCheckpoint(Location target, String source, long size, long partSize, String uploadId, List<Part> parts) {
    private static final String HEADER = "lading-transfer-checkpoint 1";
    static final String FOLDER = ".lading-transfer/";

    /** One uploaded part and what was read for it. */
    record Part(int number, long size, String etag, long crc64, String md5) {
    }

    PartCheckpoint {
        requireNonNull(target, "target is null");
        requireNonNull(source, "source is null");
        requireNonNull(uploadId, "uploadId is null");
        parts = List.copyOf(parts);
    }

    /** Whether this checkpoint was made for the same source version, size and part size. */
    boolean matches(String source, long size, long partSize) {
        return this.source.equals(source) && this.size == size && this.partSize == partSize;
    }

    /** Where the checkpoint of {@code target} lives. */
    static Location locationOf(Location target) {
        String key = target.key();
        String folder = key.substring(0, key.lastIndexOf('/') + 1);
        String parent = folder.isEmpty() ? "" : folder.substring(0, folder.lastIndexOf('/', folder.length() - 2) + 1);
        return target.withKey(parent + FOLDER + hash(target.bucket() + "/" + key) + ".checkpoint");
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    byte[] toBytes() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append("target ").append(target.bucket()).append('/').append(target.key()).append('\n');
        text.append("source ").append(source).append('\n');
        text.append("size ").append(size).append('\n');
        text.append("part-size ").append(partSize).append('\n');
        text.append("upload ").append(uploadId).append('\n');
        for (Part p : parts) {
            text.append("part ").append(p.number()).append(' ').append(p.size()).append(' ').append(p.etag()).append(' ')
                    .append(String.format("%016x", p.crc64())).append(' ').append(p.md5()).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The checkpoint of {@code target}, or empty when there is none or it is not one this version
     * wrote for this target (then it is as good as none: the caller starts over).
     */
    static Optional<PartCheckpoint> read(ObjectStore store, Location target) {
        byte[] data;
        try (InputStream in = store.open(locationOf(target))) {
            data = in.readNBytes(4 << 20); // 10,000 parts take about 1 MB
        }
        catch (StorageException e) {
            if (e.reason() == StorageException.Reason.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint of " + target, e);
        }
        return parse(new String(data, StandardCharsets.UTF_8), target);
    }

    static Optional<PartCheckpoint> parse(String text, Location target) {
        String[] lines = text.split("\n");
        if (lines.length < 6 || !lines[0].equals(HEADER) || !lines[1].equals("target " + target.bucket() + "/" + target.key())) {
            return Optional.empty();
        }
        try {
            String source = value(lines[2], "source");
            long size = Long.parseLong(value(lines[3], "size"));
            long partSize = Long.parseLong(value(lines[4], "part-size"));
            String uploadId = value(lines[5], "upload");
            List<Part> parts = new ArrayList<>();
            for (int i = 6; i < lines.length; i++) {
                String[] f = value(lines[i], "part").split(" ");
                if (f.length != 5) {
                    return Optional.empty();
                }
                parts.add(new Part(Integer.parseInt(f[0]), Long.parseLong(f[1]), f[2], Long.parseUnsignedLong(f[3], 16), f[4]));
            }
            return Optional.of(new PartCheckpoint(target, source, size, partSize, uploadId, parts));
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String value(String line, String name) {
        if (!line.startsWith(name + " ")) {
            throw new IllegalArgumentException("expected " + name);
        }
        return line.substring(name.length() + 1);
    }
}
