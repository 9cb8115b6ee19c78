package dev.kiso.plot;

import dev.kiso.KisoException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;

/**
 * Contours of a function f(x, y) over the plot area, as lines or filled bands, with paths drawn
 * over them: the optimizers' trajectories on f(x, y) = x²/20 + y².
 *
 * <p>f is sampled every 2 pixels (scaled) and the level lines are traced by marching squares;
 * filled bands are coloured pixel by pixel. Levels are chosen by the nice-number rule over f's
 * range unless given. Fix the ranges with {@link #xRange} and {@link #yRange}; otherwise they
 * follow the paths.
 *
 * <pre>{@code
 * ContourChart c = new ContourChart((x, y) -> x * x / 20 + y * y)
 *         .levels(0.5, 1, 2, 4, 7).xRange(-10, 10).yRange(-10, 10).title("SGD")
 *         .add(Series.of("SGD", xs, ys).color(Color.RED).marker(Marker.CIRCLE));
 * }</pre>
 */
public final class ContourChart extends AxesChart<ContourChart> {

    private final DoubleBinaryOperator f;
    private final List<Series> paths = new ArrayList<>();
    private double[] levels;
    private boolean filled;

    /**
     * A contour chart of f.
     *
     * @param f the function of (x, y); non-finite results leave a hole
     */
    public ContourChart(DoubleBinaryOperator f) {
        this.f = Objects.requireNonNull(f, "f");
    }

    /**
     * Draws the contours at these levels (sorted; default: nice values over f's range).
     *
     * @param levels finite levels, at least one
     * @return this chart
     * @throws KisoException if there is no level or one is not finite
     */
    public ContourChart levels(double... levels) {
        if (levels == null || levels.length == 0) {
            throw new KisoException("ContourChart.levels: need at least one level");
        }
        for (double v : levels) {
            if (!Double.isFinite(v)) {
                throw new KisoException("ContourChart.levels: levels must be finite, found " + Arrays.toString(levels));
            }
        }
        this.levels = levels.clone();
        Arrays.sort(this.levels);
        return this;
    }

    /**
     * Fills the bands between levels with light colours (default: lines only).
     *
     * @param filled true for filled bands
     * @return this chart
     */
    public ContourChart filled(boolean filled) {
        this.filled = filled;
        return this;
    }

    /**
     * Adds a path drawn over the contours (an optimizer's positions); a single point with a
     * {@link Marker#PLUS} marks the minimum.
     *
     * @param path the path
     * @return this chart
     */
    public ContourChart add(Series path) {
        paths.add(Objects.requireNonNull(path, "path"));
        return this;
    }

    @Override
    void extent(Bounds b) {
        SeriesPainter.extent(paths, b);
    }

    @Override
    void drawData(Graphics2D g, PlotFrame frame) {
        double step = Math.max(1, frame.t.size(2));
        int nx = (int) Math.ceil(frame.plot.width / step) + 1;
        int ny = (int) Math.ceil(frame.plot.height / step) + 1;
        double[] z = new double[nx * ny];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                z[j * nx + i] = valueAt(frame, i * step, j * step);
            }
        }
        double[] lv = levels != null ? levels : autoLevels(z);
        Graphics2D c = (Graphics2D) g.create();
        if (filled) {
            c.drawImage(bands(frame, lv), frame.plot.x, frame.plot.y, null);
        }
        c.setStroke(new BasicStroke((float) (1.2 * frame.t.scale)));
        for (int k = 0; k < lv.length; k++) {
            c.setColor(filled ? new Color(60, 60, 60, 110) : ColorMap.viridis(0.9 * k / Math.max(1, lv.length - 1)));
            c.draw(Contours.lines(z, nx, ny, frame.plot.x, frame.plot.y, step, lv[k]));
        }
        c.dispose();
        SeriesPainter.drawAll(g, frame, paths);
    }

    /** f at the pixel offset (px, py) from the plot's top-left corner; NaN if not finite. */
    private double valueAt(PlotFrame frame, double px, double py) {
        double x = frame.x.valueAt(px / frame.plot.width);
        double y = frame.y.valueAt(1 - py / frame.plot.height);
        double v = f.applyAsDouble(x, y);
        return Double.isFinite(v) ? v : Double.NaN;
    }

    /** Nice levels strictly inside the sampled range of f. */
    private static double[] autoLevels(double[] z) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            if (!Double.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!(lo < hi)) {
            return new double[0];
        }
        double min = lo;
        double max = hi;
        return Arrays.stream(Ticks.linear(min, max, 8)).filter(v -> v > min && v < max).toArray();
    }

    /** The plot area with each pixel coloured by its band (the number of levels at or below f). */
    private BufferedImage bands(PlotFrame frame, double[] lv) {
        Color[] colors = new Color[lv.length + 1];
        for (int k = 0; k <= lv.length; k++) {
            colors[k] = ColorMap.light(k / (double) Math.max(1, lv.length), 0.6);
        }
        BufferedImage image = Charts.newImage(frame.plot.width, frame.plot.height, BufferedImage.TYPE_INT_ARGB);
        for (int py = 0; py < frame.plot.height; py++) {
            for (int px = 0; px < frame.plot.width; px++) {
                double v = valueAt(frame, px + 0.5, py + 0.5);
                if (!Double.isNaN(v)) {
                    int band = 0;
                    while (band < lv.length && lv[band] <= v) {
                        band++;
                    }
                    image.setRGB(px, py, colors[band].getRGB());
                }
            }
        }
        return image;
    }

    /** Only the paths matter when placing the legend; the contours fill the whole plot. */
    @Override
    void drawLegendObstacles(Graphics2D g, PlotFrame frame) {
        SeriesPainter.drawAll(g, frame, paths);
    }

    @Override
    List<Legend.Entry> legendEntries() {
        return SeriesPainter.entries(paths);
    }

    @Override
    void exportRows(String prefix, SeriesCsv csv) {
        for (Series s : paths) {
            csv.add(prefix, s);
        }
    }
}
