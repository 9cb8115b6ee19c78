package dev.kiso.plot;

/**
 * Where a chart puts its legend.
 */
public enum LegendPosition {
    /**
     * The inside corner or edge that covers the fewest drawn data pixels; outside on the right
     * when every inside place would hide data and the plot stays wide enough.
     */
    BEST,
    /** Inside, upper right corner. */
    UPPER_RIGHT,
    /** Inside, upper left corner. */
    UPPER_LEFT,
    /** Inside, lower right corner (the course's accuracy plots). */
    LOWER_RIGHT,
    /** Inside, lower left corner. */
    LOWER_LEFT,
    /** Outside the plot area, to its right. */
    OUTSIDE_RIGHT,
    /** No legend. */
    NONE
}
