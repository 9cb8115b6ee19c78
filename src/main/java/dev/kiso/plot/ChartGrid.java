package dev.kiso.plot;

import dev.kiso.KisoException;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Small multiples: charts in a grid of equal cells, filled row by row, under one shared title
 * (the BN weight-scale grid, the best trials of a hyper-parameter search, one contour panel per
 * optimizer). Cells left over stay blank; grids nest.
 *
 * <pre>{@code
 * ChartGrid grid = new ChartGrid(4, 4).title("BatchNorm vs. no BatchNorm");
 * for (LineChart panel : panels) grid.add(panel);
 * }</pre>
 */
public final class ChartGrid extends Chart {

    private final int rows;
    private final int columns;
    private final List<Chart> charts = new ArrayList<>();
    private String title;
    private int cellWidth = 300;
    private int cellHeight = 220;
    private int firstColumnExtra;

    /**
     * An empty grid.
     *
     * @param rows    number of rows, at least 1
     * @param columns number of columns, at least 1
     * @throws KisoException if rows or columns &lt; 1
     */
    public ChartGrid(int rows, int columns) {
        if (rows < 1 || columns < 1) {
            throw new KisoException("ChartGrid: need at least 1 row and 1 column, found " + rows + "x" + columns);
        }
        this.rows = rows;
        this.columns = columns;
    }

    /**
     * Puts a chart in the next free cell (row by row).
     *
     * @param chart the chart
     * @return this grid
     * @throws KisoException if all rows x columns cells are taken
     */
    public ChartGrid add(Chart chart) {
        Objects.requireNonNull(chart, "chart");
        if (charts.size() == rows * columns) {
            throw new KisoException("ChartGrid: all " + rows + "x" + columns + " cells are taken; cannot add chart "
                    + (charts.size() + 1));
        }
        charts.add(chart);
        return this;
    }

    /**
     * Sets the title above the whole grid.
     *
     * @param title the title, or null for none
     * @return this grid
     */
    public ChartGrid title(String title) {
        this.title = title;
        return this;
    }

    /**
     * Sets the size of one cell when the grid is rendered at its own {@link #size()} (default
     * 300x220).
     *
     * @param width  cell width in pixels, at least 50
     * @param height cell height in pixels, at least 50
     * @return this grid
     * @throws KisoException if a side is below 50
     */
    public ChartGrid cellSize(int width, int height) {
        if (width < 50 || height < 50) {
            throw new KisoException("ChartGrid.cellSize: cells must be at least 50x50, found " + width + "x" + height);
        }
        this.cellWidth = width;
        this.cellHeight = height;
        return this;
    }

    /**
     * Makes the first column wider by {@code pixels}, so that panels whose only first column shows
     * y tick labels get plot areas of equal width.
     */
    ChartGrid firstColumnExtra(int pixels) {
        this.firstColumnExtra = Math.max(0, pixels);
        return this;
    }

    @Override
    public Dimension size() {
        return new Dimension(columns * cellWidth, rows * cellHeight + (title == null ? 0 : 44));
    }

    @Override
    public void draw(Graphics2D g, Rectangle area) {
        Theme.antialias(g);
        if (title != null && !title.isEmpty()) {
            Theme t = Theme.forArea(area);
            g.setColor(Theme.TEXT);
            Theme.text(g, t.titleFont, title, area.x + area.width / 2.0, area.y + t.size(10), 0.5, 0);
        }
        int top = titleBand(g, area);
        for (int i = 0; i < charts.size(); i++) {
            charts.get(i).draw(g, cell(area, top, i));
        }
    }

    /** Height of the band the title takes at the top of the area (0 without a title). */
    private int titleBand(Graphics2D g, Rectangle area) {
        if (title == null || title.isEmpty()) {
            return 0;
        }
        Theme t = Theme.forArea(area);
        return Theme.height(g, t.titleFont) + t.size(16);
    }

    /** The rectangle of cell i when the grid fills {@code area} (for tests). */
    Rectangle cellRect(Graphics2D g, Rectangle area, int i) {
        return cell(area, titleBand(g, area), i);
    }

    /** The rectangle of cell i below a title band of {@code top} pixels. */
    private Rectangle cell(Rectangle area, int top, int i) {
        int r = i / columns;
        int c = i % columns;
        int extra = Math.min(firstColumnExtra, area.width / 2);
        int x0 = area.x + (c == 0 ? 0 : extra + c * (area.width - extra) / columns);
        int x1 = area.x + extra + (c + 1) * (area.width - extra) / columns;
        int h = area.height - top;
        int y0 = area.y + top + r * h / rows;
        int y1 = area.y + top + (r + 1) * h / rows;
        return new Rectangle(x0, y0, x1 - x0, y1 - y0);
    }

    @Override
    String heading() {
        return title;
    }

    @Override
    void exportRows(String prefix, SeriesCsv csv) {
        for (int i = 0; i < charts.size(); i++) {
            String name = charts.get(i).heading();
            charts.get(i).exportRows(SeriesCsv.join(prefix, name == null || name.isEmpty() ? "panel-" + (i + 1) : name), csv);
        }
    }
}
