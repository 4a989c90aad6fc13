package io.lading.storage;

import java.util.Map;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * What {@link ObjectStore#details} knows of one object beyond {@link ObjectInfo}: its user metadata
 * (names in lower case, as S3 and OSS return them) and the whole-object CRC-64/ECMA-182 the store
 * keeps itself, which only OSS reports ({@code x-oss-hash-crc64ecma}); null elsewhere, and on OSS
 * for objects made by a copy or from parts that carried none.
 */
public record ObjectDetails(ObjectInfo info, Map<String, String> metadata, Long crc64) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7e]{0,1024}");

    public ObjectDetails {
        requireNonNull(info, "info is null");
        metadata = Map.copyOf(requireNonNull(metadata, "metadata is null"));
    }

    /**
     * Checks user metadata before it is sent: names of lower-case letters, digits and '-', values of
     * printable ASCII, so that every store keeps them unchanged.
     */
    public static Map<String, String> checkMetadata(Map<String, String> metadata) {
        requireNonNull(metadata, "metadata is null");
        metadata.forEach((name, value) -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("user metadata name must be lower-case letters, digits and '-': '" + name + "'");
            }
            if (value == null || !VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("user metadata value of '" + name + "' must be printable ASCII: '" + value + "'");
            }
        });
        return Map.copyOf(metadata);
    }
}
