package io.lading.verifier;

import io.lading.storage.Location;
import io.lading.transfer.Crc64;
import io.lading.transfer.TransferMetadata;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.lading.transfer.TransferMetadata.CRC64;
import static io.lading.transfer.TransferMetadata.MD5;

/**
 * The checksum {@code lading transfer} stores in the user metadata of every object it writes (the
 * transfer's {@code ObjectCopier}): {@value TransferMetadata#CRC64}, the CRC-64/ECMA-182 of the bytes as 16 hex
 * digits, and {@value TransferMetadata#MD5}, their MD5 in hex. The CRC-64 is checked when present (it is the
 * cheaper), else the MD5.
 */
record StoredChecksum(String name, String algorithm, String value) {
    private static final Pattern CRC64_HEX = Pattern.compile("[0-9a-fA-F]{16}");
    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-fA-F]{32}");

    /** The checksum to check in an object's user metadata; null when it has none. */
    static StoredChecksum of(Map<String, String> metadata) {
        if (metadata.containsKey(CRC64)) {
            return new StoredChecksum(CRC64, "CRC-64", metadata.get(CRC64).trim());
        }
        if (metadata.containsKey(MD5)) {
            return new StoredChecksum(MD5, "MD5", metadata.get(MD5).trim());
        }
        return null;
    }

    Digest digest() {
        return new Digest(this);
    }

    /** The problem line when the bytes read do not give the stored value (or it is no checksum at all). */
    Optional<String> problem(Location file, Digest digest) {
        boolean crc = name.equals(CRC64);
        if (!(crc ? CRC64_HEX : MD5_HEX).matcher(value).matches()) {
            return Optional.of(file + ": its " + name + " metadata is not " + (crc ? "16" : "32") + " hex digits: '" + value + "'");
        }
        String read = digest.value();
        return read.equals(value.toLowerCase(Locale.ROOT)) ? Optional.empty()
                : Optional.of(file + ": " + algorithm + " " + read + ", the transfer stored " + value.toLowerCase(Locale.ROOT) + " (" + name + ")");
    }

    /** The checksum of the bytes read through {@link #wrap}, in the stored value's form. */
    static final class Digest {
        private final Crc64 crc;
        private final MessageDigest md5;
        private boolean complete;

        private Digest(StoredChecksum stored) {
            if (stored.name.equals(CRC64)) {
                crc = new Crc64();
                md5 = null;
            }
            else {
                crc = null;
                try {
                    md5 = MessageDigest.getInstance("MD5");
                }
                catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("every Java runtime has MD5", e);
                }
            }
        }

        /** The stream, every byte read from it added to this checksum, {@link #complete} once it has given its end. */
        InputStream wrap(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        update(new byte[] {(byte) b}, 0, 1);
                    }
                    else {
                        complete = true;
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        update(b, off, n);
                    }
                    else if (n < 0) {
                        complete = true;
                    }
                    return n;
                }

                @Override
                public long skip(long n) throws IOException {
                    // every byte must pass through the checksum
                    byte[] buffer = new byte[(int) Math.min(n, 1 << 16)];
                    int read = read(buffer, 0, buffer.length);
                    return Math.max(read, 0);
                }

                @Override
                public boolean markSupported() {
                    return false;
                }
            };
        }

        private void update(byte[] b, int off, int len) {
            if (crc != null) {
                crc.update(b, off, len);
            }
            else {
                md5.update(b, off, len);
            }
        }

        /** Whether every byte of the object has been read through it. */
        boolean complete() {
            return complete;
        }

        String value() {
            return crc != null ? TransferMetadata.crc64Hex(crc.getValue()) : HexFormat.of().formatHex(md5.digest());
        }
    }
}
