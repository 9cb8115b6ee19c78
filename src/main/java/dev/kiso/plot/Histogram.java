package dev.kiso.plot;

import dev.kiso.KisoException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.Arrays;
import java.util.Objects;

/**
 * Counts of values per bin, drawn as bars from zero.
 *
 * <p>Bins as NumPy's {@code histogram}: bin i holds {@code edges[i] <= v < edges[i+1]}, the last bin
 * also holds {@code v == edges[bins]}; values outside the edges and NaN are not counted.
 *
 * <pre>{@code
 * Histogram h = new Histogram(activations, 30, 0, 1).title("1-layer");
 * Histogram w = Histogram.logBins(absW1, 40, 1e-6, 1).xLabel("|w|");   // log x axis
 * }</pre>
 */
public final class Histogram extends AxesChart<Histogram> {

    private final double[] edges;
    private final int[] counts;
    private Color color = Palette.color(0);

    /**
     * A histogram of {@code bins} equal bins over [lo, hi].
     *
     * @param values the values to count
     * @param bins   number of bins, at least 1
     * @param lo     left edge of the first bin
     * @param hi     right edge of the last bin, greater than lo
     * @throws KisoException if bins &lt; 1 or the range is not finite with lo &lt; hi
     */
    public Histogram(double[] values, int bins, double lo, double hi) {
        this(values, linearEdges(bins, lo, hi));
    }

    /**
     * A histogram of float values (activations) in {@code bins} equal bins over [lo, hi].
     *
     * @param values the values to count
     * @param bins   number of bins, at least 1
     * @param lo     left edge of the first bin
     * @param hi     right edge of the last bin, greater than lo
     * @throws KisoException if bins &lt; 1 or the range is not finite with lo &lt; hi
     */
    public Histogram(float[] values, int bins, double lo, double hi) {
        this(widen(values), bins, lo, hi);
    }

    private Histogram(double[] values, double[] edges) {
        Objects.requireNonNull(values, "values");
        this.edges = edges;
        this.counts = new int[edges.length - 1];
        for (double v : values) {
            int bin = binOf(v);
            if (bin >= 0) {
                counts[bin]++;
            }
        }
    }

    /**
     * A histogram with {@code bins} logarithmically spaced bins over [lo, hi] on a log x axis
     * (magnitudes of weights, say).
     *
     * @param values the values to count
     * @param bins   number of bins, at least 1
     * @param lo     left edge, positive
     * @param hi     right edge, greater than lo
     * @return the histogram
     * @throws KisoException if bins &lt; 1 or not 0 &lt; lo &lt; hi
     */
    public static Histogram logBins(double[] values, int bins, double lo, double hi) {
        if (!(lo > 0)) {
            throw new KisoException("Histogram.logBins: lo must be positive, found " + lo);
        }
        double[] e = linearEdges(bins, Math.log10(lo), Math.log10(hi));
        for (int i = 0; i < e.length; i++) {
            e[i] = Math.pow(10, e[i]);
        }
        e[0] = lo;
        e[bins] = hi;
        return new Histogram(values, e).logX();
    }

    /** bins + 1 equally spaced edges from lo to hi (NumPy's linspace), after checking the arguments. */
    static double[] linearEdges(int bins, double lo, double hi) {
        if (bins < 1) {
            throw new KisoException("Histogram: bins must be >= 1, found " + bins);
        }
        if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new KisoException("Histogram: range must be finite with lo < hi, found [" + lo + ", " + hi + "]");
        }
        double[] e = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            e[i] = lo + i * (hi - lo) / bins;
        }
        e[bins] = hi;
        return e;
    }

    /** The bin holding v, or -1 when v is outside the edges or NaN. */
    private int binOf(double v) {
        int last = counts.length;
        if (!(v >= edges[0] && v <= edges[last])) {
            return -1;
        }
        if (v == edges[last]) {
            return last - 1;
        }
        int i = Arrays.binarySearch(edges, v);
        return i >= 0 ? i : -i - 2; // not found: insertion point - 1 is the bin to the left
    }

    private static double[] widen(float[] values) {
        Objects.requireNonNull(values, "values");
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return d;
    }

    /**
     * Fills the bars with this colour (default: the first palette colour).
     *
     * @param color the colour
     * @return this histogram
     */
    public Histogram color(Color color) {
        this.color = Objects.requireNonNull(color, "color");
        return this;
    }

    /**
     * The count of each bin.
     *
     * @return a copy, one count per bin
     */
    public int[] counts() {
        return counts.clone();
    }

    /**
     * The bin edges.
     *
     * @return a copy, bins + 1 values
     */
    public double[] edges() {
        return edges.clone();
    }

    /** The largest bin count. */
    int maxCount() {
        return Arrays.stream(counts).max().orElse(0);
    }

    @Override
    void extent(Bounds b) {
        b.addX(edges[0]);
        b.addX(edges[edges.length - 1]);
        b.addY(isLogY() ? 1 : 0);
        b.addY(maxCount());
    }

    @Override
    void pin(double[] ends) {
        ends[0] = edges[0];
        ends[1] = edges[edges.length - 1];
        if (!isLogY()) {
            ends[2] = 0;
        }
    }

    @Override
    void drawData(Graphics2D g, PlotFrame f) {
        double base = isLogY() ? f.plot.y + f.plot.height : f.py(0);
        Graphics2D h = (Graphics2D) g.create();
        h.setStroke(new BasicStroke((float) (0.6 * f.t.scale)));
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                continue;
            }
            double x0 = f.px(edges[i]);
            double x1 = f.px(edges[i + 1]);
            double top = Math.max(f.plot.y - 2.0, f.py(counts[i]));
            Rectangle2D bar = new Rectangle2D.Double(x0, top, x1 - x0, base - top);
            h.setColor(color);
            h.fill(bar);
            h.setColor(Color.WHITE);
            h.draw(bar);
        }
        h.dispose();
    }

    @Override
    void exportRows(String prefix, SeriesCsv csv) {
        // inside a grid the panel's prefix already names it
        String name = !prefix.isEmpty() ? prefix : title() == null ? "histogram" : title();
        for (int i = 0; i < counts.length; i++) {
            double centre = isLogX() ? Math.sqrt(edges[i] * edges[i + 1]) : (edges[i] + edges[i + 1]) / 2;
            csv.add(name, centre, counts[i]);
        }
    }
}
