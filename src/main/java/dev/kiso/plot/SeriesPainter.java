package dev.kiso.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws series as lines and markers in a plot frame. Points without a position (NaN, infinite,
 * &lt;= 0 on a log axis) break the line. Segments are clipped to the plot (Liang-Barsky) before they
 * reach Java2D, so a value of 1e300 draws as a line leaving the frame, not as garbage.
 */
final class SeriesPainter {

    private SeriesPainter() {
    }

    /** The series' own colour, or the palette colour for its index in the chart. */
    static Color colorOf(Series s, int index) {
        return s.color() != null ? s.color() : Palette.color(index);
    }

    /** Legend rows for the named series (those with an empty name get none). */
    static List<Legend.Entry> entries(List<Series> series) {
        List<Legend.Entry> entries = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            if (!s.name().isEmpty()) {
                entries.add(new Legend.Entry(s.name(), colorOf(s, i), s.lineStyle(), s.marker(), false));
            }
        }
        return entries;
    }

    /** Adds the points of every series to the bounds. */
    static void extent(List<Series> series, Bounds b) {
        for (Series s : series) {
            for (int i = 0; i < s.size(); i++) {
                b.add(s.x(i), s.y(i));
            }
        }
    }

    /** Draws every series in order, each in its colour. */
    static void drawAll(Graphics2D g, PlotFrame f, List<Series> series) {
        for (int i = 0; i < series.size(); i++) {
            draw(g, f, series.get(i), colorOf(series.get(i), i));
        }
    }

    /** Draws one series: the line (unless style NONE), then the markers. */
    static void draw(Graphics2D g, PlotFrame f, Series s, Color color) {
        Graphics2D p = (Graphics2D) g.create();
        p.setColor(color);
        double margin = f.t.size(20);
        double[] box = {f.plot.x - margin, f.plot.y - margin,
            f.plot.x + f.plot.width + margin, f.plot.y + f.plot.height + margin};
        if (s.lineStyle() != LineStyle.NONE) {
            p.setStroke(s.lineStyle().stroke((float) (2 * f.t.scale)));
            p.draw(polyline(f, s, box));
        }
        if (s.marker() != Marker.NONE) {
            double size = f.t.size(7);
            for (int i = 0; i < s.size(); i += s.markEvery()) {
                double x = f.px(s.x(i));
                double y = f.py(s.y(i));
                if (x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3]) {
                    s.marker().draw(p, x, y, size);
                }
            }
        }
        p.dispose();
    }

    /** The series' visible segments as one path; a gap starts a new sub-path. */
    private static Path2D polyline(PlotFrame f, Series s, double[] box) {
        Path2D.Double path = new Path2D.Double();
        double lastX = Double.NaN;
        double lastY = Double.NaN;
        double[] seg = new double[4];
        for (int i = 1; i < s.size(); i++) {
            seg[0] = f.px(s.x(i - 1));
            seg[1] = f.py(s.y(i - 1));
            seg[2] = f.px(s.x(i));
            seg[3] = f.py(s.y(i));
            if (!finite(seg) || !clip(seg, box)) {
                lastX = Double.NaN;
                continue;
            }
            if (seg[0] != lastX || seg[1] != lastY) {
                path.moveTo(seg[0], seg[1]);
            }
            path.lineTo(seg[2], seg[3]);
            lastX = seg[2];
            lastY = seg[3];
        }
        if (s.size() == 1 && s.marker() == Marker.NONE) {
            // a single point with no marker would be invisible: draw a dot
            path.moveTo(f.px(s.x(0)), f.py(s.y(0)));
            path.lineTo(f.px(s.x(0)), f.py(s.y(0)));
        }
        return path;
    }

    private static boolean finite(double[] v) {
        for (double d : v) {
            if (!Double.isFinite(d)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Liang-Barsky: shortens the segment {x0, y0, x1, y1} in place to the part inside
     * box {xMin, yMin, xMax, yMax}; false if nothing is inside.
     */
    static boolean clip(double[] seg, double[] box) {
        double dx = seg[2] - seg[0];
        double dy = seg[3] - seg[1];
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {seg[0] - box[0], box[2] - seg[0], seg[1] - box[1], box[3] - seg[1]};
        double t0 = 0;
        double t1 = 1;
        for (int k = 0; k < 4; k++) {
            if (p[k] == 0) {
                if (q[k] < 0) {
                    return false; // parallel to this edge and outside it
                }
            } else {
                double r = q[k] / p[k];
                if (p[k] < 0) {
                    t0 = Math.max(t0, r);
                } else {
                    t1 = Math.min(t1, r);
                }
            }
        }
        if (t0 > t1) {
            return false;
        }
        double x0 = seg[0];
        double y0 = seg[1];
        seg[0] = x0 + t0 * dx;
        seg[1] = y0 + t0 * dy;
        seg[2] = x0 + t1 * dx;
        seg[3] = y0 + t1 * dy;
        return true;
    }
}
