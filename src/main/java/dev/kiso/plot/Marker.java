package dev.kiso.plot;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * The symbol drawn at a series' points (matplotlib's names in brackets).
 */
public enum Marker {
    /** No symbol. */
    NONE,
    /** Filled circle ({@code o}). */
    CIRCLE,
    /** Filled square ({@code s}). */
    SQUARE,
    /** Filled diamond ({@code D}). */
    DIAMOND,
    /** Filled triangle pointing up ({@code ^}). */
    TRIANGLE,
    /** Diagonal cross ({@code x}). */
    CROSS,
    /** Plus sign ({@code +}). */
    PLUS;

    /** Draws the symbol centred on (x, y) with the given size in pixels, in the current colour. */
    void draw(Graphics2D g, double x, double y, double size) {
        double r = size / 2;
        switch (this) {
            case NONE -> { }
            case CIRCLE -> g.fill(new Ellipse2D.Double(x - r, y - r, size, size));
            case SQUARE -> g.fill(new Rectangle2D.Double(x - r * 0.9, y - r * 0.9, size * 0.9, size * 0.9));
            case DIAMOND -> g.fill(polygon(x, y - r * 1.1, x + r * 0.8, y, x, y + r * 1.1, x - r * 0.8, y));
            case TRIANGLE -> g.fill(polygon(x, y - r * 1.1, x + r, y + r * 0.75, x - r, y + r * 0.75));
            case CROSS -> strokeLines(g, size, x - r, y - r, x + r, y + r, x - r, y + r, x + r, y - r);
            case PLUS -> strokeLines(g, size, x - r * 1.2, y, x + r * 1.2, y, x, y - r * 1.2, x, y + r * 1.2);
            default -> throw new AssertionError(this);
        }
    }

    private static Shape polygon(double... xy) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            p.lineTo(xy[i], xy[i + 1]);
        }
        p.closePath();
        return p;
    }

    /** Two strokes (x0,y0)-(x1,y1) and (x2,y2)-(x3,y3), solid, as thick as the size asks. */
    private static void strokeLines(Graphics2D g, double size, double... xy) {
        Graphics2D pen = (Graphics2D) g.create();
        pen.setStroke(new BasicStroke((float) Math.max(1.5, size / 4), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        p.lineTo(xy[2], xy[3]);
        p.moveTo(xy[4], xy[5]);
        p.lineTo(xy[6], xy[7]);
        pen.draw(p);
        pen.dispose();
    }
}
