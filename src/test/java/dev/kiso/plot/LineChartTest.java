package dev.kiso.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kiso.KisoException;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class LineChartTest {

    private static final Rectangle AREA = new Rectangle(0, 0, 800, 500);

    /** A flat line at y = 0.5 and a diagonal from (0, 0) to (10, 1) on fixed axes. */
    private static LineChart twoLines() {
        return new LineChart().title("TITLE").xLabel("epochs").yLabel("accuracy").xRange(0, 10).yRange(0, 1)
                .add(Series.of("flat", new double[] {0, 10}, new double[] {0.5, 0.5}))
                .add(Series.of("diagonal", new double[] {0, 5, 10}, new double[] {0, 0.5, 1}).dashed());
    }

    @Test
    void fixedRangesMapToThePlotEdges() {
        PlotFrame f = twoLines().place(Pixels.graphics(), AREA).frame();
        assertThat(f.px(0)).isCloseTo(f.plot.x, within(1e-9));
        assertThat(f.px(10)).isCloseTo(f.plot.x + f.plot.width, within(1e-9));
        assertThat(f.py(0)).isCloseTo(f.plot.y + f.plot.height, within(1e-9));
        assertThat(f.py(1)).isCloseTo(f.plot.y, within(1e-9));
        assertThat(f.px(2.5)).isCloseTo(f.plot.x + f.plot.width / 4.0, within(1e-9));
        // the plot sits inside the image with room for labels on every side
        assertThat(f.plot.x).isGreaterThan(30);
        assertThat(f.plot.y).isGreaterThan(20);
        assertThat(f.plot.x + f.plot.width).isLessThan(800);
        assertThat(f.plot.y + f.plot.height).isLessThan(470);
    }

    @Test
    void seriesArePaintedWhereTheirPointsMap() {
        LineChart chart = twoLines();
        BufferedImage image = Charts.render(chart, 800, 500);
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(500);
        PlotFrame f = chart.place(Pixels.graphics(), AREA).frame();
        Color blue = Palette.color(0);
        Color orange = Palette.color(1);
        assertThat(Pixels.near(image, f.px(7.3), f.py(0.5), 1, blue, 30)).isTrue();
        assertThat(Pixels.near(image, f.px(1.7), f.py(0.5), 1, blue, 30)).isTrue();
        // the dashed diagonal: some of the pixels along it carry its colour, none far off it
        int hits = 0;
        for (double x = 0.5; x < 10; x += 0.5) {
            if (Pixels.near(image, f.px(x), f.py(x / 10), 1, orange, 30)) {
                hits++;
            }
        }
        assertThat(hits).isGreaterThan(8);
        assertThat(Pixels.near(image, f.px(2), f.py(0.9), 3, orange, 30)).isFalse();
        assertThat(Pixels.near(image, f.px(2), f.py(0.9), 3, blue, 30)).isFalse();
    }

    @Test
    void legendShowsSwatchesAndAvoidsTheData() {
        LineChart chart = twoLines();
        BufferedImage image = Charts.render(chart, 800, 500);
        AxesChart.Placement p = chart.place(Pixels.graphics(), AREA);
        Rectangle box = p.legendBox();
        assertThat(box).isNotNull();
        assertThat(p.frame().plot.contains(box)).isTrue();
        assertThat(Pixels.count(image, box, Palette.color(0), 30)).isGreaterThan(10);
        assertThat(Pixels.count(image, box, Palette.color(1), 30)).isGreaterThan(10);
        // the flat line crosses the middle and the diagonal joins lower left to upper right:
        // the legend must sit in the upper left or lower right corner
        PlotFrame f = p.frame();
        assertThat(box.y + box.height < f.py(0.5) || box.y > f.py(0.5)).isTrue();
        boolean upperLeft = box.x < f.px(5) && box.y < f.py(0.5);
        boolean lowerRight = box.x > f.px(5) && box.y > f.py(0.5);
        assertThat(upperLeft || lowerRight).isTrue();
    }

    @Test
    void legendGoesOutsideWhenEveryInsidePlaceWouldHideData() {
        // zig-zag lines fill the whole plot
        double[] x = new double[200];
        double[] a = new double[200];
        double[] b = new double[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            a[i] = i % 2;
            b[i] = (i + 1) % 2;
        }
        LineChart chart = new LineChart().add(Series.of("up", x, a)).add(Series.of("down", x, b));
        AxesChart.Placement p = chart.place(Pixels.graphics(), AREA);
        assertThat(p.legendBox().x).isGreaterThanOrEqualTo(p.frame().plot.x + p.frame().plot.width);
        assertThat(p.legendBox().x + p.legendBox().width).isLessThanOrEqualTo(800);
    }

    @Test
    void titleAndLabelsRenderText() {
        BufferedImage image = Charts.render(twoLines(), 800, 500);
        PlotFrame f = twoLines().place(Pixels.graphics(), AREA).frame();
        // dark text pixels in the title band above the plot and in the x-label band under the ticks
        assertThat(Pixels.count(image, new Rectangle(300, 0, 200, f.plot.y - 2), Theme.TEXT, 80)).isGreaterThan(20);
        assertThat(Pixels.count(image, new Rectangle(300, 470, 200, 30), Theme.TEXT, 80)).isGreaterThan(20);
    }

    @Test
    void nanBreaksTheLineInsteadOfFailing() {
        LineChart chart = new LineChart().xRange(0, 4).yRange(0, 1)
                .add(Series.of("gap", new double[] {0, 1, 2, 3, 4}, new double[] {0.5, 0.5, Double.NaN, 0.5, 0.5}));
        BufferedImage image = Charts.render(chart, 800, 500);
        PlotFrame f = chart.place(Pixels.graphics(), AREA).frame();
        Color blue = Palette.color(0);
        assertThat(Pixels.near(image, f.px(0.5), f.py(0.5), 1, blue, 30)).isTrue();
        assertThat(Pixels.near(image, f.px(3.5), f.py(0.5), 1, blue, 30)).isTrue();
        assertThat(Pixels.near(image, f.px(1.5), f.py(0.5), 2, blue, 60)).isFalse();
        assertThat(Pixels.near(image, f.px(2.5), f.py(0.5), 2, blue, 60)).isFalse();
    }

    @Test
    void hugeAndInfiniteValuesAreClippedNotDrawnAsGarbage() {
        LineChart chart = new LineChart().yRange(0, 2.5)
                .add(Series.of("diverged", new double[] {0, 1, 2, 3}, new double[] {2.3, 1e300, Double.POSITIVE_INFINITY, 1}));
        BufferedImage image = Charts.render(chart, 800, 500);
        PlotFrame f = chart.place(Pixels.graphics(), AREA).frame();
        // the segment from (0, 2.3) towards 1e300 leaves the plot through the top, almost vertically
        assertThat(Pixels.near(image, f.px(0), f.py(2.4), 2, Palette.color(0), 40)).isTrue();
        assertThat(Pixels.near(image, f.px(0.5), f.py(1.2), 3, Palette.color(0), 60)).isFalse();
    }

    @Test
    void autoRangeFollowsFiniteDataOnly() {
        LineChart chart = new LineChart().add(Series.of("a", new double[] {1, 2, 3}, new double[] {5, Double.NaN, 7}));
        PlotFrame f = chart.place(Pixels.graphics(), AREA).frame();
        assertThat(f.x.lo).isCloseTo(1 - 0.08, within(1e-9));
        assertThat(f.y.hi).isCloseTo(7 + 0.08, within(1e-9));
    }

    @Test
    void logAxisPutsPowersOfTenAtEqualSpacing() {
        LineChart chart = new LineChart().logY()
                .add(Series.of("exp", new double[] {0, 1, 2, 3}, new double[] {1, 10, 100, 1000}));
        BufferedImage image = Charts.render(chart, 800, 500);
        PlotFrame f = chart.place(Pixels.graphics(), AREA).frame();
        assertThat(f.py(10) - f.py(100)).isCloseTo(f.py(1) - f.py(10), within(1e-9));
        // straight on a log axis: the point (1.5, 10^1.5) lies on the drawn line
        assertThat(Pixels.near(image, f.px(1.5), f.py(Math.pow(10, 1.5)), 1, Palette.color(0), 30)).isTrue();
        // values <= 0 have no place on the axis and are skipped
        LineChart withZero = new LineChart().logY().add(Series.of("z", new double[] {0, 1, 2}, new double[] {0, 1, 10}));
        assertThat(Charts.render(withZero, 400, 300).getWidth()).isEqualTo(400);
    }

    @Test
    void markersAreDrawnEveryNthPoint() {
        double[] x = new double[11];
        double[] y = new double[11];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = 0.5;
        }
        LineChart chart = new LineChart().xRange(-1, 11).yRange(0, 1)
                .add(Series.of("m", x, y).style(LineStyle.NONE).marker(Marker.SQUARE).markEvery(5));
        BufferedImage image = Charts.render(chart, 800, 500);
        PlotFrame f = chart.place(Pixels.graphics(), AREA).frame();
        for (int i = 0; i <= 10; i++) {
            boolean marked = i % 5 == 0;
            assertThat(Pixels.near(image, f.px(i), f.py(0.5), 1, Palette.color(0), 30)).as("point " + i).isEqualTo(marked);
        }
    }

    @Test
    void referenceLinesAreDrawnAndListed() {
        LineChart chart = twoLines().verticalLine(3, "best epoch", Color.MAGENTA);
        BufferedImage image = Charts.render(chart, 800, 500);
        AxesChart.Placement p = chart.place(Pixels.graphics(), AREA);
        int hits = 0;
        for (double y = 0.05; y < 1; y += 0.05) {
            if (Pixels.near(image, p.frame().px(3), p.frame().py(y), 1, Color.MAGENTA, 40)) {
                hits++;
            }
        }
        assertThat(hits).isGreaterThan(8);
        assertThat(Pixels.count(image, p.legendBox(), Color.MAGENTA, 40)).isGreaterThan(5);
    }

    @Test
    void badSeriesGiveClearErrors() {
        assertThatThrownBy(() -> Series.of("val", new double[3], new double[2]))
                .isInstanceOf(KisoException.class).hasMessageContaining("'val'").hasMessageContaining("3").hasMessageContaining("2");
        assertThatThrownBy(() -> Series.of("empty", new double[0]))
                .isInstanceOf(KisoException.class).hasMessageContaining("'empty'").hasMessageContaining("no points");
        assertThatThrownBy(() -> Series.of("n", (float[]) null))
                .isInstanceOf(KisoException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> Series.of("m", new double[] {1}).markEvery(0))
                .isInstanceOf(KisoException.class).hasMessageContaining("markEvery");
        assertThatThrownBy(() -> new LineChart().yRange(1, 0))
                .isInstanceOf(KisoException.class).hasMessageContaining("yRange");
        assertThatThrownBy(() -> new LineChart().xRange(0, Double.NaN))
                .isInstanceOf(KisoException.class).hasMessageContaining("xRange");
        assertThatThrownBy(() -> new LineChart().verticalLine(Double.NaN, "x", Color.RED))
                .isInstanceOf(KisoException.class);
        assertThatThrownBy(() -> Charts.render(new LineChart(), 10, 10))
                .isInstanceOf(KisoException.class).hasMessageContaining("10x10");
    }

    @Test
    void floatSeriesKeepTheFloatsDecimalValue() {
        Series s = Series.of("f", new float[] {0.1f, 2.5f});
        assertThat(s.y(0)).isEqualTo(0.1);
        assertThat(s.x(1)).isEqualTo(1.0);
    }

    @Test
    void emptyChartAndSinglePointStillRender() {
        assertThat(Charts.render(new LineChart()).getWidth()).isEqualTo(800);
        LineChart one = new LineChart().add(Series.of("one", new double[] {3}, new double[] {4}));
        BufferedImage image = Charts.render(one, 800, 500);
        PlotFrame f = one.place(Pixels.graphics(), AREA).frame();
        assertThat(Pixels.near(image, f.px(3), f.py(4), 1, Palette.color(0), 30)).isTrue();
    }

    @Test
    void wholeNumberDataGetWholeNumberTicks() {
        LineChart epochs = new LineChart().yRange(0, 1)
                .add(Series.of("test", new double[] {1, 2, 3}, new double[] {0.5, 0.6, 0.7}));
        PlotFrame f = epochs.place(Pixels.graphics(), AREA).frame();
        assertThat(f.xt.values()).containsExactly(1, 2, 3);
        assertThat(f.xt.labels()).containsExactly("1", "2", "3");
        assertThat(f.yt.values()).contains(0.2);   // the fractional y axis keeps its ticks

        LineChart fractional = new LineChart().add(Series.of("loss", new double[] {0.5, 1, 1.5, 2, 2.5, 3},
                new double[] {2, 1.5, 1, 0.8, 0.7, 0.6}));
        assertThat(fractional.place(Pixels.graphics(), AREA).frame().xt.values()).contains(0.5, 1.5);
        fractional.xIntegerTicks();
        assertThat(fractional.place(Pixels.graphics(), AREA).frame().xt.values()).containsExactly(1, 2, 3);

        LineChart counts = new LineChart().add(Series.of("count", new double[] {0.5, 1.5}, new double[] {0, 3}));
        assertThat(counts.place(Pixels.graphics(), AREA).frame().yt.values()).containsExactly(0, 1, 2, 3);
    }
}
