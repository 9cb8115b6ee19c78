package dev.kiso.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The time since this JVM was launched, for "first step after JVM start" figures.
 *
 * <p>The launch instant comes from the system property {@value #PROPERTY}, set by whoever started
 * the JVM: the {@code kiso} script passes bash's {@code $EPOCHREALTIME} (seconds since the epoch,
 * with microseconds), and {@link WorkloadBench#runInChildJvm} the parent's clock at the moment it
 * starts the child. So the figure includes the JVM's own start-up. Without the property, the JVM's
 * recorded start time is used ({@code RuntimeMXBean.getStartTime()}, in milliseconds, taken once
 * the JVM is initialising: a few milliseconds late).
 *
 * <p>Why not {@code ProcessHandle.current().info().startInstant()}: on Linux it is computed from
 * the boot time in whole seconds, and was measured here to be 0.3–0.4 s early, which made every
 * first-step figure look that much slower.
 */
public final class LaunchClock {
    /** The system property holding the launch instant, in seconds since the epoch (a decimal). */
    public static final String PROPERTY = "kiso.launchedAt";

    private LaunchClock() {
    }

    /**
     * Seconds from the launch of this JVM to now.
     *
     * @return the elapsed time in seconds
     */
    public static double secondsSinceLaunch() {
        return Duration.between(launched(), Instant.now()).toNanos() * 1e-9;
    }

    /**
     * The instant this JVM was launched: from {@value #PROPERTY} if it is set and valid, otherwise
     * the JVM's recorded start time.
     *
     * @return the launch instant
     */
    public static Instant launched() {
        Instant fromProperty = parse(System.getProperty(PROPERTY));
        return fromProperty != null ? fromProperty
                : Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    /**
     * Parses seconds since the epoch with an optional fraction, as {@code date +%s.%N} or bash's
     * {@code $EPOCHREALTIME} print them (a comma is accepted for the decimal point, as in locales
     * that use one).
     *
     * @param seconds the text, or null
     * @return the instant, or null if the text is null, blank or not such a number
     */
    static Instant parse(String seconds) {
        if (seconds == null || !seconds.strip().matches("\\d{1,12}([.,]\\d{0,9})?")) {
            return null;
        }
        String[] parts = seconds.strip().split("[.,]");
        long whole = Long.parseLong(parts[0]);
        long nanos = 0;
        if (parts.length > 1 && !parts[1].isEmpty()) {
            nanos = Long.parseLong((parts[1] + "000000000").substring(0, 9));
        }
        return Instant.ofEpochSecond(whole, nanos);
    }

    /**
     * The value of {@value #PROPERTY} for a JVM being launched now.
     *
     * @return seconds since the epoch, with nanoseconds
     */
    static String now() {
        Instant now = Instant.now();
        return now.getEpochSecond() + "." + String.format(Locale.ROOT, "%09d", now.getNano());
    }
}
