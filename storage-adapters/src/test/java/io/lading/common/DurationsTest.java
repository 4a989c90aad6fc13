package io.lading.common;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationsTest {
    @Test
    void readsWhatItWrites() {
        assertEquals(Duration.ZERO, Durations.parse("0"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("90s"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofDays(7), Durations.parse(" 7D "));
        assertEquals("1h30m", Durations.format(Durations.parse("90m")));
        assertEquals("1d2h3m4s", Durations.format(Durations.parse("1d2h3m4s")));
        assertEquals("0", Durations.format(Duration.ZERO));
    }

    @Test
    void refusesWhatIsNoDuration() {
        for (String text : new String[] {"", "10", "1 h", "-5m", "1w", "soon", "99999999999999999999d"}) {
            LadingException e = assertThrows(LadingException.class, () -> Durations.parse(text), text);
            assertEquals(true, e.getMessage().startsWith("'" + text + "' is "), e.getMessage());
        }
    }
}
