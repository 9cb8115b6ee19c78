package dev.kiso.bench;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The launch instant: parsed from what the launcher passes, or the JVM's own start time. */
class LaunchClockTest {

    @Test
    void parsesSecondsWithAFractionAsBashAndDatePrintThem() {
        assertThat(LaunchClock.parse("1795857123.456789")).isEqualTo(Instant.ofEpochSecond(1795857123L, 456_789_000));
        assertThat(LaunchClock.parse("1795857123,5")).isEqualTo(Instant.ofEpochSecond(1795857123L, 500_000_000));
        assertThat(LaunchClock.parse("1795857123.123456789")).isEqualTo(Instant.ofEpochSecond(1795857123L, 123_456_789));
        assertThat(LaunchClock.parse(" 42 ")).isEqualTo(Instant.ofEpochSecond(42));
    }

    @Test
    void rejectsWhatIsNotSuchANumber() {
        assertThat(LaunchClock.parse(null)).isNull();
        assertThat(LaunchClock.parse("")).isNull();
        assertThat(LaunchClock.parse("-5")).isNull();
        assertThat(LaunchClock.parse("12:30")).isNull();
        assertThat(LaunchClock.parse("1.2.3")).isNull();
    }

    @Test
    void nowRoundTripsThroughTheProperty() {
        Instant before = Instant.now();
        Instant parsed = LaunchClock.parse(LaunchClock.now());
        assertThat(parsed).isBetween(before, Instant.now());
    }

    @Test
    void measuresFromThePropertyWhenSetElseFromTheJvmStart() {
        String saved = System.getProperty(LaunchClock.PROPERTY);
        try {
            Instant twoSecondsAgo = Instant.now().minusSeconds(2);
            System.setProperty(LaunchClock.PROPERTY, twoSecondsAgo.getEpochSecond() + "."
                    + String.format(Locale.ROOT, "%09d", twoSecondsAgo.getNano()));
            assertThat(LaunchClock.secondsSinceLaunch()).isCloseTo(2.0, within(0.5));

            System.setProperty(LaunchClock.PROPERTY, "not a time");
            double sinceJvmStart = LaunchClock.secondsSinceLaunch();
            assertThat(sinceJvmStart).isPositive();
            assertThat(LaunchClock.launched()).isBefore(Instant.now());
        } finally {
            if (saved == null) {
                System.clearProperty(LaunchClock.PROPERTY);
            } else {
                System.setProperty(LaunchClock.PROPERTY, saved);
            }
        }
    }
}
