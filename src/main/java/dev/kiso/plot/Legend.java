package dev.kiso.plot;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A legend box: one row per entry, a sample (a short line with its marker, or a filled swatch)
 * and the label. {@link #bestPlace} picks the inside position covering the fewest data pixels.
 */
final class Legend {

    /** One legend row: a line sample (style and marker) or, when {@code swatch}, a filled box. */
    record Entry(String label, Color color, LineStyle style, Marker marker, boolean swatch) {
    }

    private final List<Entry> entries;
    private final Theme t;
    private final boolean horizontal;

    /** A legend with one entry per row. */
    Legend(List<Entry> entries, Theme t) {
        this(entries, t, false);
    }

    /** A legend with its entries in one row ({@code horizontal}) or one per row. */
    Legend(List<Entry> entries, Theme t, boolean horizontal) {
        this.entries = entries;
        this.t = t;
        this.horizontal = horizontal;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    private int sampleWidth() {
        return t.size(28);
    }

    private int rowHeight(Graphics2D g) {
        return Math.max(Theme.height(g, t.legendFont), t.size(14)) + t.size(3);
    }

    private int padding() {
        return t.size(8);
    }

    /** Size of the whole box. */
    Dimension size(Graphics2D g) {
        int labelWidth = 0;
        for (Entry e : entries) {
            labelWidth = horizontal ? labelWidth + entryWidth(g, e) : Math.max(labelWidth, entryWidth(g, e));
        }
        int rows = horizontal ? 1 : entries.size();
        int w = padding() * 2 + labelWidth + (horizontal ? entryGap() * (entries.size() - 1) : 0);
        int h = padding() * 2 + rowHeight(g) * rows - t.size(3);
        return new Dimension(w, h);
    }

    /** Sample, gap and label of one entry. */
    private int entryWidth(Graphics2D g, Entry e) {
        return sampleWidth() + t.size(8) + Theme.width(g, t.legendFont, e.label());
    }

    /** Space between entries of a horizontal legend. */
    private int entryGap() {
        return t.size(18);
    }

    /** The box at a fixed inside position of the plot (not BEST, OUTSIDE_RIGHT or NONE). */
    Rectangle inside(Graphics2D g, Rectangle plot, LegendPosition position) {
        Dimension d = size(g);
        int m = t.size(10);
        int left = plot.x + m;
        int right = plot.x + plot.width - m - d.width;
        int top = plot.y + m;
        int bottom = plot.y + plot.height - m - d.height;
        return switch (position) {
            case UPPER_LEFT -> new Rectangle(left, top, d.width, d.height);
            case LOWER_RIGHT -> new Rectangle(right, bottom, d.width, d.height);
            case LOWER_LEFT -> new Rectangle(left, bottom, d.width, d.height);
            default -> new Rectangle(right, top, d.width, d.height);
        };
    }

    /**
     * The inside box covering the fewest opaque pixels of {@code dataLayer} (the data drawn alone,
     * same size and origin as {@code plot}); candidates in order of preference: the four corners,
     * then the middles of the right, left, top and bottom edges. Sets {@code overlap[0]} to the
     * share of the chosen box's pixels that cover data.
     */
    Rectangle bestPlace(Graphics2D g, Rectangle plot, BufferedImage dataLayer, double[] overlap) {
        Dimension d = size(g);
        int m = t.size(10);
        int[] xs = {plot.width - m - d.width, m, plot.width - m - d.width, m,
            plot.width - m - d.width, m, (plot.width - d.width) / 2, (plot.width - d.width) / 2};
        int[] ys = {m, m, plot.height - m - d.height, plot.height - m - d.height,
            (plot.height - d.height) / 2, (plot.height - d.height) / 2, m, plot.height - m - d.height};
        Rectangle best = null;
        double bestShare = Double.POSITIVE_INFINITY;
        for (int i = 0; i < xs.length; i++) {
            double share = coveredShare(dataLayer, xs[i], ys[i], d.width, d.height);
            if (share < bestShare - 1e-9) {
                bestShare = share;
                best = new Rectangle(plot.x + xs[i], plot.y + ys[i], d.width, d.height);
            }
        }
        overlap[0] = bestShare;
        return best;
    }

    /** Share of the pixels of the box (x, y, w, h) of the layer that are not transparent. */
    private static double coveredShare(BufferedImage layer, int x, int y, int w, int h) {
        int covered = 0;
        int total = 0;
        for (int py = Math.max(0, y); py < Math.min(layer.getHeight(), y + h); py += 2) {
            for (int px = Math.max(0, x); px < Math.min(layer.getWidth(), x + w); px += 2) {
                total++;
                if ((layer.getRGB(px, py) >>> 24) != 0) {
                    covered++;
                }
            }
        }
        return total == 0 ? 1.0 : covered / (double) total;
    }

    /** Draws the box with its entries. */
    void draw(Graphics2D g, Rectangle box) {
        Graphics2D l = (Graphics2D) g.create();
        l.setColor(new Color(255, 255, 255, 225));
        l.fill(box);
        l.setColor(new Color(0xCCCCCC));
        l.setStroke(new java.awt.BasicStroke(1f));
        l.draw(new Rectangle2D.Double(box.x + 0.5, box.y + 0.5, box.width - 1, box.height - 1));
        int row = rowHeight(l);
        double y = box.y + padding() + (row - t.size(3)) / 2.0;
        double x = box.x + padding();
        for (Entry e : entries) {
            drawEntry(l, e, x, y);
            if (horizontal) {
                x += entryWidth(l, e) + entryGap();
            } else {
                y += row;
            }
        }
        l.dispose();
    }

    /** One entry: its sample starting at x, its label after it, both centred on the line y. */
    private void drawEntry(Graphics2D l, Entry e, double x, double y) {
        l.setColor(e.color());
        if (e.swatch()) {
            double s = t.size(12);
            l.fill(new Rectangle2D.Double(x + (sampleWidth() - s) / 2, y - s / 2, s, s));
        } else {
            if (e.style() != LineStyle.NONE) {
                l.setStroke(e.style().stroke((float) (2 * t.scale)));
                l.draw(new Line2D.Double(x, y, x + sampleWidth(), y));
            }
            e.marker().draw(l, x + sampleWidth() / 2.0, y, t.size(7));
        }
        l.setColor(Theme.TEXT);
        Theme.text(l, t.legendFont, e.label(), x + sampleWidth() + t.size(8), y, 0, 0.5);
    }
}
