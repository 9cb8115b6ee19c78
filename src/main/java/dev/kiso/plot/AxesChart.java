package dev.kiso.plot;

import dev.kiso.KisoException;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * What every chart with an x and a y axis shares: title, axis labels, optional fixed ranges,
 * optional log scales and the legend's position; and the drawing order (grid, data clipped to the
 * plot area, frame with ticks and labels, legend). A subclass says only what its data spans and
 * how to draw it.
 *
 * <p>Ranges: an axis end that is not fixed follows the finite data, with 4 % of room so that
 * curves do not touch the frame.
 *
 * @param <C> the chart type itself, so that the setters chain ({@code new LineChart().title("loss").logY()})
 */
public abstract sealed class AxesChart<C extends AxesChart<C>> extends Chart
        permits LineChart, Histogram, ContourChart, BarChart {

    /** Share of the legend box that may cover data before BEST moves it outside the plot. */
    private static final double LEGEND_OVERLAP_LIMIT = 0.02;

    private String title;
    private String xLabel;
    private String yLabel;
    private Double xMin;
    private Double xMax;
    private Double yMin;
    private Double yMax;
    private boolean logX;
    private boolean xIntegerTicks;
    private boolean logY;
    private boolean yTickLabels = true;
    private LegendPosition legendPosition = LegendPosition.BEST;

    AxesChart() {
    }

    @SuppressWarnings("unchecked")
    private C self() {
        return (C) this;
    }

    /**
     * Sets the title drawn above the plot.
     *
     * @param title the title, or null for none
     * @return this chart
     */
    public C title(String title) {
        this.title = title;
        return self();
    }

    /**
     * The title (also the panel's name when a {@link ChartGrid} exports its series).
     *
     * @return the title, or null
     */
    public String title() {
        return title;
    }

    /**
     * Sets the label under the x axis.
     *
     * @param label the label, or null for none
     * @return this chart
     */
    public C xLabel(String label) {
        this.xLabel = label;
        return self();
    }

    /**
     * Sets the label beside the y axis.
     *
     * @param label the label, or null for none
     * @return this chart
     */
    public C yLabel(String label) {
        this.yLabel = label;
        return self();
    }

    /**
     * Fixes the x axis to [lo, hi]; data outside is clipped.
     *
     * @param lo left end
     * @param hi right end, greater than lo
     * @return this chart
     * @throws KisoException if the range is not finite with lo &lt; hi
     */
    public C xRange(double lo, double hi) {
        checkRange("xRange", lo, hi);
        this.xMin = lo;
        this.xMax = hi;
        return self();
    }

    /**
     * Fixes the y axis to [lo, hi]; data outside is clipped (accuracy: {@code yRange(0, 1)}).
     *
     * @param lo bottom end
     * @param hi top end, greater than lo
     * @return this chart
     * @throws KisoException if the range is not finite with lo &lt; hi
     */
    public C yRange(double lo, double hi) {
        checkRange("yRange", lo, hi);
        this.yMin = lo;
        this.yMax = hi;
        return self();
    }

    /**
     * Puts the x ticks at whole numbers only (steps 1, 2, 5, 10, ...), for an axis that counts,
     * such as epochs, when the points sit between whole numbers (per-iteration points plotted at
     * iteration / iterations per epoch). An axis whose values are all whole numbers gets such
     * ticks without asking.
     *
     * @return this chart
     */
    public C xIntegerTicks() {
        this.xIntegerTicks = true;
        return self();
    }

    /**
     * Puts the x axis on a log scale (values &lt;= 0 are not drawn).
     *
     * @return this chart
     */
    public C logX() {
        this.logX = true;
        return self();
    }

    /**
     * Puts the y axis on a log scale (values &lt;= 0 are not drawn).
     *
     * @return this chart
     */
    public C logY() {
        this.logY = true;
        return self();
    }

    /**
     * Shows or hides the y tick labels (the ticks stay); a row of panels sharing a y range labels
     * only the first.
     *
     * @param show false to hide
     * @return this chart
     */
    public C yTickLabels(boolean show) {
        this.yTickLabels = show;
        return self();
    }

    /**
     * Places the legend (default {@link LegendPosition#BEST}).
     *
     * @param position where, or NONE
     * @return this chart
     */
    public C legend(LegendPosition position) {
        this.legendPosition = Objects.requireNonNull(position, "position");
        return self();
    }

    private static void checkRange(String what, double lo, double hi) {
        if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new KisoException(what + ": need finite lo < hi, found [" + lo + ", " + hi + "]");
        }
    }

    @Override
    String heading() {
        return title;
    }

    boolean isLogX() {
        return logX;
    }

    boolean isLogY() {
        return logY;
    }

    // ---- what a chart type provides ----

    /** Adds the data's extent to {@code b}. */
    abstract void extent(Bounds b);

    /**
     * Axis ends the chart type pins when the user did not fix them: {@code ends} is
     * {xLo, xHi, yLo, yHi}, NaN meaning "follow the data". Default: none.
     */
    void pin(double[] ends) {
    }

    /** Draws the data; g is clipped to the plot rectangle. */
    abstract void drawData(Graphics2D g, PlotFrame f);

    /** What the legend must not hide (drawn on a transparent layer). Default: all the data. */
    void drawLegendObstacles(Graphics2D g, PlotFrame f) {
        drawData(g, f);
    }

    /** The legend's rows, in order. Default: none. */
    List<Legend.Entry> legendEntries() {
        return List.of();
    }

    /** Fixed x ticks (category names) or null for automatic ones. */
    Ticks.TickSet categoryTicks() {
        return null;
    }

    // ---- the shared drawing ----

    /** The laid-out frame and, if shown, the legend with its box. */
    record Placement(PlotFrame frame, Legend legend, Rectangle legendBox) {
    }

    @Override
    public final void draw(Graphics2D g, Rectangle area) {
        Theme.antialias(g);
        Placement p = place(g, area);
        PlotFrame f = p.frame();
        f.drawGrid(g, categoryTicks() == null);
        Graphics2D d = (Graphics2D) g.create();
        d.clip(f.plot);
        drawData(d, f);
        d.dispose();
        f.drawAxes(g);
        if (p.legendBox() != null) {
            p.legend().draw(g, p.legendBox());
        }
    }

    /** Lays out axes and legend in {@code area} (package-private so tests can map data to pixels). */
    Placement place(Graphics2D g, Rectangle area) {
        Theme t = Theme.forArea(area);
        Bounds b = new Bounds(logX, logY);
        extent(b);
        double[] ends = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        pin(ends);
        Axis x = Axis.fit(b.xMin, b.xMax, end(xMin, ends[0]), end(xMax, ends[1]), logX);
        Axis y = Axis.fit(b.yMin, b.yMax, end(yMin, ends[2]), end(yMax, ends[3]), logY);
        if (xIntegerTicks || b.xWhole()) {
            x = x.withIntegerTicks();
        }
        if (b.yWhole()) {
            y = y.withIntegerTicks();
        }
        PlotFrame.Labels labels = new PlotFrame.Labels(title, xLabel, yLabel, yTickLabels, categoryTicks());
        Legend legend = new Legend(legendEntries(), t);
        if (legend.isEmpty() || legendPosition == LegendPosition.NONE) {
            return new Placement(PlotFrame.layout(g, area, t, x, y, labels, 0), legend, null);
        }
        int outsideWidth = legend.size(g).width + t.size(10);
        if (legendPosition == LegendPosition.OUTSIDE_RIGHT) {
            return outside(g, area, t, x, y, labels, legend, outsideWidth);
        }
        PlotFrame f = PlotFrame.layout(g, area, t, x, y, labels, 0);
        if (legendPosition != LegendPosition.BEST) {
            return new Placement(f, legend, legend.inside(g, f.plot, legendPosition));
        }
        double[] overlap = new double[1];
        Rectangle box = legend.bestPlace(g, f.plot, dataLayer(f), overlap);
        if (overlap[0] > LEGEND_OVERLAP_LIMIT && area.width - outsideWidth > 0.6 * area.width) {
            return outside(g, area, t, x, y, labels, legend, outsideWidth);
        }
        return new Placement(f, legend, box);
    }

    private static Double end(Double user, double pinned) {
        return user != null ? user : Double.isNaN(pinned) ? null : pinned;
    }

    private static Placement outside(Graphics2D g, Rectangle area, Theme t, Axis x, Axis y,
                                     PlotFrame.Labels labels, Legend legend, int width) {
        PlotFrame f = PlotFrame.layout(g, area, t, x, y, labels, width);
        Rectangle box = new Rectangle(f.plot.x + f.plot.width + t.size(10), f.plot.y,
                legend.size(g).width, legend.size(g).height);
        return new Placement(f, legend, box);
    }

    /** The data drawn alone on a transparent image the size of the plot (for legend placement). */
    private BufferedImage dataLayer(PlotFrame f) {
        BufferedImage layer = Charts.newImage(Math.max(1, f.plot.width), Math.max(1, f.plot.height),
                BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = layer.createGraphics();
        g.translate(-f.plot.x, -f.plot.y);
        g.clip(f.plot);
        drawLegendObstacles(g, f);
        g.dispose();
        return layer;
    }
}
