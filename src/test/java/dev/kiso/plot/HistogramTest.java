package dev.kiso.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiso.KisoException;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HistogramTest {

    /** NumPy's rule, written out: bin i is [e_i, e_i+1), the last bin also holds its right edge. */
    private static int[] naiveCounts(double[] values, double[] edges) {
        int bins = edges.length - 1;
        int[] counts = new int[bins];
        for (double v : values) {
            for (int i = 0; i < bins; i++) {
                boolean inside = v >= edges[i] && (v < edges[i + 1] || (i == bins - 1 && v == edges[bins]));
                if (inside) {
                    counts[i]++;
                    break;
                }
            }
        }
        return counts;
    }

    @Test
    void countsMatchTheNaiveRule() {
        Random r = new Random(11);
        double[] values = new double[5000];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.nextGaussian() * 0.4 + 0.5; // some fall outside (0, 1)
        }
        values[0] = 0;
        values[1] = 1;
        values[2] = Double.NaN;
        values[3] = 1.0 / 3; // on an inner edge of 30 bins: 10/30
        Histogram h = new Histogram(values, 30, 0, 1);
        assertThat(h.edges()).hasSize(31);
        assertThat(h.counts()).containsExactly(naiveCounts(values, h.edges()));
        assertThat(h.counts()[29]).isPositive();
    }

    @Test
    void logBinsAreGeometricAndCountLikeTheNaiveRule() {
        Random r = new Random(12);
        double[] values = new double[3000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.pow(10, -6 + 6 * r.nextDouble());
        }
        Histogram h = Histogram.logBins(values, 12, 1e-6, 1);
        double[] e = h.edges();
        assertThat(e[0]).isEqualTo(1e-6);
        assertThat(e[12]).isEqualTo(1.0);
        assertThat(e[6]).isCloseTo(1e-3, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(h.counts()).containsExactly(naiveCounts(values, e));
        assertThat(h.isLogX()).isTrue();
    }

    @Test
    void barsArePaintedUpToTheirCount() {
        double[] values = new double[100];
        java.util.Arrays.fill(values, 0, 60, 0.25); // bin 2 of [0, 0.1, ...]
        java.util.Arrays.fill(values, 60, 100, 0.85); // bin 8
        Histogram h = new Histogram(values, 10, 0, 1);
        BufferedImage image = Charts.render(h, 800, 500);
        PlotFrame f = h.place(Pixels.graphics(), new Rectangle(0, 0, 800, 500)).frame();
        assertThat(f.y.lo).isEqualTo(0.0);
        assertThat(Pixels.distance(image, (int) f.px(0.25), (int) f.py(30), Palette.color(0))).isLessThan(10);
        assertThat(Pixels.distance(image, (int) f.px(0.25), (int) f.py(58), Palette.color(0))).isLessThan(10);
        assertThat(Pixels.distance(image, (int) f.px(0.85), (int) f.py(39), Palette.color(0))).isLessThan(10);
        assertThat(Pixels.near(image, f.px(0.85), f.py(50), 2, Palette.color(0), 60)).isFalse();
        assertThat(Pixels.near(image, f.px(0.55), f.py(10), 2, Palette.color(0), 60)).isFalse();
    }

    @Test
    void rowSharesTheYRangeAndLabelsOnlyTheFirstPanel() {
        double[] few = {0.5, 0.5};
        double[] many = new double[40];
        java.util.Arrays.fill(many, 0.1);
        HistogramRow row = new HistogramRow(10, 0, 1).title("row").add("1-layer", few).add("2-layer", many);
        BufferedImage image = Charts.render(row);
        assertThat(image.getWidth()).isEqualTo(row.size().width);
        Rectangle cell = new Rectangle(0, 0, 400, 300);
        double top0 = row.panel(0).place(Pixels.graphics(), cell).frame().y.hi;
        double top1 = row.panel(1).place(Pixels.graphics(), cell).frame().y.hi;
        assertThat(top0).isEqualTo(top1).isGreaterThanOrEqualTo(40);
        row.yMax(7000);
        Charts.render(row);
        assertThat(row.panel(0).place(Pixels.graphics(), cell).frame().y.hi).isEqualTo(7000.0);
        assertThat(row.panel(1).place(Pixels.graphics(), cell).frame().y.hi).isEqualTo(7000.0);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> new Histogram(new double[1], 0, 0, 1)).isInstanceOf(KisoException.class).hasMessageContaining("bins");
        assertThatThrownBy(() -> new Histogram(new double[1], 5, 1, 1)).isInstanceOf(KisoException.class).hasMessageContaining("lo < hi");
        assertThatThrownBy(() -> new HistogramRow(30, 1, 0)).isInstanceOf(KisoException.class);
        assertThatThrownBy(() -> Histogram.logBins(new double[1], 5, 0, 1)).isInstanceOf(KisoException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> new HistogramRow(5, 0, 1).yMax(-1)).isInstanceOf(KisoException.class);
        assertThatThrownBy(() -> new HistogramRow(5, 0, 1).panel(0)).isInstanceOf(KisoException.class).hasMessageContaining("index 0");
    }
}
