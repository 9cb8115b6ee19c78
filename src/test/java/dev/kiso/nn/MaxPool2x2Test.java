package dev.kiso.nn;

import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 2×2, stride-2 max-pooling loops (plain and Vector API, and {@link MaxPool2D} with them) against
 * a naive window scan written here, bit for bit: on odd sizes, rows narrower and wider than a
 * vector, ties, ±0, NaN and infinities.
 */
class MaxPool2x2Test {

    /** Plane sizes {h, w}: odd and even, rows of 1 to 21 windows (narrower and wider than 8 or 16 lanes). */
    private static final int[][] SIZES = {
        {2, 2}, {3, 5}, {4, 9}, {5, 16}, {6, 17}, {7, 18}, {8, 8}, {9, 31}, {10, 32}, {2, 33}, {12, 42}, {24, 24},
        {6, 6}, {14, 14}, {15, 7},   // rows narrower than a vector, gathered: 9, 49 and 21 windows
    };

    /** The naive reference: y, argmax and dx of 2×2 stride-2 max pooling, by scanning each window in row-major order. */
    private record Reference(float[] y, int[] argmax, float[] dx) {

        static Reference of(float[] x, int planes, int h, int w, float[] dout) {
            int oh = h / 2;
            int ow = w / 2;
            float[] y = new float[planes * oh * ow];
            int[] argmax = new int[y.length];
            float[] dx = new float[x.length];
            for (int p = 0; p < planes; p++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        int best = -1;
                        float max = 0;
                        for (int cell = 0; cell < 4; cell++) {
                            int index = (2 * i + cell / 2) * w + 2 * j + cell % 2;
                            float v = x[p * h * w + index];
                            // PyTorch's rule: a later cell wins only if strictly greater, or NaN (the first NaN sticks)
                            if (best < 0 || (!Float.isNaN(max) && (v > max || Float.isNaN(v)))) {
                                best = index;
                                max = v;
                            }
                        }
                        int out = (p * oh + i) * ow + j;
                        y[out] = max;
                        argmax[out] = best;
                        dx[p * h * w + best] = dout[out];
                    }
                }
            }
            return new Reference(y, argmax, dx);
        }
    }

    /** Values drawn from a small set so that windows often tie, with ±0, NaNs of two payloads and infinities. */
    private static float[] awkward(Random rng, int n) {
        float[] pool = {1f, -1f, 2f, 0f, -0f, Float.NaN, Float.intBitsToFloat(0xffc00001), Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, 0.5f};
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextInt(4) == 0 ? pool[rng.nextInt(pool.length)] : rng.nextInt(5) - 2f;
        }
        return x;
    }

    private static float[] gaussian(Random rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }

    private static void assertSameBits(String what, float[] got, float[] expected) {
        assertThat(got).hasSameSizeAs(expected);
        for (int i = 0; i < got.length; i++) {
            if (Float.floatToRawIntBits(got[i]) != Float.floatToRawIntBits(expected[i])) {
                throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + " (bits "
                        + Integer.toHexString(Float.floatToRawIntBits(expected[i])) + "), got " + got[i] + " (bits "
                        + Integer.toHexString(Float.floatToRawIntBits(got[i])) + ")");
            }
        }
    }

    /** Runs one kernel over all planes (with an offset into x and dout) and compares with the reference. */
    private static void check(MaxPool2x2 loops, float[] x, int planes, int h, int w, float[] dout, String what) {
        Reference ref = Reference.of(x, planes, h, w, dout);
        int x0 = 3;
        float[] shiftedX = new float[x0 + x.length];
        System.arraycopy(x, 0, shiftedX, x0, x.length);
        float[] shiftedDout = new float[x0 + dout.length];
        System.arraycopy(dout, 0, shiftedDout, x0, dout.length);

        float[] y = new float[ref.y().length];
        int[] argmax = new int[y.length];
        loops.forward(shiftedX, x0, h, w, y, argmax, 0, planes);
        assertSameBits(what + " y", y, ref.y());
        assertThat(argmax).as(what + " argmax").containsExactly(ref.argmax());

        float[] yEval = new float[y.length];
        loops.forward(shiftedX, x0, h, w, yEval, null, 0, planes);
        assertSameBits(what + " evaluation y", yEval, ref.y());

        float[] dx = new float[x.length];
        Arrays.fill(dx, 42f);   // every cell must be written, the ones outside all windows with 0
        loops.backward(shiftedDout, x0, argmax, dx, 0, h, w, 0, planes);
        assertSameBits(what + " dx", dx, ref.dx());
        // into a buffer at an offset, as a fused convolution's backward unpools one image's planes
        float[] shiftedDx = new float[x.length + 5];
        Arrays.fill(shiftedDx, 42f);
        loops.backward(shiftedDout, x0, argmax, shiftedDx, 5, h, w, 0, planes);
        assertSameBits(what + " dx at an offset", Arrays.copyOfRange(shiftedDx, 5, shiftedDx.length), ref.dx());
    }

    /** The plain loops, and the Vector API ones where the machine's vectors are wide enough. */
    private static MaxPool2x2[] allLoops() {
        MaxPool2x2 plain = new MaxPool2x2.Plain();
        return VectorMaxPool2x2.usable() ? new MaxPool2x2[] {plain, VectorMaxPool2x2.create()} : new MaxPool2x2[] {plain};
    }

    @Test
    void plainAndVectorLoopsMatchTheNaiveScanBitForBit() {
        Random rng = new Random(7);
        for (MaxPool2x2 loops : allLoops()) {
            for (int[] size : SIZES) {
                int h = size[0];
                int w = size[1];
                int planes = 3;
                String what = loops.getClass().getSimpleName() + " " + h + "x" + w;
                float[] dout = gaussian(rng, planes * (h / 2) * (w / 2));
                check(loops, awkward(rng, planes * h * w), planes, h, w, dout, what + " awkward");
                check(loops, gaussian(rng, planes * h * w), planes, h, w, dout, what + " gaussian");
            }
        }
    }

    @Test
    void tiesAndSpecialValuesFollowTheFirstMaximumRule() {
        // one window per case, cells a b / c d; expected winner in row-major order
        float nan = Float.NaN;
        float[][] windows = {
            {7, 7, 7, 7},            // all tie: a
            {1, 7, 7, 2},            // b and c tie: b
            {1, 2, 7, 7},            // c and d tie: c
            {-0f, 0f, 0f, -0f},      // zeros of both signs are equal: a, and y keeps its sign (-0)
            {0f, -0f, -0f, 0f},      // a (+0)
            {1, nan, 5, nan},        // the first NaN: b
            {nan, 9, 9, 9},          // a
            {1, 2, 3, nan},          // d
            {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY},
            {1, Float.POSITIVE_INFINITY, 3, Float.POSITIVE_INFINITY},
        };
        int[] winner = {0, 1, 2, 0, 0, 1, 0, 3, 0, 1};
        // lay the windows side by side in one 2 × 2·windows plane, repeated so that a vector row fills up
        int copies = 4;
        int ow = windows.length * copies;
        float[] x = new float[2 * 2 * ow];
        for (int j = 0; j < ow; j++) {
            float[] window = windows[j % windows.length];
            x[2 * j] = window[0];
            x[2 * j + 1] = window[1];
            x[2 * ow + 2 * j] = window[2];
            x[2 * ow + 2 * j + 1] = window[3];
        }
        for (MaxPool2x2 loops : allLoops()) {
            float[] y = new float[ow];
            int[] argmax = new int[ow];
            loops.forward(x, 0, 2, 2 * ow, y, argmax, 0, 1);
            for (int j = 0; j < ow; j++) {
                int k = winner[j % windows.length];
                assertThat(argmax[j]).as("%s window %d", loops.getClass().getSimpleName(), j)
                        .isEqualTo((k / 2) * 2 * ow + 2 * j + k % 2);
                assertThat(Float.floatToRawIntBits(y[j])).isEqualTo(Float.floatToRawIntBits(windows[j % windows.length][k]));
            }
        }
    }

    @Test
    void theLayerMatchesTheNaiveScanInTrainingAndEvaluation() throws InterruptedException {
        MaxPool2x2.awaitWarm();   // so that wide rows take the Vector API loops
        Random rng = new Random(8);
        for (int[] size : SIZES) {
            int h = size[0];
            int w = size[1];
            float[] xs = awkward(rng, 2 * 5 * h * w);
            Tensor x = Tensor.of(xs, 2, 5, h, w);
            float[] dout = gaussian(rng, 2 * 5 * (h / 2) * (w / 2));
            Reference ref = Reference.of(xs, 10, h, w, dout);
            MaxPool2D pool = new MaxPool2D(2);
            assertSameBits("evaluation y " + h + "x" + w, pool.forward(x, false).toArray(), ref.y());
            assertSameBits("training y " + h + "x" + w, pool.forward(x, true).toArray(), ref.y());
            assertThat(pool.argmaxIndices()).containsExactly(ref.argmax());
            assertSameBits("dx " + h + "x" + w, pool.backward(Tensor.of(dout, 2, 5, h / 2, w / 2)).toArray(), ref.dx());
        }
    }

    @Test
    void stridedInputAndGradientViewsGiveTheSameResult() {
        Random rng = new Random(9);
        Tensor big = Tensor.of(gaussian(rng, 2 * 3 * 20 * 18), 2, 3, 20, 18);
        Tensor x = big.permute(0, 1, 3, 2);   // [2, 3, 18, 20], not contiguous
        Tensor dout = Tensor.of(gaussian(rng, 2 * 3 * 10 * 9), 2, 3, 10, 9).permute(0, 1, 3, 2);
        Reference ref = Reference.of(x.contiguous().toArray(), 6, 18, 20, dout.contiguous().toArray());
        MaxPool2D pool = new MaxPool2D(2);
        assertSameBits("y", pool.forward(x, true).toArray(), ref.y());
        assertSameBits("dx", pool.backward(dout).toArray(), ref.dx());
    }
}
