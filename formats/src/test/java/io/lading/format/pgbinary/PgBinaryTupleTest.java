package io.lading.format.pgbinary;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PgBinaryTupleTest {
    // two tuples of (int4, text): (7, "ab"), then (NULL, "")
    private static final byte[] TUPLES = {
        0, 2, 0, 0, 0, 4, 0, 0, 0, 7, 0, 0, 0, 2, 'a', 'b',
        0, 2, -1, -1, -1, -1, 0, 0, 0, 0,
        -1, -1};

    @Test
    void tuplesEndWhereTheirLastFieldEndsAndNotBeforeAllBytesAreThere() throws Exception {
        assertEquals(16, PgBinaryTuple.end(TUPLES, 0, TUPLES.length, 2));
        assertEquals(26, PgBinaryTuple.end(TUPLES, 16, TUPLES.length, 2));
        assertEquals(PgBinaryTuple.TRAILER, PgBinaryTuple.fieldCount(TUPLES, 26));
        for (int limit = 0; limit < 16; limit++) {
            assertEquals(PgBinaryTuple.INCOMPLETE, PgBinaryTuple.end(TUPLES, 0, limit, 2), "limit " + limit);
        }
        assertEquals(7, PgBinaryTuple.readInt(TUPLES, 6));
        assertEquals(0x0000000700000002L, PgBinaryTuple.readLong(TUPLES, 6));
    }

    @Test
    void malformedTuplesSayWhatIsWrong() {
        PgBinaryTuple.MalformedTupleException e = assertThrows(PgBinaryTuple.MalformedTupleException.class,
                () -> PgBinaryTuple.end(TUPLES, 0, TUPLES.length, 3));
        assertEquals("a row has 2 fields, expected 3", e.getMessage());
        byte[] negative = Arrays.copyOf(TUPLES, 16);
        negative[5] = -2;
        negative[2] = negative[3] = negative[4] = -1;
        e = assertThrows(PgBinaryTuple.MalformedTupleException.class, () -> PgBinaryTuple.end(negative, 0, 16, 2));
        assertEquals("negative field length -2", e.getMessage());
    }
}
