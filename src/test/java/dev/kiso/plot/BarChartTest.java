package dev.kiso.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiso.KisoException;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class BarChartTest {

    private static final Rectangle AREA = new Rectangle(0, 0, 800, 500);

    @Test
    void barsRiseFromZeroToTheirValue() {
        BarChart chart = new BarChart("a", "b", "c").yRange(0, 1.2).add("train", 0.5, 1.0, 0.25).add("test", 0.7, 0.3, 0.1);
        BufferedImage image = Charts.render(chart, 800, 500);
        PlotFrame f = chart.place(Pixels.graphics(), AREA).frame();
        assertThat(f.y.lo).isEqualTo(0.0);
        // category b's train bar: coloured up to 1.0, blank above its label
        double x = f.px(chart.barCentre(1, 0));
        assertThat(Pixels.distance(image, (int) x, (int) f.py(0.5), Palette.color(0))).isLessThan(5);
        assertThat(Pixels.distance(image, (int) x, (int) f.py(0.97), Palette.color(0))).isLessThan(5);
        assertThat(Pixels.near(image, x, f.py(1.15), 2, Palette.color(0), 60)).isFalse();
        // category b's test bar stops at 0.3
        double x2 = f.px(chart.barCentre(1, 1));
        assertThat(Pixels.distance(image, (int) x2, (int) f.py(0.2), Palette.color(1))).isLessThan(5);
        assertThat(Pixels.near(image, x2, f.py(0.5), 2, Palette.color(1), 60)).isFalse();
        // bars of one category sit side by side around the category's tick
        assertThat(chart.barCentre(1, 0)).isLessThan(1);
        assertThat(chart.barCentre(1, 1)).isGreaterThan(1);
        // legend with both swatches
        Rectangle box = chart.place(Pixels.graphics(), AREA).legendBox();
        assertThat(Pixels.count(image, box, Palette.color(0), 10)).isGreaterThan(20);
        assertThat(Pixels.count(image, box, Palette.color(1), 10)).isGreaterThan(20);
    }

    @Test
    void negativeValuesHangBelowZero() {
        BarChart chart = new BarChart("up", "down").add("", 1, -1);
        BufferedImage image = Charts.render(chart, 800, 500);
        PlotFrame f = chart.place(Pixels.graphics(), AREA).frame();
        assertThat(f.y.lo).isLessThan(-1);
        assertThat(Pixels.distance(image, (int) f.px(1), (int) f.py(-0.5), Palette.color(0))).isLessThan(5);
        assertThat(Pixels.near(image, f.px(1), f.py(0.5), 2, Palette.color(0), 60)).isFalse();
    }

    @Test
    void longCategoryNamesAreStaggeredInsteadOfOverlapping() {
        Rectangle area = new Rectangle(0, 0, 400, 300);
        BarChart shortNames = new BarChart("a", "b", "c", "d", "e", "f").add("", 1, 2, 3, 4, 5, 6);
        BarChart longNames = new BarChart("no regularisation", "L1 weight decay", "L2 weight decay",
                "ElasticNet", "Dropout 0.2", "Dropout + L1").add("", 1, 2, 3, 4, 5, 6);
        PlotFrame plain = shortNames.place(Pixels.graphics(), area).frame();
        PlotFrame staggered = longNames.place(Pixels.graphics(), area).frame();
        int line = Theme.height(Pixels.graphics(), Theme.forArea(area).tickFont);
        // one more line of labels under the plot
        assertThat(plain.plot.height - staggered.plot.height).isEqualTo(line);
        // the second line holds text under the 2nd category, not under the 1st
        BufferedImage image = Charts.render(longNames, 400, 300);
        int secondRow = staggered.plot.y + staggered.plot.height + line + Theme.forArea(area).size(8);
        assertThat(Pixels.count(image, new Rectangle((int) staggered.px(1) - 15, secondRow, 30, line / 2), Theme.TEXT, 100))
                .isGreaterThan(3);
        assertThat(Pixels.count(image, new Rectangle((int) staggered.px(0) - 5, secondRow, 10, line / 2), Theme.TEXT, 100))
                .isZero();
    }

    @Test
    void wrongNumberOfValuesIsRejected() {
        assertThatThrownBy(() -> new BarChart("a", "b").add("g", 1.0))
                .isInstanceOf(KisoException.class).hasMessageContaining("'g'").hasMessageContaining("need 2");
        assertThatThrownBy(() -> new BarChart()).isInstanceOf(KisoException.class);
    }
}
