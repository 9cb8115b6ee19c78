package dev.kiso.plot;

/**
 * The extent of the finite data along x and y, ignoring values a log axis cannot show (&lt;= 0).
 * Empty extents stay NaN. It also notes whether every value along an axis is a whole number, so
 * that such an axis gets whole-number ticks.
 */
final class Bounds {

    private final boolean logX;
    private final boolean logY;
    double xMin = Double.NaN;
    double xMax = Double.NaN;
    double yMin = Double.NaN;
    double yMax = Double.NaN;
    private boolean xWhole = true;
    private boolean yWhole = true;

    Bounds(boolean logX, boolean logY) {
        this.logX = logX;
        this.logY = logY;
    }

    /** Includes the point if both coordinates can be shown. */
    void add(double x, double y) {
        if (usable(x, logX) && usable(y, logY)) {
            addX(x);
            addY(y);
        }
    }

    /** Includes x alone (if it can be shown). */
    void addX(double x) {
        if (usable(x, logX)) {
            xMin = Double.isNaN(xMin) ? x : Math.min(xMin, x);
            xMax = Double.isNaN(xMax) ? x : Math.max(xMax, x);
            xWhole &= x == Math.rint(x);
        }
    }

    /** Includes y alone (if it can be shown). */
    void addY(double y) {
        if (usable(y, logY)) {
            yMin = Double.isNaN(yMin) ? y : Math.min(yMin, y);
            yMax = Double.isNaN(yMax) ? y : Math.max(yMax, y);
            yWhole &= y == Math.rint(y);
        }
    }

    /** @return whether there are x values and every one is a whole number (epochs, iterations, counts) */
    boolean xWhole() {
        return !Double.isNaN(xMin) && xWhole;
    }

    /** @return whether there are y values and every one is a whole number */
    boolean yWhole() {
        return !Double.isNaN(yMin) && yWhole;
    }

    private static boolean usable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }
}
