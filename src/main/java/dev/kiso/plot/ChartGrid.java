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
    private AxesChart<?> legendSource;

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
     * Draws {@code chart}'s legend once, in one row under the whole grid (the series of every panel
     * share names and styles: "solid = val, dashed = train"). Give the panels
     * {@code legend(LegendPosition.NONE)} so that they do not repeat it.
     *
     * @param chart the panel whose legend entries to show
     * @return this grid
     */
    public ChartGrid legendFrom(AxesChart<?> chart) {
        this.legendSource = Objects.requireNonNull(chart, "chart");
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
        return new Dimension(columns * cellWidth, rows * cellHeight + (title == null ? 0 : 44) + (legendSource == null ? 0 : 44));
    }

    @Override
    public void draw(Graphics2D g, Rectangle area) {
        Theme.antialias(g);
        Theme t = Theme.forArea(area);
        if (title != null && !title.isEmpty()) {
            g.setColor(Theme.TEXT);
            Theme.text(g, t.titleFont, title, area.x + area.width / 2.0, area.y + t.size(10), 0.5, 0);
        }
        Rectangle cells = cellsArea(g, area);
        for (int i = 0; i < charts.size(); i++) {
            charts.get(i).draw(g, cell(cells, i));
        }
        Legend legend = sharedLegend(t);
        if (legend != null) {
            Dimension d = legend.size(g);
            legend.draw(g, new Rectangle(area.x + (area.width - d.width) / 2, cells.y + cells.height + t.size(4), d.width, d.height));
        }
    }

    /** The shared legend in one row, or null if there is none. */
    private Legend sharedLegend(Theme t) {
        if (legendSource == null || legendSource.legendEntries().isEmpty()) {
            return null;
        }
        return new Legend(legendSource.legendEntries(), t, true);
    }

    /** The part of the area left for the cells under the title band and above the legend band. */
    private Rectangle cellsArea(Graphics2D g, Rectangle area) {
        int top = titleBand(g, area);
        Legend legend = sharedLegend(Theme.forArea(area));
        int bottom = legend == null ? 0 : legend.size(g).height + Theme.forArea(area).size(10);
        return new Rectangle(area.x, area.y + top, area.width, Math.max(1, area.height - top - bottom));
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
        return cell(cellsArea(g, area), i);
    }

    /** The rectangle of cell i when the cells fill {@code cells}, row by row. */
    private Rectangle cell(Rectangle cells, int i) {
        int r = i / columns;
        int c = i % columns;
        int extra = Math.min(firstColumnExtra, cells.width / 2);
        int x0 = cells.x + (c == 0 ? 0 : extra + c * (cells.width - extra) / columns);
        int x1 = cells.x + extra + (c + 1) * (cells.width - extra) / columns;
        int y0 = cells.y + r * cells.height / rows;
        int y1 = cells.y + (r + 1) * cells.height / rows;
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
