package dev.kiso.experiments;

/**
 * How much compute an experiment spends. {@link #FULL} is the original's budget (the book's or the
 * course's); {@link #QUICK} is a reduced budget, seconds rather than minutes, that still shows the
 * qualitative result where the specification says so and is what the tests run.
 */
public enum Profile {
    /** A reduced budget for smoke runs and tests. */
    QUICK,
    /** The original experiment's budget. */
    FULL;

    /**
     * Parses {@code quick} or {@code full}, ignoring case.
     *
     * @param name the profile's name
     * @return the profile
     */
    public static Profile parse(String name) {
        for (Profile p : values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new dev.kiso.KisoException("experiment: unknown profile '" + name + "', expected quick or full");
    }

    /**
     * Picks the value for this profile.
     *
     * @param quick the value under {@link #QUICK}
     * @param full  the value under {@link #FULL}
     * @return one of them
     */
    public int pick(int quick, int full) {
        return this == QUICK ? quick : full;
    }
}
