// im2col unrolls every kh×kw window of an image into one column, so a convolution becomes one GEMM.
//
//   cols[(c·kh + u)·kw + v,  oh·OW + ow] = x[c, oh·sh − ph + u, ow·sw − pw + v]   (0 outside the image)
//
// Rows are ordered (c, u, v), exactly like W.reshape(F, C·kh·kw), so for each image
//   y_n [F, OH·OW] = W [F, C·kh·kw] · cols_n [C·kh·kw, OH·OW]         (already NCHW, no transpose).
// col2im is the adjoint (transpose) of im2col: it adds every column entry back onto the pixel it
// came from, so overlapping windows accumulate and padding entries are dropped:
//   <im2col(x), c> = <x, col2im(c)>   for every x and c.

package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.util.Arrays;

/**
 * The im2col and col2im transforms that turn a convolution into a matrix product, public so that
 * learners can call them directly and look at the matrices.
 *
 * <p>For one image {@code x [C, H, W]} and a sliding {@link Window} of {@code kh×kw} cells,
 * {@link #im2col(Tensor, Window)} builds a matrix with one <em>row</em> per filter tap
 * {@code (c, u, v)} and one <em>column</em> per output position {@code (oh, ow)}:
 * <pre>
 * cols[(c·kh + u)·kw + v, oh·OW + ow] = x[c, oh·sh − ph + u, ow·sw − pw + v]   (0 in the padding)
 * </pre>
 * The row order {@code (c, u, v)} matches the weight layout {@code W [F, C, kh, kw]} read as a
 * {@code [F, C·kh·kw]} matrix, so a convolution is {@code y_n = W · cols_n}, which lands directly in
 * NCHW order. This is the layout of PyTorch's {@code torch.nn.functional.unfold}; {@link #col2im}
 * is its adjoint, PyTorch's {@code fold}. See {@code docs/im2col.md} for a drawn example.
 *
 * <p>Two kinds of method: the {@link Tensor} ones allocate their result and check their arguments;
 * the buffer ones ({@link #im2col(float[], int, int, int, int, Window, float[], int)}) work on one
 * image and write into a caller's {@code float[]} at an offset, so a layer can reuse its buffers
 * from step to step.
 */
public final class Im2Col {

    private Im2Col() {
    }

    /**
     * The geometry of a sliding window: kernel size, stride and zero padding, each for height and
     * width. Shared by convolution and pooling.
     *
     * @param kh      kernel height
     * @param kw      kernel width
     * @param strideH step between windows down the rows
     * @param strideW step between windows along a row
     * @param padH    rows of padding added above and below
     * @param padW    columns of padding added left and right
     */
    public record Window(int kh, int kw, int strideH, int strideW, int padH, int padW) {

        /**
         * Checks the sizes.
         *
         * @throws KisoException if a kernel size or stride is below 1 or a padding is negative
         */
        public Window {
            check("Window", kh, kw, strideH, strideW, padH, padW);
        }

        /**
         * A window whose bad sizes are reported under the name of the layer being built.
         */
        static Window of(String op, int kh, int kw, int strideH, int strideW, int padH, int padW) {
            check(op, kh, kw, strideH, strideW, padH, padW);
            return new Window(kh, kw, strideH, strideW, padH, padW);
        }

        private static void check(String op, int kh, int kw, int strideH, int strideW, int padH, int padW) {
            if (kh < 1 || kw < 1 || strideH < 1 || strideW < 1 || padH < 0 || padW < 0) {
                throw new KisoException(op + ": kernel " + kh + "x" + kw + " and stride " + strideH + "x" + strideW
                        + " must be at least 1, padding " + padH + "x" + padW + " at least 0");
            }
        }

        /**
         * A square window.
         *
         * @param kernel  kernel height and width
         * @param stride  stride in both directions
         * @param padding padding on all four sides
         * @return the window
         */
        public static Window square(int kernel, int stride, int padding) {
            return new Window(kernel, kernel, stride, stride, padding, padding);
        }

        /**
         * Output height {@code ⌊(H + 2·padH − kh) / strideH⌋ + 1} (floor: a last window that would
         * stick out is dropped); zero or less means no window fits.
         *
         * @param h input height
         * @return output height
         */
        public int outH(int h) {
            return outputSize(h, kh, strideH, padH);
        }

        /**
         * Output width {@code ⌊(W + 2·padW − kw) / strideW⌋ + 1}.
         *
         * @param w input width
         * @return output width
         */
        public int outW(int w) {
            return outputSize(w, kw, strideW, padW);
        }

        /**
         * Checks that {@code x} is a batch of images {@code [N, C, H, W]} on which at least one
         * window fits, and returns the output shape.
         *
         * @param op     the layer or operation, for the message: its {@code toString()} is called
         *               only when the check fails (a layer passes itself, so a training step builds no
         *               description strings)
         * @param xShape the input shape
         * @return {@code [N, C, OH, OW]}
         * @throws KisoException if the input is not 4-D or the output would be empty
         */
        public int[] outputShape(Object op, int[] xShape) {
            if (xShape.length != 4) {
                throw new KisoException(op + ": expected input [N, C, H, W], found " + Arrays.toString(xShape));
            }
            int oh = outH(xShape[2]);
            int ow = outW(xShape[3]);
            if (oh < 1 || ow < 1) {
                throw new KisoException(op + ": input " + Arrays.toString(xShape) + " is too small for a "
                        + this + ": output would be " + oh + "x" + ow);
            }
            return new int[] {xShape[0], xShape[1], oh, ow};
        }

        /** @return the kernel size as {@code "3x3"} */
        String kernelText() {
            return kh + "x" + kw;
        }

        /** @return the stride as {@code "2"}, or {@code "2x1"} when it differs between height and width */
        String strideText() {
            return pairText(strideH, strideW);
        }

        /** @return the padding as {@code "1"}, or {@code "1x0"} when it differs between height and width */
        String paddingText() {
            return pairText(padH, padW);
        }

        private static String pairText(int h, int w) {
            return h == w ? Integer.toString(h) : h + "x" + w;
        }

        @Override
        public String toString() {
            return "window " + kernelText() + " stride " + strideText() + " padding " + paddingText();
        }
    }

    /**
     * The number of window positions along one axis: {@code ⌊(in + 2·padding − kernel) / stride⌋ + 1}.
     * The course's quiz: 6 pixels, kernel 2, stride 1, padding 1 gives 7.
     *
     * @param in      input size along the axis
     * @param kernel  kernel size along the axis
     * @param stride  stride along the axis
     * @param padding padding on each side
     * @return the output size; zero or negative when no window fits
     */
    public static int outputSize(int in, int kernel, int stride, int padding) {
        int span = in + 2 * padding - kernel;
        return span < 0 ? 0 : span / stride + 1;
    }

    // ------------------------------------------------------------------ Tensor API

    /**
     * Unrolls the windows of a square kernel, like {@code unfold(x, kernel, stride, padding)}.
     *
     * @param x       images {@code [N, C, H, W]}
     * @param kernel  kernel height and width
     * @param stride  stride in both directions
     * @param padding zero padding on all four sides
     * @return columns {@code [N, C·kernel·kernel, OH·OW]}
     */
    public static Tensor im2col(Tensor x, int kernel, int stride, int padding) {
        return im2col(x, Window.square(kernel, stride, padding));
    }

    /**
     * Unrolls the windows of each image into the columns of a matrix.
     *
     * <p>Shape: {@code x [N, C, H, W]} → {@code [N, C·kh·kw, OH·OW]}.
     *
     * @param x      images {@code [N, C, H, W]} (any strides)
     * @param window kernel, stride and padding
     * @return a new contiguous tensor of columns
     * @throws KisoException if {@code x} is not 4-D or no window fits
     */
    public static Tensor im2col(Tensor x, Window window) {
        int[] out = window.outputShape("im2col", x.shape());
        int n = out[0];
        int c = out[1];
        int h = x.shape(2);
        int w = x.shape(3);
        int rows = c * window.kh() * window.kw();
        int cols = out[2] * out[3];
        Tensor xc = x.contiguous();
        float[] result = new float[n * rows * cols];
        for (int i = 0; i < n; i++) {
            im2col(xc.data(), xc.offset() + i * c * h * w, c, h, w, window, result, i * rows * cols);
        }
        return Tensor.of(result, n, rows, cols);
    }

    /**
     * Folds columns back into images, adding up the entries of overlapping windows: the adjoint of
     * {@link #im2col(Tensor, Window)}, like PyTorch's {@code fold}. A convolution's backward pass
     * uses it to turn the column gradient into {@code dx}.
     *
     * <p>Shape: {@code cols [N, C·kh·kw, OH·OW]} → {@code [N, C, H, W]}.
     *
     * @param cols   columns {@code [N, C·kh·kw, OH·OW]}
     * @param xShape the image shape {@code [N, C, H, W]} the columns were unrolled from
     * @param window kernel, stride and padding
     * @return a new contiguous tensor {@code [N, C, H, W]}
     * @throws KisoException if the column shape does not match {@code xShape} and the window
     */
    public static Tensor col2im(Tensor cols, int[] xShape, Window window) {
        int[] out = window.outputShape("col2im", xShape);
        int n = xShape[0];
        int c = xShape[1];
        int h = xShape[2];
        int w = xShape[3];
        int rows = c * window.kh() * window.kw();
        int positions = out[2] * out[3];
        int[] expected = {n, rows, positions};
        if (!Arrays.equals(cols.shape(), expected)) {
            throw new KisoException("col2im: columns for images " + Arrays.toString(xShape) + " and a " + window
                    + " must have shape " + Arrays.toString(expected) + ", got " + Arrays.toString(cols.shape()));
        }
        Tensor cc = cols.contiguous();
        float[] x = new float[n * c * h * w];
        for (int i = 0; i < n; i++) {
            col2im(cc.data(), cc.offset() + i * rows * positions, c, h, w, window, x, i * c * h * w);
        }
        return Tensor.of(x, xShape);
    }

    // ------------------------------------------------------------------ buffer API (one image)

    /**
     * Unrolls one image into {@code C·kh·kw} rows of {@code OH·OW} values, written to
     * {@code cols[colsOffset ...]} (every entry is written, padding as 0). No checks: the caller
     * has validated the shapes.
     *
     * @param x          the image's array
     * @param xOffset    index of {@code x[c=0, h=0, w=0]}; the image is contiguous {@code [C, H, W]}
     * @param c          channels
     * @param h          height
     * @param w          width
     * @param window     kernel, stride and padding
     * @param cols       the destination, at least {@code colsOffset + C·kh·kw·OH·OW} long
     * @param colsOffset index of the first column entry
     */
    public static void im2col(float[] x, int xOffset, int c, int h, int w, Window window,
                              float[] cols, int colsOffset) {
        gather(x, xOffset, c, h, w, window, cols, colsOffset, window.outH(h) * window.outW(w));
    }

    /**
     * {@link #im2col(float[], int, int, int, int, Window, float[], int)} into a wider matrix: row
     * {@code r} of this image's columns starts at {@code colsOffset + r·ld}, so that several images
     * can sit side by side in one matrix of {@code ld ≥ OH·OW} columns.
     */
    static void im2col(float[] x, int xOffset, int c, int h, int w, Window window,
                       float[] cols, int colsOffset, int ld) {
        gather(x, xOffset, c, h, w, window, cols, colsOffset, ld);
    }

    /**
     * im2col of one image. Stride-1 windows whose output is not as wide as the image go by shifted
     * planes; the others run by run in {@link #walk}, where same-size windows take a shortcut of
     * their own (for those, shifted planes measured slower: W3's 3×3 same-size layers went from
     * 3.27 to 3.60 ms forward).
     */
    private static void gather(float[] x, int xOffset, int c, int h, int w, Window window,
                               float[] cols, int colsOffset, int ld) {
        if (window.strideH() == 1 && window.strideW() == 1 && window.outW(w) != w) {
            gatherByPlanes(x, xOffset, c, h, w, window, cols, colsOffset, ld);
        } else {
            walk(x, xOffset, c, h, w, window, cols, colsOffset, ld, Mode.GATHER);
        }
    }

    /** Per thread: the kw shifted planes of one channel for {@link #gatherByPlanes}. */
    private static final ThreadLocal<float[]> PLANES = ThreadLocal.withInitial(() -> new float[0]);

    /**
     * im2col for stride 1 in both directions. For kernel column {@code v}, plane {@code P_v} is the
     * channel shifted left by {@code v − pw}, as wide as the output and zero where it reads the
     * left or right padding: {@code P_v[r, j] = x[r, j − pw + v]}. Tap {@code (u, v)}'s row of
     * cols is then {@code P_v}'s rows {@code i − ph + u} one after the other, a single copy; only
     * the 0–2 output rows whose window row lies in the top or bottom padding are zeroes. This
     * makes {@code kw·H} short copies and {@code kh·kw} long ones per channel where run-by-run
     * makes {@code kh·kw·OH} short ones (W3's {@code Conv 32 p2}: 42 + 9 against 144).
     */
    private static void gatherByPlanes(float[] x, int xOffset, int c, int h, int w, Window window,
                                       float[] cols, int colsOffset, int ld) {
        int oh = window.outH(h);
        int ow = window.outW(w);
        int kh = window.kh();
        int kw = window.kw();
        int ph = window.padH();
        int pw = window.padW();
        int planeSize = h * ow;
        float[] planes = PLANES.get();
        if (planes.length < kw * planeSize) {
            planes = new float[kw * planeSize];
            PLANES.set(planes);
        }
        int row = colsOffset;
        for (int ch = 0; ch < c; ch++) {
            int channel = xOffset + ch * h * w;
            for (int v = 0; v < kw; v++) {
                int colLo = firstInside(v, pw, 1, ow);
                int colHi = endInside(v, pw, 1, w, ow, colLo);
                for (int r = 0; r < h; r++) {
                    gatherRun(x, channel + r * w + colLo - pw + v, 1, planes, v * planeSize + r * ow, colLo, colHi, ow);
                }
            }
            for (int u = 0; u < kh; u++) {
                int rowLo = firstInside(u, ph, 1, oh);
                int rowHi = endInside(u, ph, 1, h, oh, rowLo);
                for (int v = 0; v < kw; v++) {
                    zero(cols, row, row + rowLo * ow);
                    if (rowHi > rowLo) {   // else every output row reads padding, and P_v has no row for it
                        System.arraycopy(planes, v * planeSize + (rowLo - ph + u) * ow,
                                cols, row + rowLo * ow, (rowHi - rowLo) * ow);
                    }
                    zero(cols, row + rowHi * ow, row + oh * ow);
                    row += ld;
                }
            }
        }
    }

    /** cols[from..to) = 0: a plain loop, for the few entries of a padded output row or two. */
    private static void zero(float[] cols, int from, int to) {
        for (int i = from; i < to; i++) {
            cols[i] = 0f;
        }
    }

    /**
     * Folds {@code C·kh·kw} rows of {@code OH·OW} values back into one image {@code [C, H, W]},
     * which is <em>overwritten</em> with the sum of every column entry that was read from each
     * pixel (padding entries are dropped). No checks: the caller has validated the shapes.
     *
     * @param cols       the columns' array
     * @param colsOffset index of the first column entry
     * @param c          channels
     * @param h          height
     * @param w          width
     * @param window     kernel, stride and padding
     * @param x          the destination image's array
     * @param xOffset    index of {@code x[c=0, h=0, w=0]}; {@code C·H·W} values are overwritten
     */
    public static void col2im(float[] cols, int colsOffset, int c, int h, int w, Window window,
                              float[] x, int xOffset) {
        Arrays.fill(x, xOffset, xOffset + c * h * w, 0f);
        walk(x, xOffset, c, h, w, window, cols, colsOffset, window.outH(h) * window.outW(w), Mode.SCATTER);
    }

    /**
     * {@link #col2im(float[], int, int, int, int, Window, float[], int)} for columns in a scratch
     * buffer the caller no longer needs: it may zero the entries that read padding (which col2im
     * drops anyway) so that a same-size stride-1 window can be added back in one run per tap.
     * The result is the same, bit for bit.
     */
    static void col2imScratch(float[] cols, int colsOffset, int c, int h, int w, Window window,
                              float[] x, int xOffset) {
        Arrays.fill(x, xOffset, xOffset + c * h * w, 0f);
        walk(x, xOffset, c, h, w, window, cols, colsOffset, window.outH(h) * window.outW(w),
                Mode.SCATTER_CLOBBER);
    }

    /** What {@link #walk} does with each run: copy x into cols, or add cols back onto x. */
    private enum Mode {
        GATHER,
        SCATTER,
        /** SCATTER, and cols' padding entries may be overwritten with zeros. */
        SCATTER_CLOBBER
    }

    /**
     * Visits every (tap, output position) pair that reads inside the image, one run of output
     * columns at a time: im2col ({@code GATHER}) copies each run from x into its row of cols and
     * zeroes the entries that read padding; col2im adds each run back onto x. Both see exactly the
     * same pairs, which is why col2im is the adjoint of im2col.
     *
     * <p>Padding is handled by ranges, not per-element tests: for kernel row {@code u} only the
     * output rows {@code [rowLo, rowHi)} read inside the image, and likewise for columns.
     *
     * <p>Same-size windows (stride 1 and {@code OW = W}, as with a 3×3 kernel and padding 1) take a
     * shortcut: consecutive output rows then read consecutive image rows, so one tap's whole row of
     * cols is the image plane shifted by {@code (u − ph)·W + (v − pw)}, except for the 0–2 entries
     * per output row that read the left or right padding. One long copy (or add) per tap replaces
     * OH short ones; the padding entries are fixed up afterwards (im2col) or zeroed beforehand
     * (col2im on scratch columns). Each pixel still receives its contributions in tap order, so the
     * sums are the same as the run-by-run path's.
     */
    private static void walk(float[] x, int xOffset, int c, int h, int w, Window window,
                             float[] cols, int colsOffset, int ld, Mode mode) {
        int oh = window.outH(h);
        int ow = window.outW(w);
        int sh = window.strideH();
        int sw = window.strideW();
        boolean toCols = mode == Mode.GATHER;
        boolean planeShift = sh == 1 && sw == 1 && ow == w && mode != Mode.SCATTER;
        int row = colsOffset;   // start of row (ch, u, v) of cols: OH·OW entries, rows ld apart
        for (int ch = 0; ch < c; ch++) {
            for (int u = 0; u < window.kh(); u++) {
                int rowLo = firstInside(u, window.padH(), sh, oh);
                int rowHi = endInside(u, window.padH(), sh, h, oh, rowLo);
                for (int v = 0; v < window.kw(); v++) {
                    int colLo = firstInside(v, window.padW(), sw, ow);
                    int colHi = endInside(v, window.padW(), sw, w, ow, colLo);
                    if (toCols) {   // output rows whose window row u lies in the padding
                        zero(cols, row, row + rowLo * ow);
                        zero(cols, row + rowHi * ow, row + oh * ow);
                    }
                    if (planeShift && rowHi > rowLo && colHi > colLo) {
                        // cols[row + i·OW + j] ↔ x[ch, i − ph + u, j − pw + v] for the whole block
                        // of rows [rowLo, rowHi), from its first inside entry to its last.
                        int first = row + rowLo * ow + colLo;
                        int end = row + (rowHi - 1) * ow + colHi;
                        int xAt = xOffset + (ch * h + rowLo - window.padH() + u) * w + colLo - window.padW() + v;
                        if (toCols) {
                            System.arraycopy(x, xAt, cols, first, end - first);
                            zeroPadding(cols, row, rowLo, rowHi, colLo, colHi, ow);
                        } else {
                            zeroPadding(cols, row, rowLo, rowHi, colLo, colHi, ow);
                            addRun(cols, first, x, xAt, end - first);
                        }
                    } else {
                        for (int i = rowLo; i < rowHi; i++) {
                            int colsAt = row + i * ow;
                            // x[ch, i·sh − ph + u, colLo·sw − pw + v]: the first pixel this run reads
                            int xAt = xOffset + (ch * h + i * sh - window.padH() + u) * w
                                    + colLo * sw - window.padW() + v;
                            if (toCols) {
                                gatherRun(x, xAt, sw, cols, colsAt, colLo, colHi, ow);
                            } else {
                                scatterRun(cols, colsAt, colLo, colHi, x, xAt, sw);
                            }
                        }
                    }
                    row += ld;
                }
            }
        }
    }

    /**
     * Zeroes the entries {@code j < lo} and {@code j >= hi} of output rows {@code [rowLo, rowHi)}:
     * column by column, each a loop over entries {@code ow} apart. These are 0 to 2 columns (a
     * 3×3 kernel's left and right taps); a loop over the rows that looked at both ends of each
     * took a tenth of W3's training step.
     */
    private static void zeroPadding(float[] cols, int row, int rowLo, int rowHi, int lo, int hi, int ow) {
        int first = row + rowLo * ow;
        int end = row + rowHi * ow;
        for (int j = 0; j < lo; j++) {
            for (int at = first + j; at < end; at += ow) {
                cols[at] = 0f;
            }
        }
        for (int j = hi; j < ow; j++) {
            for (int at = first + j; at < end; at += ow) {
                cols[at] = 0f;
            }
        }
    }

    /** cols[at + j] = x[xAt + (j − lo)·sw] for j in [lo, hi), and 0 for the other j in [0, ow). */
    private static void gatherRun(float[] x, int xAt, int sw, float[] cols, int at, int lo, int hi, int ow) {
        // The padded ends are 0 to 2 entries: plain loops, since calling Arrays.fill that often
        // took a quarter of W3's training step.
        for (int j = 0; j < lo; j++) {
            cols[at + j] = 0f;
        }
        if (sw == 1) {
            System.arraycopy(x, xAt, cols, at + lo, hi - lo);
        } else {
            for (int j = lo; j < hi; j++, xAt += sw) {
                cols[at + j] = x[xAt];
            }
        }
        for (int j = hi; j < ow; j++) {
            cols[at + j] = 0f;
        }
    }

    /** x[xAt + (j − lo)·sw] += cols[at + j] for j in [lo, hi). */
    private static void scatterRun(float[] cols, int at, int lo, int hi, float[] x, int xAt, int sw) {
        if (sw == 1) {
            addRun(cols, at + lo, x, xAt, hi - lo);
        } else {
            for (int j = lo; j < hi; j++, xAt += sw) {
                x[xAt] += cols[at + j];
            }
        }
    }

    /**
     * {@code x[xAt + j] += cols[src + j]} for j in [0, len): the plain counted loop the JIT turns
     * into SIMD adds (measured ~1.7x faster than stepping the destination index).
     */
    private static void addRun(float[] cols, int src, float[] x, int xAt, int len) {
        for (int j = 0; j < len; j++) {
            x[xAt + j] += cols[src + j];
        }
    }

    /**
     * The first output index {@code o} whose tap {@code k} reads inside the input, that is
     * {@code o·stride − pad + k ≥ 0}.
     */
    private static int firstInside(int k, int pad, int stride, int out) {
        int need = pad - k;
        return need <= 0 ? 0 : Math.min(out, (need + stride - 1) / stride);
    }

    /**
     * One past the last output index {@code o} whose tap {@code k} reads inside the input, that is
     * {@code o·stride − pad + k ≤ in − 1}; never below {@code lo}.
     */
    private static int endInside(int k, int pad, int stride, int in, int out, int lo) {
        int room = in - 1 + pad - k;
        int end = room < 0 ? 0 : Math.min(out, room / stride + 1);
        return Math.max(lo, end);
    }
}
