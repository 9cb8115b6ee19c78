package dev.kiso.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiso.KisoException;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ChartGridTest {

    private static LineChart flat(Color color) {
        return new LineChart().yRange(0, 1).add(Series.of("", new double[] {0, 1}, new double[] {0.5, 0.5}).color(color));
    }

    @Test
    void eachChartIsDrawnInItsOwnCell() {
        Color[] colors = {Color.RED, Color.GREEN, Color.BLUE};
        ChartGrid grid = new ChartGrid(2, 2).title("grid").cellSize(300, 200);
        for (Color c : colors) {
            grid.add(flat(c));
        }
        assertThat(grid.size().width).isEqualTo(600);
        BufferedImage image = Charts.render(grid);
        Rectangle area = new Rectangle(0, 0, image.getWidth(), image.getHeight());
        Rectangle[] cells = new Rectangle[4];
        for (int i = 0; i < 4; i++) {
            cells[i] = grid.cellRect(Pixels.graphics(), area, i);
        }
        // cells tile the area under the title band, row by row
        int top = cells[0].y;
        assertThat(cells[1].x).isEqualTo(cells[0].x + cells[0].width);
        assertThat(cells[2].y).isEqualTo(top + cells[0].height);
        assertThat(cells[3].y + cells[3].height).isEqualTo(image.getHeight());
        assertThat(top).isBetween(20, 60);
        for (int cell = 0; cell < 4; cell++) {
            for (int k = 0; k < colors.length; k++) {
                int n = Pixels.count(image, cells[cell], colors[k], 60);
                if (cell == k) {
                    assertThat(n).as("colour " + k + " in cell " + cell).isGreaterThan(100);
                } else {
                    assertThat(n).as("colour " + k + " in cell " + cell).isZero();
                }
            }
        }
        // the shared title is text above the cells
        assertThat(Pixels.count(image, new Rectangle(200, 0, 200, top), Theme.TEXT, 80)).isGreaterThan(20);
    }

    @Test
    void sharedLegendIsDrawnOnceUnderTheCells() {
        LineChart a = new LineChart().legend(LegendPosition.NONE)
                .add(Series.of("solid", new double[] {0, 1}, new double[] {0, 1}).color(Color.RED))
                .add(Series.of("dashed", new double[] {0, 1}, new double[] {1, 0}).color(Color.BLUE).dashed());
        ChartGrid grid = new ChartGrid(1, 2).add(a).add(flat(Color.GREEN)).legendFrom(a);
        BufferedImage image = Charts.render(grid);
        Rectangle area = new Rectangle(0, 0, image.getWidth(), image.getHeight());
        Rectangle cell = grid.cellRect(Pixels.graphics(), area, 1);
        int cellsBottom = cell.y + cell.height;
        assertThat(cellsBottom).isLessThan(image.getHeight() - 20);
        Rectangle band = new Rectangle(0, cellsBottom, image.getWidth(), image.getHeight() - cellsBottom);
        assertThat(Pixels.count(image, band, Color.RED, 40)).isGreaterThan(10);
        assertThat(Pixels.count(image, band, Color.BLUE, 40)).isGreaterThan(5);
        assertThat(Pixels.count(image, band, Theme.TEXT, 80)).isGreaterThan(20);
        // the legend entries are not drawn inside the panels
        Rectangle first = grid.cellRect(Pixels.graphics(), area, 0);
        PlotFrame f = a.place(Pixels.graphics(), first).frame();
        assertThat(a.place(Pixels.graphics(), first).legendBox()).isNull();
        assertThat(f.plot.height).isPositive();
    }

    @Test
    void aFullGridRejectsMoreCharts() {
        ChartGrid grid = new ChartGrid(1, 2).add(flat(Color.RED)).add(flat(Color.RED));
        assertThatThrownBy(() -> grid.add(flat(Color.RED)))
                .isInstanceOf(KisoException.class).hasMessageContaining("1x2").hasMessageContaining("chart 3");
        assertThatThrownBy(() -> new ChartGrid(0, 2)).isInstanceOf(KisoException.class);
        assertThatThrownBy(() -> new ChartGrid(1, 1).cellSize(10, 100)).isInstanceOf(KisoException.class);
    }
}
