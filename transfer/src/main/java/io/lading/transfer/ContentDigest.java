package io.lading.transfer;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The CRC-64/ECMA-182 and the MD5 of every byte of one object as it passes, and, when asked with a
 * part size, the MD5 of each part: S3 (and S3-compatible servers) make a multipart object's ETag
 * from those ({@code md5(md5(part 1) .. md5(part n))-n}), so the ETag the destination reports can be
 * checked against the bytes that were read from the source.
 */
final class ContentDigest {
    private static final HexFormat HEX = HexFormat.of();

    private final Crc64 crc = new Crc64();
    private final MessageDigest md5 = newMd5();
    private final long partSize;
    private final MessageDigest partMd5;
    private final ByteArrayOutputStream partDigests = new ByteArrayOutputStream();
    private long size;
    private long inPart;

    /** @param partSize the destination's part size, or 0 when no part digests are needed (no parts, or one PUT) */
    ContentDigest(long partSize) {
        if (partSize < 0) {
            throw new IllegalArgumentException("partSize is negative: " + partSize);
        }
        this.partSize = partSize;
        this.partMd5 = partSize > 0 ? newMd5() : null;
    }

    static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    void update(byte[] b, int off, int len) {
        crc.update(b, off, len);
        md5.update(b, off, len);
        size += len;
        while (partMd5 != null && len > 0) {
            if (inPart == partSize) {
                partDigests.writeBytes(partMd5.digest());
                inPart = 0;
            }
            int n = (int) Math.min(len, partSize - inPart);
            partMd5.update(b, off, n);
            inPart += n;
            off += n;
            len -= n;
        }
    }

    long size() {
        return size;
    }

    /** Call once, after the last byte: the checksums of the whole object. */
    Checksums finish() {
        String whole = HEX.formatHex(md5.digest());
        String etag = null;
        if (partMd5 != null && size > partSize) {
            partDigests.writeBytes(partMd5.digest());
            long parts = (size + partSize - 1) / partSize;
            etag = HEX.formatHex(newMd5().digest(partDigests.toByteArray())) + "-" + parts;
        }
        return new Checksums(size, crc.getValue(), whole, etag);
    }

    /**
     * What was read: size, CRC-64, MD5 (hex), and the ETag an S3-style store gives a multipart upload
     * in the given parts (null without a part size or for an object of one part, whose ETag is its MD5).
     */
    record Checksums(long size, long crc64, String md5, String multipartEtag) {
        String crc64Hex() {
            return TransferMetadata.crc64Hex(crc64);
        }
    }
}
