package dev.kiso.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;

/**
 * The look shared by every chart: fonts, colours and line widths, scaled with the size of the
 * area being drawn so that a small panel in a grid keeps readable proportions. Also the text
 * helpers (measure, draw aligned, draw rotated).
 *
 * <p>Fonts are the JDK's logical {@link Font#SANS_SERIF} (DejaVu Sans on Debian, Arial on Windows).
 */
final class Theme {

    static final Color TEXT = new Color(0x222222);
    static final Color FRAME = new Color(0x555555);
    static final Color GRID = new Color(0xE6E6E6);
    static final Color BACKGROUND = Color.WHITE;

    final double scale;
    final Font tickFont;
    final Font labelFont;
    final Font titleFont;
    final Font legendFont;

    private Theme(double scale) {
        this.scale = scale;
        this.tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, size(12));
        this.labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, size(14));
        this.titleFont = new Font(Font.SANS_SERIF, Font.BOLD, size(16));
        this.legendFont = new Font(Font.SANS_SERIF, Font.PLAIN, size(12));
    }

    /**
     * The theme for an area: scale 1 at 800x500, the square root of the smaller ratio otherwise
     * (no smaller than 0.85, so a 300x220 grid cell keeps 10-pixel tick labels), so text shrinks slower than the panel.
     */
    static Theme forArea(Rectangle area) {
        double ratio = Math.min(area.width / 800.0, area.height / 500.0);
        return new Theme(Math.max(0.85, Math.min(2.0, Math.sqrt(ratio))));
    }

    /** A length in pixels at this theme's scale. */
    int size(double pixelsAtScale1) {
        return (int) Math.round(pixelsAtScale1 * scale);
    }

    /** The stroke of data lines. */
    BasicStroke lineStroke() {
        return new BasicStroke((float) (2.0 * scale), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** Turns on antialiasing for shapes and text, and exact stroke geometry. */
    static void antialias(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    }

    /** Width of text in the given font. */
    static int width(Graphics2D g, Font font, String text) {
        return (int) Math.ceil(g.getFontMetrics(font).getStringBounds(text, g).getWidth());
    }

    /** Line height (ascent + descent) of the font. */
    static int height(Graphics2D g, Font font) {
        return g.getFontMetrics(font).getAscent() + g.getFontMetrics(font).getDescent();
    }

    /**
     * Draws text with its box placed relative to (x, y): {@code ax} and {@code ay} are 0 (left/top),
     * 0.5 (centre) or 1 (right/bottom) of the text box.
     */
    static void text(Graphics2D g, Font font, String text, double x, double y, double ax, double ay) {
        g.setFont(font);
        Rectangle2D box = g.getFontMetrics(font).getStringBounds(text, g);
        int ascent = g.getFontMetrics(font).getAscent();
        double boxHeight = height(g, font);
        g.drawString(text, (float) (x - ax * box.getWidth()), (float) (y - ay * boxHeight + ascent));
    }

    /** Draws text turned 90 degrees counter-clockwise, centred on (x, y) (a y-axis label). */
    static void verticalText(Graphics2D g, Font font, String text, double x, double y) {
        Graphics2D turned = (Graphics2D) g.create();
        turned.translate(x, y);
        turned.rotate(-Math.PI / 2);
        text(turned, font, text, 0, 0, 0.5, 0.5);
        turned.dispose();
    }
}
