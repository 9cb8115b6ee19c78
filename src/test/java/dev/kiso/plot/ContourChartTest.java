package dev.kiso.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kiso.KisoException;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContourChartTest {

    private static final Rectangle AREA = new Rectangle(0, 0, 800, 500);

    private static List<double[]> points(Path2D path) {
        List<double[]> pts = new ArrayList<>();
        double[] c = new double[6];
        for (PathIterator it = path.getPathIterator(null); !it.isDone(); it.next()) {
            it.currentSegment(c);
            pts.add(new double[] {c[0], c[1]});
        }
        return pts;
    }

    @Test
    void marchingSquaresFindsTheCircle() {
        // z = x² + y² sampled on a 41x41 grid of step 1 centred on (20, 20); level 100 is the circle r = 10
        int n = 41;
        double[] z = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                z[j * n + i] = (i - 20) * (i - 20) + (j - 20) * (j - 20);
            }
        }
        List<double[]> pts = points(Contours.lines(z, n, n, 0, 0, 1, 100));
        assertThat(pts.size()).isGreaterThan(60);
        for (double[] p : pts) {
            // linear interpolation of a quadratic: off by at most a fraction of a cell
            assertThat(Math.hypot(p[0] - 20, p[1] - 20)).isCloseTo(10, within(0.1));
        }
    }

    @Test
    void marchingSquaresOnALinearFunctionIsExact() {
        // z = x: the level 2.25 is the vertical line x = 2.25
        int nx = 6;
        int ny = 4;
        double[] z = new double[nx * ny];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                z[j * nx + i] = i;
            }
        }
        List<double[]> pts = points(Contours.lines(z, nx, ny, 10, 20, 2, 2.25));
        assertThat(pts).hasSize(2 * (ny - 1));
        for (double[] p : pts) {
            assertThat(p[0]).isCloseTo(10 + 2 * 2.25, within(1e-12));
        }
    }

    @Test
    void saddleIsDecidedByTheCentre() {
        // corners a=1 b=0 / d=0 c=1 (a, c high); level 0.4: centre 0.5 above, so the high diagonal
        // joins and the low corners b and d are cut off: segments near top-right and bottom-left
        double[] z = {1, 0, 0, 1};
        List<double[]> pts = points(Contours.lines(z, 2, 2, 0, 0, 1, 0.4));
        assertThat(pts).hasSize(4);
        for (double[] p : pts) {
            boolean nearB = p[0] >= 0.5 && p[1] <= 0.5;
            boolean nearD = p[0] <= 0.5 && p[1] >= 0.5;
            assertThat(nearB || nearD).isTrue();
        }
        // level 0.6: centre below, the high corners are islands: segments near a and c
        for (double[] p : points(Contours.lines(z, 2, 2, 0, 0, 1, 0.6))) {
            boolean nearA = p[0] <= 0.5 && p[1] <= 0.5;
            boolean nearC = p[0] >= 0.5 && p[1] >= 0.5;
            assertThat(nearA || nearC).isTrue();
        }
    }

    @Test
    void contourLinePassesThroughPointsOfTheLevel() {
        ContourChart chart = new ContourChart((x, y) -> x * x / 20 + y * y).levels(1).xRange(-10, 10).yRange(-10, 10);
        BufferedImage image = Charts.render(chart, 800, 500);
        PlotFrame f = chart.place(Pixels.graphics(), AREA).frame();
        Color level = ColorMap.viridis(0);
        // f = 1 at (0, ±1), (±sqrt 20, 0) and (sqrt 10, sqrt 0.5)
        assertThat(Pixels.near(image, f.px(0), f.py(1), 1, level, 90)).isTrue();
        assertThat(Pixels.near(image, f.px(0), f.py(-1), 1, level, 90)).isTrue();
        assertThat(Pixels.near(image, f.px(Math.sqrt(20)), f.py(0), 1, level, 90)).isTrue();
        assertThat(Pixels.near(image, f.px(Math.sqrt(10)), f.py(Math.sqrt(0.5)), 1, level, 90)).isTrue();
        // inside and outside the ellipse: no line
        assertThat(Pixels.near(image, f.px(2), f.py(0.4), 2, level, 90)).isFalse();
        assertThat(Pixels.near(image, f.px(7), f.py(3), 2, level, 90)).isFalse();
    }

    @Test
    void filledBandsAndPathsAreDrawn() {
        ContourChart chart = new ContourChart((x, y) -> x * x / 20 + y * y).levels(1, 4).filled(true)
                .xRange(-10, 10).yRange(-5, 5)
                .add(Series.of("path", new double[] {-7, -3}, new double[] {2, 2}).color(Color.RED).marker(Marker.CIRCLE));
        BufferedImage image = Charts.render(chart, 800, 500);
        PlotFrame f = chart.place(Pixels.graphics(), AREA).frame();
        assertThat(Pixels.distance(image, (int) f.px(1.3), (int) f.py(0.3), ColorMap.light(0, 0.6))).isLessThan(4); // f < 1
        assertThat(Pixels.distance(image, (int) f.px(5.1), (int) f.py(-1.1), ColorMap.light(0.5, 0.6))).isLessThan(4); // 1 <= f < 4
        assertThat(Pixels.distance(image, (int) f.px(8.3), (int) f.py(-4.1), ColorMap.light(1, 0.6))).isLessThan(4); // f >= 4
        assertThat(Pixels.near(image, f.px(-5), f.py(2), 1, Color.RED, 40)).isTrue();
        assertThat(Pixels.near(image, f.px(-7), f.py(2), 1, Color.RED, 40)).isTrue();
        // the legend names the path and sits where the path is not
        AxesChart.Placement p = chart.place(Pixels.graphics(), AREA);
        assertThat(p.legendBox()).isNotNull();
        assertThat(p.legendBox().contains(f.px(-5), f.py(2))).isFalse();
    }

    @Test
    void nonFiniteValuesLeaveHolesAndLevelsAreChecked() {
        ContourChart chart = new ContourChart((x, y) -> x > 0 ? Double.NaN : x * x + y * y).xRange(-1, 1).yRange(-1, 1).filled(true);
        assertThat(Charts.render(chart, 400, 300).getWidth()).isEqualTo(400);
        assertThatThrownBy(() -> chart.levels()).isInstanceOf(KisoException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> chart.levels(1, Double.NaN)).isInstanceOf(KisoException.class).hasMessageContaining("finite");
    }
}
