package dev.kiso.plot;

import dev.kiso.KisoException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Named series of (x, y) points as lines and/or markers: learning curves (train and validation
 * loss or accuracy per epoch), loss per iteration, accuracy per evaluation. Optional reference
 * lines mark an x (the best epoch) or a y (a mean accuracy).
 *
 * <pre>{@code
 * LineChart chart = new LineChart().title("accuracy").xLabel("count").yLabel("accuracy")
 *         .yRange(0, 1).legend(LegendPosition.LOWER_RIGHT)
 *         .add(Series.of("training set", counts, trainAcc))
 *         .add(Series.of("test set", counts, testAcc));
 * Charts.writePng(chart, Path.of("vg-relu-he.png"));
 * }</pre>
 */
public final class LineChart extends AxesChart<LineChart> {

    /** A vertical (x = value) or horizontal (y = value) dashed reference line. */
    private record RefLine(boolean vertical, double value, String label, Color color) {
    }

    private final List<Series> series = new ArrayList<>();
    private final List<RefLine> refLines = new ArrayList<>();

    /** Creates an empty chart; add series with {@link #add(Series)}. */
    public LineChart() {
    }

    /**
     * Adds a series; without its own colour it takes the next palette colour.
     *
     * @param s the series
     * @return this chart
     */
    public LineChart add(Series s) {
        series.add(Objects.requireNonNull(s, "series"));
        return this;
    }

    /**
     * The series added so far, in order.
     *
     * @return an unmodifiable view
     */
    public List<Series> series() {
        return List.copyOf(series);
    }

    /**
     * Adds a dashed vertical line at x (early stopping's best and stop epochs).
     *
     * @param x     where
     * @param label legend label ("" for none)
     * @param color its colour
     * @return this chart
     * @throws KisoException if x is not finite
     */
    public LineChart verticalLine(double x, String label, Color color) {
        refLines.add(refLine(true, x, label, color));
        return this;
    }

    /**
     * Adds a dashed horizontal line at y (a mean or a chance level).
     *
     * @param y     where
     * @param label legend label ("" for none)
     * @param color its colour
     * @return this chart
     * @throws KisoException if y is not finite
     */
    public LineChart horizontalLine(double y, String label, Color color) {
        refLines.add(refLine(false, y, label, color));
        return this;
    }

    private static RefLine refLine(boolean vertical, double value, String label, Color color) {
        if (!Double.isFinite(value)) {
            throw new KisoException("LineChart: reference line position must be finite, found " + value);
        }
        return new RefLine(vertical, value, Objects.requireNonNull(label, "label"), Objects.requireNonNull(color, "color"));
    }

    @Override
    void extent(Bounds b) {
        SeriesPainter.extent(series, b);
        for (RefLine r : refLines) {
            if (r.vertical()) {
                b.addX(r.value());
            } else {
                b.addY(r.value());
            }
        }
    }

    @Override
    void drawData(Graphics2D g, PlotFrame f) {
        Graphics2D r = (Graphics2D) g.create();
        r.setStroke(LineStyle.DASHED.stroke((float) (1.5 * f.t.scale)));
        for (RefLine line : refLines) {
            r.setColor(line.color());
            if (line.vertical()) {
                r.draw(new Line2D.Double(f.px(line.value()), f.plot.y, f.px(line.value()), f.plot.y + f.plot.height));
            } else {
                r.draw(new Line2D.Double(f.plot.x, f.py(line.value()), f.plot.x + f.plot.width, f.py(line.value())));
            }
        }
        r.dispose();
        SeriesPainter.drawAll(g, f, series);
    }

    @Override
    List<Legend.Entry> legendEntries() {
        List<Legend.Entry> entries = new ArrayList<>(SeriesPainter.entries(series));
        for (RefLine r : refLines) {
            if (!r.label().isEmpty()) {
                entries.add(new Legend.Entry(r.label(), r.color(), LineStyle.DASHED, Marker.NONE, false));
            }
        }
        return entries;
    }

    @Override
    void exportRows(String prefix, SeriesCsv csv) {
        for (Series s : series) {
            csv.add(prefix, s);
        }
    }
}
