package dev.kiso.plot;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;

/**
 * The axes around a plot area: where the plot rectangle goes inside the chart's area (margins
 * measured from the actual tick labels, axis labels and title), the data-to-pixel mapping, and
 * the drawing of grid lines, frame, ticks, tick labels, axis labels and title.
 *
 * <p>Mapping: {@code px = plot.x + fx(x) * plot.width}, {@code py = plot.y + (1 - fy(y)) * plot.height}
 * with {@code fx}, {@code fy} the axes' {@link Axis#fraction fractions} (y grows upwards).
 */
final class PlotFrame {

    /** What is written around the plot; {@code xTicks} overrides the automatic x ticks (categories). */
    record Labels(String title, String xLabel, String yLabel, boolean yTickLabels, Ticks.TickSet xTicks) {
    }

    final Rectangle plot;
    final Axis x;
    final Axis y;
    final Ticks.TickSet xt;
    final Ticks.TickSet yt;
    final Theme t;
    private final Labels labels;
    /** Category labels too wide to sit side by side: every second one goes one line lower. */
    private final boolean staggered;

    private PlotFrame(Rectangle plot, Axis x, Axis y, Ticks.TickSet xt, Ticks.TickSet yt, Theme t, Labels labels,
                      boolean staggered) {
        this.plot = plot;
        this.x = x;
        this.y = y;
        this.xt = xt;
        this.yt = yt;
        this.t = t;
        this.labels = labels;
        this.staggered = staggered;
    }

    /**
     * Lays out the axes in {@code area}, keeping {@code rightReserve} pixels free on the right (an
     * outside legend). Tick counts follow the plot size, and x ticks are thinned until no two
     * labels overlap.
     */
    static PlotFrame layout(Graphics2D g, Rectangle area, Theme t, Axis x, Axis y, Labels labels, int rightReserve) {
        PlotFrame f = layout(g, area, t, x, y, labels, rightReserve, false);
        if (labels.xTicks() != null && overlaps(g, t, x, f.xt, f.plot.width)) {
            return layout(g, area, t, x, y, labels, rightReserve, true);
        }
        return f;
    }

    private static PlotFrame layout(Graphics2D g, Rectangle area, Theme t, Axis x, Axis y, Labels labels,
                                    int rightReserve, boolean staggered) {
        int pad = t.size(10);
        int tickLength = t.size(5);
        int tickHeight = Theme.height(g, t.tickFont);
        int top = pad + (isSet(labels.title()) ? Theme.height(g, t.titleFont) + t.size(6) : t.size(4));
        int bottom = pad + tickLength + t.size(3) + tickHeight * (staggered ? 2 : 1)
                + (isSet(labels.xLabel()) ? Theme.height(g, t.labelFont) + t.size(4) : 0);
        int plotHeight = Math.max(10, area.height - top - bottom);
        Ticks.TickSet yt = ticks(g, t, y, Math.max(2, Math.min(8, plotHeight / (tickHeight * 3))));

        int yLabelWidth = 0;
        if (labels.yTickLabels()) {
            for (String s : yt.labels()) {
                yLabelWidth = Math.max(yLabelWidth, Theme.width(g, t.tickFont, s));
            }
        }
        int left = pad + (isSet(labels.yLabel()) ? Theme.height(g, t.labelFont) + t.size(6) : 0)
                + yLabelWidth + t.size(4) + tickLength;
        int right = pad + t.size(12) + rightReserve; // room for half of the last x tick label
        int plotWidth = Math.max(10, area.width - left - right);

        Ticks.TickSet xt = labels.xTicks();
        if (xt == null) {
            int target = Math.max(2, Math.min(10, plotWidth / t.size(45)));
            xt = ticks(g, t, x, target);
            while (target > 2 && overlaps(g, t, x, xt, plotWidth)) {
                xt = ticks(g, t, x, --target);
            }
        }
        Rectangle plot = new Rectangle(area.x + left, area.y + top, plotWidth, plotHeight);
        return new PlotFrame(plot, x, y, xt, yt, t, labels, staggered);
    }

    private static boolean isSet(String s) {
        return s != null && !s.isEmpty();
    }

    private static Ticks.TickSet ticks(Graphics2D g, Theme t, Axis a, int target) {
        if (a.log) {
            return Ticks.log(a.lo, a.hi, t.tickFont.canDisplayUpTo("10\u207B\u2070\u00B9\u00B2\u00B3\u2074\u2079") < 0);
        }
        return a.integers ? Ticks.integerSet(a.lo, a.hi, target) : Ticks.linearSet(a.lo, a.hi, target);
    }

    /** True if two neighbouring x tick labels would touch (less than a label gap apart). */
    private static boolean overlaps(Graphics2D g, Theme t, Axis a, Ticks.TickSet ticks, int plotWidth) {
        double[] v = ticks.values();
        for (int i = 1; i < v.length; i++) {
            double distance = (a.fraction(v[i]) - a.fraction(v[i - 1])) * plotWidth;
            double needed = (Theme.width(g, t.tickFont, ticks.labels()[i]) + Theme.width(g, t.tickFont, ticks.labels()[i - 1])) / 2.0
                    + t.size(12);
            if (distance < needed) {
                return true;
            }
        }
        return false;
    }

    /** Pixel x of data value x (NaN if it has no position, e.g. x &lt;= 0 on a log axis). */
    double px(double xValue) {
        return plot.x + x.fraction(xValue) * plot.width;
    }

    /** Pixel y of data value y (NaN if it has no position). */
    double py(double yValue) {
        return plot.y + (1 - y.fraction(yValue)) * plot.height;
    }

    /** Light grid lines at the major ticks; {@code vertical} false leaves out the x grid. */
    void drawGrid(Graphics2D g, boolean vertical) {
        Graphics2D gg = (Graphics2D) g.create();
        gg.setColor(Theme.GRID);
        gg.setStroke(new BasicStroke((float) Math.max(1, t.scale)));
        if (vertical) {
            for (double v : xt.values()) {
                gg.draw(new Line2D.Double(px(v), plot.y, px(v), plot.y + plot.height));
            }
        }
        for (double v : yt.values()) {
            gg.draw(new Line2D.Double(plot.x, py(v), plot.x + plot.width, py(v)));
        }
        gg.dispose();
    }

    /** The frame, ticks and tick labels, axis labels and title. */
    void drawAxes(Graphics2D g) {
        Graphics2D a = (Graphics2D) g.create();
        int tickLength = t.size(5);
        a.setColor(Theme.FRAME);
        a.setStroke(new BasicStroke((float) Math.max(1, t.scale)));
        a.draw(new Rectangle2D.Double(plot.x, plot.y, plot.width, plot.height));
        double bottom = plot.y + plot.height;
        for (int i = 0; i < xt.values().length; i++) {
            double px = px(xt.values()[i]);
            a.setColor(Theme.FRAME);
            a.draw(new Line2D.Double(px, bottom, px, bottom + tickLength));
            a.setColor(Theme.TEXT);
            double row = staggered && i % 2 == 1 ? Theme.height(a, t.tickFont) : 0;
            Theme.text(a, t.tickFont, xt.labels()[i], px, bottom + tickLength + t.size(3) + row, 0.5, 0);
        }
        a.setColor(Theme.FRAME);
        for (double v : xt.minor()) {
            a.draw(new Line2D.Double(px(v), bottom, px(v), bottom + tickLength * 0.6));
        }
        int yLabelWidth = 0;
        for (int i = 0; i < yt.values().length; i++) {
            double py = py(yt.values()[i]);
            a.setColor(Theme.FRAME);
            a.draw(new Line2D.Double(plot.x - tickLength, py, plot.x, py));
            if (labels.yTickLabels()) {
                a.setColor(Theme.TEXT);
                Theme.text(a, t.tickFont, yt.labels()[i], plot.x - tickLength - t.size(4), py, 1, 0.5);
                yLabelWidth = Math.max(yLabelWidth, Theme.width(a, t.tickFont, yt.labels()[i]));
            }
        }
        a.setColor(Theme.FRAME);
        for (double v : yt.minor()) {
            a.draw(new Line2D.Double(plot.x - tickLength * 0.6, py(v), plot.x, py(v)));
        }
        a.setColor(Theme.TEXT);
        double centreX = plot.x + plot.width / 2.0;
        if (isSet(labels.xLabel())) {
            double y0 = bottom + tickLength + t.size(3) + Theme.height(a, t.tickFont) * (staggered ? 2 : 1) + t.size(4);
            Theme.text(a, t.labelFont, labels.xLabel(), centreX, y0, 0.5, 0);
        }
        if (isSet(labels.yLabel())) {
            double x0 = plot.x - tickLength - t.size(4) - yLabelWidth - t.size(6) - Theme.height(a, t.labelFont) / 2.0;
            Theme.verticalText(a, t.labelFont, labels.yLabel(), x0, plot.y + plot.height / 2.0);
        }
        if (isSet(labels.title())) {
            Theme.text(a, t.titleFont, labels.title(), centreX, plot.y - t.size(6), 0.5, 1);
        }
        a.dispose();
    }
}
