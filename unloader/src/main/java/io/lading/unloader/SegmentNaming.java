package io.lading.unloader;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the segments name what they write under a staging prefix (measured on Greenplum 6.24), and
 * where each object goes in Lading's own layout: the position {@code generation * S + segment}.
 */
public enum SegmentNaming {
    /** gpcloud: one object per segment per INSERT, {@code <prefix><segment id><8 hex>.<txt|csv>[.gz]}. */
    GPCLOUD(Pattern.compile("(\\d+)[0-9a-f]{8}\\.(?:txt|csv)(?:\\.gz)?")),
    /**
     * oss_ext: {@code <prefix><relname>_<statement start>} for segment 0's first object,
     * {@code .<file index * S + segment>} for the others; no {@code .gz} although gzip; rolled over
     * at {@code oss_file_max_size}, so a segment may write several.
     */
    OSS_EXT(Pattern.compile("[^/]*_\\d+(?:\\.(\\d+))?"));

    private final Pattern name;

    SegmentNaming(Pattern name) {
        this.name = name;
    }

    /** The position of an object named {@code name} (the key after the staging prefix), or empty when a segment did not write it. */
    OptionalInt position(String name) {
        Matcher m = this.name.matcher(name);
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
    }

    /** Whether every object holds one segment's rows, so the per-segment counts are per-file counts. */
    boolean oneObjectPerSegment() {
        return this == GPCLOUD;
    }
}
