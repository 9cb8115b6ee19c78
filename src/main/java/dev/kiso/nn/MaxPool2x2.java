// MaxPool2x2: the loops of max pooling with 2×2 windows and stride 2 (W2, W3), whose windows tile
// the image without overlap. Each window is four cells a b / c d; it is reduced in a fixed order that
// gives the first maximum in row-major order (PyTorch's tie rule), and the first NaN if there is one:
//
//   top = b if b takes over from a, else a;   bottom = d if d takes over from c, else c
//   y   = bottom if bottom takes over from top, else top
//   "q takes over from p" = q > p, or q is NaN and p is not
//
// A training forward also writes argmax, the index h·W + w of the winning cell in its plane, which
// backward reads to put dout there and 0 in the other three cells: neither pass reads x again.

package dev.kiso.nn;

/**
 * The 2×2, stride-2 max-pooling loops {@link MaxPool2D} uses: a plain-Java loop, or the Vector API
 * one ({@link VectorMaxPool2x2}) when the JVM offers {@code jdk.incubator.vector} and it is warm
 * (see {@link #startWarmup()} and {@link MaxPoolWarmup}). Both give the same bits as
 * {@link MaxPool2D}'s general window loop. The system property {@code kiso.pool=plain} forces the
 * plain loops (for comparisons).
 */
abstract class MaxPool2x2 {
    static final MaxPool2x2 PLAIN = new Plain();
    /** Whether to warm up and use the Vector API loops: the JVM has them and they are not turned off. */
    private static final boolean WANT_VECTOR = !System.getProperty("kiso.pool", "").trim().equals("plain")
            && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static volatile MaxPool2x2 vector;   // the Vector API loops once warm, else null

    /**
     * The loops to use now: the Vector API ones if they are warm, else the plain ones.
     */
    static MaxPool2x2 loops() {
        MaxPool2x2 fast = vector;
        return fast != null ? fast : PLAIN;
    }

    /**
     * Waits until {@link #loops} hands out the Vector API loops (at once if there are none), for
     * tests that must run them.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    static void awaitWarm() throws InterruptedException {
        startWarmup();
        MaxPoolWarmup.await();
    }

    /**
     * Starts warming up the Vector API loops on a background thread, if there are any and this was
     * not done yet; {@link #loops} hands them out once they are warm. Returns at once.
     */
    static void startWarmup() {
        if (WANT_VECTOR && vector == null) {
            MaxPoolWarmup.start(loops -> vector = loops);
        }
    }

    /**
     * How many windows the loops pool at once.
     *
     * @return 1 for the plain loops, the number of vector lanes for the Vector API ones
     */
    abstract int lanes();

    /**
     * Pools planes {@code [first, last)} of {@code x [planes, h, w]} into {@code y [planes, h/2, w/2]}
     * (a last odd row or column belongs to no window and is skipped).
     *
     * @param argmax where to write each window's index {@code h·W + w} in its plane, or {@code null}
     *               in evaluation mode
     */
    abstract void forward(float[] x, int x0, int h, int w, float[] y, int[] argmax, int first, int last);

    /**
     * Fills planes {@code [first, last)} of {@code dx [planes, h, w]} (plane p at
     * {@code dx0 + p·h·w}): {@code dout} at each window's argmax, 0 elsewhere, including a last odd
     * row or column.
     */
    abstract void backward(float[] dout, int d0, int[] argmax, float[] dx, int dx0, int h, int w, int first, int last);

    /** All ones when {@code q} takes over from {@code p} as the maximum (see the file comment), else 0. */
    static int takesOver(float p, float q) {
        return !(q <= p) & p == p ? -1 : 0;   // the same, in two comparisons
    }

    /** {@code p} where {@code mask} is 0, {@code q} where it is all ones. */
    static int select(int p, int q, int mask) {
        return p ^ ((p ^ q) & mask);
    }

    /** The plain-Java loops: one window at a time, choosing with masks rather than {@code if}s on the data. */
    static final class Plain extends MaxPool2x2 {

        @Override
        int lanes() {
            return 1;
        }

        @Override
        void forward(float[] x, int x0, int h, int w, float[] y, int[] argmax, int first, int last) {
            for (int plane = first; plane < last; plane++) {
                forwardPlane(x, x0, h, w, y, argmax, plane);
            }
        }

        /**
         * One plane. A method of its own so that the JIT compiles it after a hundred or so planes
         * (its call count) instead of after 60,000 windows (the loop's back-edge count): the first
         * training step runs these loops before any warm-up has compiled them.
         */
        private static void forwardPlane(float[] x, int x0, int h, int w, float[] y, int[] argmax, int plane) {
            int oh = h / 2;
            int ow = w / 2;
            for (int i = 0; i < oh; i++) {
                int top = x0 + plane * h * w + 2 * i * w;   // x[n, c, 2i, 0]
                int out = (plane * oh + i) * ow;
                for (int j = 0; j < ow; j++) {
                    int at = top + 2 * j;
                    float a = x[at];
                    float b = x[at + 1];
                    float c = x[at + w];
                    float d = x[at + w + 1];
                    int right = takesOver(a, b);
                    int bottomRight = takesOver(c, d);
                    int upper = select(Float.floatToRawIntBits(a), Float.floatToRawIntBits(b), right);
                    int below = select(Float.floatToRawIntBits(c), Float.floatToRawIntBits(d), bottomRight);
                    int lower = takesOver(Float.intBitsToFloat(upper), Float.intBitsToFloat(below));
                    y[out + j] = Float.intBitsToFloat(select(upper, below, lower));
                    if (argmax != null) {
                        argmax[out + j] = 2 * i * w + 2 * j + select(right & 1, w + (bottomRight & 1), lower);
                    }
                }
            }
        }

        @Override
        void backward(float[] dout, int d0, int[] argmax, float[] dx, int dx0, int h, int w, int first, int last) {
            int windows = (h / 2) * (w / 2);
            for (int plane = first; plane < last; plane++) {
                int xPlane = dx0 + plane * h * w;
                java.util.Arrays.fill(dx, xPlane, xPlane + h * w, 0f);
                for (int out = plane * windows; out < (plane + 1) * windows; out++) {
                    dx[xPlane + argmax[out]] = dout[d0 + out];
                }
            }
        }
    }
}
