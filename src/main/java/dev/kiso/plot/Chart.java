package dev.kiso.plot;

import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Rectangle;

/**
 * Anything that can be drawn into a rectangle of a {@link Graphics2D}: the chart types of this
 * package. Render one with {@link Charts#render(Chart)} or write it with
 * {@link Charts#writePng(Chart, java.nio.file.Path)}; put several in a {@link ChartGrid}.
 */
public abstract sealed class Chart permits AxesChart, HistogramRow, ChartGrid, ImageGrid {

    Chart() {
    }

    /**
     * Draws the chart into {@code area} (antialiased; the area's background is left as it is).
     *
     * @param g    where to draw
     * @param area the rectangle to fill, in g's coordinates
     */
    public abstract void draw(Graphics2D g, Rectangle area);

    /**
     * The size this chart looks best at when rendered alone: 800x500 unless the type says otherwise.
     *
     * @return width and height in pixels
     */
    public Dimension size() {
        return new Dimension(800, 500);
    }

    /**
     * Adds the plotted numbers to {@code csv}, series names prefixed by {@code prefix}; charts
     * without numeric series (images) add nothing.
     */
    void exportRows(String prefix, SeriesCsv csv) {
    }

    /** The chart's title, or null: names its series when a {@link ChartGrid} exports them. */
    String heading() {
        return null;
    }
}
