package dev.kiso.plot;

import dev.kiso.KisoException;
import java.awt.Color;
import java.util.Objects;

/**
 * A named sequence of (x, y) points and how to draw it: colour (by default the chart's next
 * {@link Palette} colour), {@link LineStyle}, {@link Marker} and how often to mark.
 *
 * <p>Non-finite values (NaN, infinities) are kept as given and skipped when drawn: the line
 * breaks there, so a diverged run plots what is finite.
 *
 * <pre>{@code
 * Series test = Series.of("test", epochs, testAcc).dashed().marker(Marker.SQUARE).markEvery(10);
 * }</pre>
 */
public final class Series {

    private final String name;
    private final double[] x;
    private final double[] y;
    private Color color;
    private LineStyle lineStyle = LineStyle.SOLID;
    private Marker marker = Marker.NONE;
    private int markEvery = 1;

    private Series(String name, double[] x, double[] y) {
        if (name == null) {
            throw new KisoException("Series: name must not be null (use \"\" for no legend entry)");
        }
        if (x.length != y.length) {
            throw new KisoException("Series '" + name + "': x has " + x.length + " values but y has " + y.length);
        }
        if (x.length == 0) {
            throw new KisoException("Series '" + name + "': no points (x and y are empty)");
        }
        this.name = name;
        this.x = x;
        this.y = y;
    }

    /**
     * A series of points (x[i], y[i]); the arrays are copied.
     *
     * @param name legend label ("" for none)
     * @param x    x values
     * @param y    y values, as many as x
     * @return the series, drawn as a solid line without markers
     * @throws KisoException if the lengths differ or there are no points
     */
    public static Series of(String name, double[] x, double[] y) {
        return new Series(name, checked(name, "x", x).clone(), checked(name, "y", y).clone());
    }

    /**
     * A series of float points (x[i], y[i]), as in training histories.
     *
     * @param name legend label ("" for none)
     * @param x    x values
     * @param y    y values, as many as x
     * @return the series
     * @throws KisoException if the lengths differ or there are no points
     */
    public static Series of(String name, float[] x, float[] y) {
        return new Series(name, widen(checked(name, "x", x)), widen(checked(name, "y", y)));
    }

    /**
     * A series with x = 0, 1, 2, ... (iterations).
     *
     * @param name legend label ("" for none)
     * @param y    y values
     * @return the series
     * @throws KisoException if y is empty
     */
    public static Series of(String name, double[] y) {
        return new Series(name, indices(checked(name, "y", y).length), y.clone());
    }

    /**
     * A series of floats with x = 0, 1, 2, ... (iterations).
     *
     * @param name legend label ("" for none)
     * @param y    y values
     * @return the series
     * @throws KisoException if y is empty
     */
    public static Series of(String name, float[] y) {
        return new Series(name, indices(checked(name, "y", y).length), widen(y));
    }

    /**
     * Draws the series in this colour instead of the chart's palette colour.
     *
     * @param color the colour
     * @return this series
     */
    public Series color(Color color) {
        this.color = Objects.requireNonNull(color, "color");
        return this;
    }

    /**
     * Sets how points are joined.
     *
     * @param style solid, dashed, dotted or none (markers only)
     * @return this series
     */
    public Series style(LineStyle style) {
        this.lineStyle = Objects.requireNonNull(style, "style");
        return this;
    }

    /**
     * Shorthand for {@code style(LineStyle.DASHED)}.
     *
     * @return this series
     */
    public Series dashed() {
        return style(LineStyle.DASHED);
    }

    /**
     * Marks points with a symbol.
     *
     * @param marker the symbol
     * @return this series
     */
    public Series marker(Marker marker) {
        this.marker = Objects.requireNonNull(marker, "marker");
        return this;
    }

    /**
     * Marks only every n-th point (0, n, 2n, ...), as matplotlib's {@code markevery}.
     *
     * @param n the spacing, at least 1
     * @return this series
     * @throws KisoException if n &lt; 1
     */
    public Series markEvery(int n) {
        if (n < 1) {
            throw new KisoException("Series '" + name + "': markEvery must be >= 1, found " + n);
        }
        this.markEvery = n;
        return this;
    }

    /**
     * The legend label.
     *
     * @return the name given at construction
     */
    public String name() {
        return name;
    }

    /**
     * The number of points.
     *
     * @return the length of x and y
     */
    public int size() {
        return x.length;
    }

    /**
     * The i-th x value.
     *
     * @param i index
     * @return x[i]
     */
    public double x(int i) {
        return x[i];
    }

    /**
     * The i-th y value.
     *
     * @param i index
     * @return y[i]
     */
    public double y(int i) {
        return y[i];
    }

    /** The explicit colour, or null to take the chart's palette colour. */
    Color color() {
        return color;
    }

    LineStyle lineStyle() {
        return lineStyle;
    }

    Marker marker() {
        return marker;
    }

    int markEvery() {
        return markEvery;
    }

    private static double[] checked(String name, String axis, double[] values) {
        if (values == null) {
            throw new KisoException("Series '" + name + "': " + axis + " must not be null");
        }
        return values;
    }

    private static float[] checked(String name, String axis, float[] values) {
        if (values == null) {
            throw new KisoException("Series '" + name + "': " + axis + " must not be null");
        }
        return values;
    }

    /**
     * Float to double by the float's shortest decimal form, so that 0.1f is kept as 0.1 (not
     * 0.10000000149011612) in the CSV file written from the series.
     */
    private static double[] widen(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = Double.parseDouble(Float.toString(values[i]));
        }
        return d;
    }

    private static double[] indices(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }
}
