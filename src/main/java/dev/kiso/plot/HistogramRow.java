package dev.kiso.plot;

import dev.kiso.KisoException;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * Histograms side by side with the same bins and one shared y range, y tick labels on the first
 * panel only: the book's activation histograms (5 layers, 30 bins over (0, 1)).
 *
 * <pre>{@code
 * HistogramRow row = new HistogramRow(30, 0, 1).title("sigmoid, std 1");
 * for (int k = 0; k < 5; k++) row.add((k + 1) + "-layer", activations[k]);
 * }</pre>
 */
public final class HistogramRow extends Chart {

    private final int bins;
    private final double lo;
    private final double hi;
    private final List<Histogram> panels = new ArrayList<>();
    private String title;
    private String xLabel;
    private String yLabel;
    private double yMax = Double.NaN;

    /**
     * An empty row whose panels will count values in {@code bins} equal bins over [lo, hi].
     *
     * @param bins number of bins, at least 1
     * @param lo   left edge
     * @param hi   right edge, greater than lo
     * @throws KisoException if bins &lt; 1 or the range is not finite with lo &lt; hi
     */
    public HistogramRow(int bins, double lo, double hi) {
        Histogram.linearEdges(bins, lo, hi); // checks the arguments
        this.bins = bins;
        this.lo = lo;
        this.hi = hi;
    }

    /**
     * Adds a panel.
     *
     * @param panelTitle the panel's title ("1-layer")
     * @param values     the values to count
     * @return this row
     */
    public HistogramRow add(String panelTitle, double[] values) {
        panels.add(new Histogram(values, bins, lo, hi).title(panelTitle));
        return this;
    }

    /**
     * Adds a panel of float values.
     *
     * @param panelTitle the panel's title ("1-layer")
     * @param values     the values to count
     * @return this row
     */
    public HistogramRow add(String panelTitle, float[] values) {
        panels.add(new Histogram(values, bins, lo, hi).title(panelTitle));
        return this;
    }

    /**
     * Sets the title above the row.
     *
     * @param title the title, or null for none
     * @return this row
     */
    public HistogramRow title(String title) {
        this.title = title;
        return this;
    }

    /**
     * Sets the label under every panel's x axis.
     *
     * @param label the label, or null for none
     * @return this row
     */
    public HistogramRow xLabel(String label) {
        this.xLabel = label;
        return this;
    }

    /**
     * Sets the y-axis label of the first panel.
     *
     * @param label the label, or null for none
     * @return this row
     */
    public HistogramRow yLabel(String label) {
        this.yLabel = label;
        return this;
    }

    /**
     * Caps the shared y axis at {@code max} (the book's ReLU figure uses 7000, so that the
     * non-zero part stays visible when the zeros fill the first bin).
     *
     * @param max the top of the y axis, positive
     * @return this row
     * @throws KisoException if max is not positive and finite
     */
    public HistogramRow yMax(double max) {
        if (!(max > 0) || Double.isInfinite(max)) {
            throw new KisoException("HistogramRow.yMax: need a positive finite value, found " + max);
        }
        this.yMax = max;
        return this;
    }

    /**
     * The i-th panel (its counts and edges).
     *
     * @param i panel index, from 0
     * @return the histogram
     */
    public Histogram panel(int i) {
        if (i < 0 || i >= panels.size()) {
            throw new KisoException("HistogramRow.panel: index " + i + " outside 0.." + (panels.size() - 1));
        }
        return panels.get(i);
    }

    @Override
    public Dimension size() {
        return new Dimension(Math.max(800, 220 * panels.size()), title == null ? 300 : 340);
    }

    @Override
    public void draw(Graphics2D g, Rectangle area) {
        ChartGrid grid = grid();
        if (panels.size() > 1) {
            // the first panel's y tick labels take room: widen its cell so all plots are equally wide
            Theme.antialias(g);
            Rectangle cell = grid.cellRect(g, area, 1);
            int labelled = panels.get(0).place(g, cell).frame().plot.width;
            int unlabelled = panels.get(1).place(g, cell).frame().plot.width;
            grid.firstColumnExtra(unlabelled - labelled);
        }
        grid.draw(g, area);
    }

    /** The panels in a one-row grid, sharing the y range [0, yMax or the largest count + 4 %]. */
    private ChartGrid grid() {
        ChartGrid grid = new ChartGrid(1, Math.max(1, panels.size())).title(title);
        int max = 1;
        for (Histogram h : panels) {
            max = Math.max(max, h.maxCount());
        }
        double top = Double.isNaN(yMax) ? max * (1 + Axis.PADDING) : yMax;
        for (int i = 0; i < panels.size(); i++) {
            grid.add(panels.get(i).yRange(0, top).yTickLabels(i == 0).xLabel(xLabel).yLabel(i == 0 ? yLabel : null));
        }
        return grid;
    }

    @Override
    String heading() {
        return title;
    }

    @Override
    void exportRows(String prefix, SeriesCsv csv) {
        grid().exportRows(prefix, csv);
    }
}
