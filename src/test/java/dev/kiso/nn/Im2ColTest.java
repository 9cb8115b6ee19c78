package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.nn.Im2Col.Window;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static dev.kiso.nn.ConvReference.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class Im2ColTest {

    /** Random geometries: non-square kernels, strides and paddings, sizes with inexact division. */
    private static final Window[] WINDOWS = {
        new Window(3, 3, 1, 1, 1, 1),
        new Window(3, 3, 2, 2, 1, 1),
        new Window(2, 3, 1, 2, 0, 1),
        new Window(5, 2, 3, 1, 2, 0),
        new Window(1, 1, 2, 2, 0, 0),
        new Window(4, 4, 3, 2, 3, 2),   // padding bigger than half the kernel: whole rows of padding
        new Window(5, 3, 1, 1, 2, 1),   // same-size output (stride 1, OW = W): one long run per tap
        new Window(3, 3, 1, 1, 4, 1),   // same width, more rows, whole rows of padding
        new Window(3, 3, 1, 1, 2, 2),   // stride 1, output wider than the image (W3's Conv 32 p2)
        new Window(3, 3, 1, 1, 0, 0),   // stride 1, valid: output narrower than the image
        new Window(2, 3, 1, 1, 0, 2),   // stride 1, even kernel height, wide output
        new Window(12, 3, 1, 1, 3, 2),  // stride 1, a tap whose every output row reads padding (7 rows)
        new Window(17, 11, 1, 1, 8, 5), // same size, kernel larger than the image: taps all padding
    };

    @Test
    void outputSizeFollowsTheFloorFormula() {
        assertThat(Im2Col.outputSize(6, 2, 1, 1)).isEqualTo(7);        // the course's quiz
        assertThat(Im2Col.outputSize(8, 3, 2, 1)).isEqualTo(4);        // (8 + 2 − 3)/2 = 3.5 → 3, + 1
        assertThat(Im2Col.outputSize(28, 5, 1, 0)).isEqualTo(24);
        assertThat(Im2Col.outputSize(2, 5, 1, 1)).isLessThan(1);       // no window fits
    }

    @Test
    void smallDrawnExampleFromTheDocs() {
        // x = 1 2 3 / 4 5 6 / 7 8 9, kernel 2×2, stride 1, no padding: four windows, one per column.
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        Tensor cols = Im2Col.im2col(x, 2, 1, 0);
        assertThat(cols.shape()).containsExactly(1, 4, 4);
        assertThat(cols.toArray()).containsExactly(
                1, 2, 4, 5,     // tap (u=0, v=0) of windows at (0,0) (0,1) (1,0) (1,1)
                2, 3, 5, 6,     // tap (0, 1)
                4, 5, 7, 8,     // tap (1, 0)
                5, 6, 8, 9);    // tap (1, 1)
    }

    @Test
    void im2colMatchesItsDefinitionEntryByEntry() {
        Random rng = new Random(1);
        for (Window win : WINDOWS) {
            Tensor x = random(rng, 2, 3, 7, 8);
            Tensor cols = Im2Col.im2col(x, win);
            int oh = win.outH(7);
            int ow = win.outW(8);
            assertThat(cols.shape()).containsExactly(2, 3 * win.kh() * win.kw(), oh * ow);
            for (int n = 0; n < 2; n++) {
                for (int c = 0; c < 3; c++) {
                    for (int u = 0; u < win.kh(); u++) {
                        for (int v = 0; v < win.kw(); v++) {
                            for (int i = 0; i < oh; i++) {
                                for (int j = 0; j < ow; j++) {
                                    int h = i * win.strideH() - win.padH() + u;
                                    int w = j * win.strideW() - win.padW() + v;
                                    float expected = h < 0 || w < 0 || h >= 7 || w >= 8 ? 0f : x.get(n, c, h, w);
                                    int row = (c * win.kh() + u) * win.kw() + v;
                                    assertThat(cols.get(n, row, i * ow + j)).as("%s n%d row%d col%d", win, n, row, i * ow + j)
                                            .isEqualTo(expected);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void col2imIsTheAdjointOfIm2col() {
        // <im2col(x), c> = <x, col2im(c)> for random x and c: col2im adds overlaps and drops padding.
        Random rng = new Random(2);
        for (Window win : WINDOWS) {
            int[] xShape = {2, 3, 9, 7};
            Tensor x = random(rng, xShape);
            Tensor cols = Im2Col.im2col(x, win);
            Tensor c = random(rng, cols.shape());
            Tensor back = Im2Col.col2im(c, xShape, win);
            assertThat(back.shape()).containsExactly(xShape);
            double lhs = dot(cols, c);
            double rhs = dot(x, back);
            assertThat(rhs).as(win.toString()).isCloseTo(lhs, within(1e-4 * (1 + Math.abs(lhs))));
        }
    }

    @Test
    void col2imOfScratchColumnsEqualsTheNaiveScatterBitForBit() {
        // A naive loop over taps, then output positions, adding each in-image entry onto its pixel:
        // the same order of additions per pixel as col2im, so the sums must agree exactly.
        Random rng = new Random(4);
        int c = 2;
        int h = 6;
        int w = 5;
        for (Window win : WINDOWS) {
            int oh = win.outH(h);
            int ow = win.outW(w);
            int rows = c * win.kh() * win.kw();
            float[] cols = random(rng, rows, oh * ow).toArray();
            float[] expected = new float[c * h * w];
            for (int ch = 0; ch < c; ch++) {
                for (int u = 0; u < win.kh(); u++) {
                    for (int v = 0; v < win.kw(); v++) {
                        int r = (ch * win.kh() + u) * win.kw() + v;
                        for (int i = 0; i < oh; i++) {
                            for (int j = 0; j < ow; j++) {
                                int y = i * win.strideH() - win.padH() + u;
                                int x = j * win.strideW() - win.padW() + v;
                                if (y >= 0 && y < h && x >= 0 && x < w) {
                                    expected[(ch * h + y) * w + x] += cols[r * oh * ow + i * ow + j];
                                }
                            }
                        }
                    }
                }
            }
            float[] plain = new float[3 + c * h * w];
            Im2Col.col2im(cols.clone(), 0, c, h, w, win, plain, 3);
            float[] scratch = new float[c * h * w];
            Im2Col.col2imScratch(cols.clone(), 0, c, h, w, win, scratch, 0);
            assertThat(Arrays.copyOfRange(plain, 3, plain.length)).as(win.toString()).containsExactly(expected);
            assertThat(scratch).as(win.toString()).containsExactly(expected);
        }
    }

    @Test
    void col2imCountsEachPixelOncePerWindowThatCoversIt() {
        // Folding columns of ones gives, at each pixel, the number of windows covering it.
        Window win = Window.square(3, 2, 1);
        Tensor ones = Tensor.ones(1, 9, 16);   // x [1, 1, 7, 7] → OH = OW = ⌊(7 + 2 − 3)/2⌋ + 1 = 4
        Tensor counts = Im2Col.col2im(ones, new int[] {1, 1, 7, 7}, win);
        // Along one axis, window starts −1, 1, 3, 5 cover rows [−1..1], [1..3], [3..5], [5..7]:
        int[] perAxis = {1, 2, 1, 2, 1, 2, 1};
        for (int h = 0; h < 7; h++) {
            for (int w = 0; w < 7; w++) {
                assertThat(counts.get(0, 0, h, w)).isEqualTo(perAxis[h] * perAxis[w]);
            }
        }
    }

    @Test
    void badShapesAreReportedClearly() {
        assertThatThrownBy(() -> Im2Col.im2col(Tensor.zeros(1, 1, 2, 2), 5, 1, 1))
                .isInstanceOf(KisoException.class).hasMessageContaining("im2col").hasMessageContaining("[1, 1, 2, 2]");
        assertThatThrownBy(() -> Im2Col.im2col(Tensor.zeros(4, 4), 1, 1, 0))
                .isInstanceOf(KisoException.class).hasMessageContaining("[N, C, H, W]");
        assertThatThrownBy(() -> Im2Col.col2im(Tensor.zeros(1, 8, 4), new int[] {1, 1, 3, 3}, Window.square(2, 1, 0)))
                .isInstanceOf(KisoException.class).hasMessageContaining("[1, 4, 4]").hasMessageContaining("[1, 8, 4]");
        assertThatThrownBy(() -> new Window(0, 3, 1, 1, 0, 0)).isInstanceOf(KisoException.class);
        assertThatThrownBy(() -> Window.square(3, 1, -1)).isInstanceOf(KisoException.class);
    }

    @Test
    void bufferVariantWritesAtAnOffsetAndOverwritesOldContents() {
        Random rng = new Random(3);
        Window win = Window.square(3, 1, 1);
        Tensor x = random(rng, 1, 2, 5, 5);
        float[] buffer = new float[7 + 2 * 9 * 25];
        Arrays.fill(buffer, 42f);   // stale contents must not leak into the padding entries
        Im2Col.im2col(x.data(), 0, 2, 5, 5, win, buffer, 7);
        float[] expected = Im2Col.im2col(x, win).toArray();
        assertThat(buffer[6]).isEqualTo(42f);
        assertThat(Arrays.copyOfRange(buffer, 7, buffer.length)).containsExactly(expected);
    }

    @Test
    void imagesSideBySideInOneWideMatrix() {
        // Two images into one [rows, 2·P] matrix (row stride ld = 2·P): image j in columns j·P ...
        Random rng = new Random(5);
        Window win = Window.square(3, 1, 1);
        Tensor x = random(rng, 2, 2, 4, 5);
        int rows = 2 * 9;
        int p = 4 * 5;
        float[] wide = new float[rows * 2 * p];
        Arrays.fill(wide, 42f);   // stale contents: every entry, padding included, must be overwritten
        for (int j = 0; j < 2; j++) {
            Im2Col.im2col(x.data(), j * 2 * 4 * 5, 2, 4, 5, win, wide, j * p, 2 * p);
        }
        Tensor separate = Im2Col.im2col(x, win);   // [2, rows, P]
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < 2; j++) {
                for (int q = 0; q < p; q++) {
                    assertThat(wide[r * 2 * p + j * p + q]).isEqualTo(separate.get(j, r, q));
                }
            }
        }
    }

    private static double dot(Tensor a, Tensor b) {
        float[] x = a.contiguous().toArray();
        float[] y = b.contiguous().toArray();
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (double) x[i] * y[i];
        }
        return s;
    }
}
