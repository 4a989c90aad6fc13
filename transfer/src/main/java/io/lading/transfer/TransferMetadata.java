package io.lading.transfer;

/**
 * The user metadata {@code lading transfer} stores on every object it writes, read back by a re-run
 * and by {@code lading verify --files}: one home for the names and the CRC-64's written form.
 */
public final class TransferMetadata {
    /** The CRC-64/ECMA-182 of the object's bytes, as {@link #crc64Hex 16 hex digits}. */
    public static final String CRC64 = "lading-crc64";
    /** The MD5 of the object's bytes, in hex. */
    public static final String MD5 = "lading-md5";
    /** The source object's version the bytes came from (its ETag, or its modification time). */
    public static final String SOURCE = "lading-source";

    private TransferMetadata() {
    }

    /** How {@link #CRC64} is written: 16 lower-case hex digits. */
    public static String crc64Hex(long crc64) {
        return String.format("%016x", crc64);
    }
}
