// Conv2D: F filters slide over a batch of images (cross-correlation: no kernel flip), via im2col.
//
// forward:  cols_n = im2col(x_n)                  [C·kh·kw, OH·OW]
//           y_n    = W · cols_n + b                [F, OH·OW]   (W read as a [F, C·kh·kw] matrix)
// backward: dW     = Σ_n dout_n · cols_nᵀ          [F, C·kh·kw]   (computed as Σ_n (cols_n · dout_nᵀ), then transposed)
//           db     = Σ_n Σ_(oh,ow) dout_n          [F]   (computed with dW: a row of ones appended to cols_n)
//           dx_n   = col2im(Wᵀ · dout_n)           [C, H, W]
// For stride 1 and padding p ≤ k − 1 (W3's layers) dx_n is computed as the convolution it equals,
//           dx_n   = Wflip · im2col(dout_n, padding k − 1 − p)   [C, H·W]
// with Wflip [C, F·kh·kw] = W with filters and channels swapped and each kernel turned 180°:
// a gather of dout and one GEMM instead of a GEMM and col2im's scatter-add (which the JIT leaves scalar).
// with OH = ⌊(H + 2·ph − kh)/sh⌋ + 1 and OW = ⌊(W + 2·pw − kw)/sw⌋ + 1.
// W (and Wflip or Wᵀ) is the A of every image's product: packed for the GEMM kernel once per batch (PackedA).
// Followed by 2×2 max pooling (ConvPool), forward pools each y_n in the thread's buffer and backward
// unpools each dout_n there (forwardPooled, backwardPooled): neither y nor its gradient goes to memory.

package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.nn.Im2Col.Window;
import dev.kiso.nn.init.HeNormal;
import dev.kiso.nn.init.Initializer;
import dev.kiso.tensor.Tensor;
import dev.kiso.tensor.kernel.Gemm;
import dev.kiso.tensor.kernel.PackedA;
import dev.kiso.tensor.kernel.Parallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A 2-D convolution layer: {@code F} filters of {@code C×kh×kw} weights slide over each image, with
 * a stride and zero padding, and each output is the window's dot product with the filter plus the
 * filter's bias. Like PyTorch's {@code nn.Conv2d} (cross-correlation, floor output size).
 *
 * <p>Shape: {@code x [N, C, H, W]} → {@code y [N, F, OH, OW]} with
 * {@code OH = ⌊(H + 2·padH − kh)/strideH⌋ + 1}, {@code OW = ⌊(W + 2·padW − kw)/strideW⌋ + 1}.
 * Weight {@code [F, C, kh, kw]} named {@code weight}; bias {@code [F]} named {@code bias}.
 *
 * <p>Defaults: stride 1, padding 0, with bias; weights He-normal ({@code std = √(2/fanIn)},
 * {@code fanIn = C·kh·kw}), bias zeros. The weights are drawn from seed
 * {@value Sequential#DEFAULT_SEED} when they are first needed (read, or used by a forward pass),
 * unless {@link #initialize} came first, as it does in a {@link Sequential}, which draws them from
 * its own seed.
 *
 * <p>Threads: the images of a batch are split over Kiso's worker pool ({@code kiso.threads}); the
 * weight and bias gradients are summed in a fixed order, so results are bit-identical whatever the
 * number of threads.
 *
 * <p>Buffers: a training-mode forward and backward reuse one column buffer per thread (one image's
 * worth, or a few small images' side by side so that each GEMM is at least 256 columns wide), the output and {@code dx} across steps of the same shape, so what they return stays valid until the
 * next training forward (or backward). The filters are packed for the GEMM kernel once per call
 * ({@link PackedA}), not once per image: a training layer keeps two weight-sized packed copies
 * (forward, and Wflip or Wᵀ for backward), an evaluation forward packs into its workspace (or, without
 * one, into a new array). An evaluation-mode forward allocates its own column buffer
 * and output on each call instead (or takes them from the {@link InferenceWorkspace} given to
 * {@link #infer}), so it mutates nothing (apart from the default weights of a fresh layer used
 * alone, drawn once, under a lock) and one model can serve many threads at once.
 *
 * <pre>{@code
 * Conv2D conv = new Conv2D(1, 30, 5);                                // W2: 30 filters 5x5
 * Conv2D down = Conv2D.builder(16, 32, 3).stride(2).padding(1).bias(false).build();
 * }</pre>
 */
public final class Conv2D implements Layer {
    /** Backward sums dW and db in at most this many fixed groups of images (see {@link #backward}). */
    private static final int GROUPS = 16;
    /**
     * Forward GEMMs are at least this many columns wide: images with fewer output positions are
     * multiplied several at a time (measured on W3's 8×8 layers: 1.2–1.4x faster than one by one).
     */
    private static final int MIN_GEMM_COLUMNS = 256;
    /** Smallest share of the dW reduction worth a thread. */
    private static final int REDUCE_GRAIN = 4096;

    private final int inChannels;
    private final int outChannels;
    private final Window window;
    private final Initializer initializer;
    private final Parameter weight;
    private final Parameter bias;
    private final DefaultWeights defaults = new DefaultWeights();
    /** dout's window for the stride-1 dx path (padding k − 1 − p); null where col2im is used. */
    private final Window doutWindow;

    private Tensor x;        // training-mode input, contiguous; null until a training forward
    private Tensor y;        // training-mode output buffer, reused while the shape stays the same
    private Tensor dx;       // input-gradient buffer, likewise
    private float[][] cols;  // per thread (slot of Parallel.forTasks): one image's columns, reused across steps
    private float[][] dcols; // per thread: one image's column gradient, reused across steps
    private float[][] dys;   // per thread: one image's output gradient, unpooled (backwardPooled)
    private float[][] yGroups; // per thread: the forward output of a group of small images [F, g·OH·OW]
    private float[] dWParts; // per group of images: its share of dW and db, transposed [taps (+1), F]
    private int[] backwardTasks; // backward's tasks in the order they are handed out (backwardTaskOrder)
    private float[] wFlip;    // Wflip [C, F·kh·kw] for the stride-1 dx path, refilled by each backward
    private final PackedA packedWeight = new PackedA();  // W packed for the GEMM kernel by each training forward
    private final PackedA packedDxWeight = new PackedA(); // Wflip (or Wᵀ) packed by each backward that computes dx

    /**
     * A convolution with a square kernel, stride 1, no padding, a bias and He-normal weights.
     *
     * @param inChannels  input channels {@code C}
     * @param outChannels filters {@code F}
     * @param kernelSize  kernel height and width
     */
    public Conv2D(int inChannels, int outChannels, int kernelSize) {
        this(builder(inChannels, outChannels, kernelSize));
    }

    /**
     * A convolution with a square kernel and the same stride and padding in both directions.
     *
     * @param inChannels  input channels {@code C}
     * @param outChannels filters {@code F}
     * @param kernelSize  kernel height and width
     * @param stride      stride in both directions
     * @param padding     zero padding on all four sides
     */
    public Conv2D(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(builder(inChannels, outChannels, kernelSize).stride(stride).padding(padding));
    }

    private Conv2D(Builder b) {
        if (b.inChannels < 1 || b.outChannels < 1) {
            throw new KisoException("Conv2D: inChannels " + b.inChannels + " and outChannels " + b.outChannels
                    + " must be at least 1");
        }
        this.inChannels = b.inChannels;
        this.outChannels = b.outChannels;
        this.window = Window.of("Conv2D", b.kh, b.kw, b.strideH, b.strideW, b.padH, b.padW);
        this.initializer = b.initializer;
        this.weight = new Parameter("weight", Tensor.zeros(outChannels, inChannels, b.kh, b.kw), true);
        this.bias = b.bias ? new Parameter("bias", Tensor.zeros(outChannels), false) : null;
        boolean transposable = b.strideH == 1 && b.strideW == 1 && b.padH <= b.kh - 1 && b.padW <= b.kw - 1;
        this.doutWindow = transposable
                ? new Window(b.kh, b.kw, 1, 1, b.kh - 1 - b.padH, b.kw - 1 - b.padW) : null;
    }

    /**
     * Starts a builder for non-square kernels, separate strides and paddings, no bias or another
     * initializer.
     *
     * @param inChannels  input channels {@code C}
     * @param outChannels filters {@code F}
     * @param kernelSize  kernel height and width (change with {@link Builder#kernel(int, int)})
     * @return the builder
     */
    public static Builder builder(int inChannels, int outChannels, int kernelSize) {
        return new Builder(inChannels, outChannels, kernelSize);
    }

    /** @return the weight {@code [F, C, kh, kw]} */
    public Parameter weight() {
        defaults.ensure(this);
        return weight;
    }

    /** @return the bias {@code [F]}, or {@code null} for a layer built with {@code bias(false)} */
    public Parameter bias() {
        defaults.ensure(this);
        return bias;
    }

    /** @return the kernel size, stride and padding */
    public Window window() {
        return window;
    }

    @Override
    public void initialize(Random rng) {
        int taps = window.kh() * window.kw();
        defaults.draw(() -> {
            initializer.fill(weight.value(), inChannels * taps, outChannels * taps, rng);
            if (bias != null) {
                Arrays.fill(bias.value().data(), bias.value().offset(), bias.value().offset() + outChannels, 0f);
            }
        });
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        return forward(x, training, null);
    }

    /** Evaluation mode with the output and the column buffers in {@code workspace}. */
    @Override
    public Tensor infer(Tensor x, InferenceWorkspace workspace) {
        return forward(x, false, workspace);
    }

    private Tensor forward(Tensor x, boolean training, InferenceWorkspace workspace) {
        return forward(x, training, workspace, null);
    }

    /**
     * {@code pool.forward(forward(x))} without the convolution's output ever going to memory: each
     * group of images is pooled as soon as its product is done, from the thread's own buffer,
     * while it is still in cache ({@link ConvPool}, W2's and W3's convolutions). The convolution's
     * own output buffer is not written. The same bits as the two calls.
     *
     * @param pool 2×2 max pooling with stride 2
     * @return the pooled output, as {@code pool.forward} (or {@code pool.infer}) returns it
     */
    Tensor forwardPooled(Tensor x, boolean training, InferenceWorkspace workspace, MaxPool2D pool) {
        return forward(x, training, workspace, pool);
    }

    private Tensor forward(Tensor x, boolean training, InferenceWorkspace workspace, MaxPool2D pool) {
        int[] yShape = outputShape(x);
        defaults.ensure(this);
        int n = yShape[0];
        int h = x.shape(2);
        int w = x.shape(3);
        int positions = yShape[2] * yShape[3];
        int taps = inChannels * window.kh() * window.kw();
        int image = inChannels * h * w;
        Tensor xc = x.contiguous();
        Tensor out = pool != null ? pool.begin(yShape, training, workspace, xc)
                : training ? (this.y = Buffers.reuse(this.y, yShape, xc))
                : Buffers.evaluation(workspace, yShape, xc);
        // Small images (W3's 8×8 layers) go several to a GEMM, side by side in one column buffer, so
        // that the product is at least MIN_GEMM_COLUMNS wide and W is packed once per group.
        int group = Math.max(1, Math.min(n, (MIN_GEMM_COLUMNS + positions - 1) / positions));
        int slots = Parallel.threads();
        int colsSize = taps * positions * group;
        float[][] scratch = training ? (cols = Parallel.threadBuffers(cols, colsSize))
                : evaluationScratch(workspace, 0, slots, colsSize);
        // A group's product goes to the thread's buffer [F, g·OH·OW] when there is more than one image
        // (it is copied out) or when it is pooled; a single unpooled image goes straight into y.
        boolean direct = group == 1 && pool == null;
        int groupOutSize = direct ? 0 : outChannels * positions * group;
        float[][] groupOut = training ? (yGroups = Parallel.threadBuffers(yGroups, groupOutSize))
                : evaluationScratch(workspace, 1, slots, groupOutSize);
        float[] y = pool == null ? out.data() : null;   // the convolution's own output, unless pooled at once
        // W [F, taps] is the A of every group's product: packed once here, not once per product.
        PackedA packedW = training ? packedWeight
                : workspace != null
                ? new PackedA(workspace.scratch(packedFiltersSlot(slots), PackedA.size(outChannels, taps)))
                : new PackedA();
        packedW.pack(false, outChannels, taps, weight.value().data(), weight.value().offset(), taps);
        // Images are independent: each task unrolls its group of images into its thread's buffer.
        // Each thread takes the groups of its own share of the batch (Parallel.forTasks), the same
        // images from step to step, so the layers after this one find them in its cache; a slower
        // core leaves more of its share to the other.
        int tasks = (n + group - 1) / group;
        Parallel.forTasks(tasks, (slot, task) -> {
            float[] colsBuf = scratch[slot];
            int i = task * group;
            int g = Math.min(group, n - i);
            int ld = g * positions;   // cols_group [taps, g·OH·OW]: image j in columns j·OH·OW ...
            for (int j = 0; j < g; j++) {
                Im2Col.im2col(xc.data(), xc.offset() + (i + j) * image, inChannels, h, w, window,
                        colsBuf, j * positions, ld);
            }
            float[] target = direct ? y : groupOut[slot];
            int tOff = direct ? i * outChannels * positions : 0;
            if (bias != null) {
                float[] b = bias.value().data();
                for (int f = 0; f < outChannels; f++) {
                    Arrays.fill(target, tOff + f * ld, tOff + (f + 1) * ld, b[bias.value().offset() + f]);
                }
            }
            // y_group [F, g·OH·OW] (+)= W [F, taps] · cols_group [taps, g·OH·OW]
            Gemm.gemm(packedW, false, ld, colsBuf, 0, ld, target, tOff, ld, bias != null);
            if (!direct) {
                // image j's plane f lies at f·ld + j·OH·OW: plane (i + j)·F + f of the output
                for (int j = 0; j < g; j++) {
                    for (int f = 0; f < outChannels; f++) {
                        int plane = (i + j) * outChannels + f;
                        if (pool != null) {
                            pool.poolPlanes(target, f * ld + j * positions, yShape[2], yShape[3], out,
                                    plane, plane + 1, training);
                        } else {
                            System.arraycopy(target, f * ld + j * positions, y, plane * positions, positions);
                        }
                    }
                }
            }
        });
        if (training) {
            this.x = xc;
        }
        return out;
    }

    /**
     * The batch is cut into {@code min(N, GROUPS)} fixed groups of consecutive images; each group
     * sums its images' {@code dW} and {@code db} into its own partial, and the partials are then added
     * in group order. Which thread handles which group varies, the sums do not: the gradients are
     * bit-identical whatever the number of threads.
     */
    @Override
    public Tensor backward(Tensor dout) {
        return backward(dout, true, null);
    }

    /** Sets dW and db and skips dx (its GEMM and col2im): the usual case of a model's first layer. */
    @Override
    public void backwardParameters(Tensor dout) {
        backward(dout, false, null);
    }

    /**
     * {@code backward(pool.backward(dout))} (or {@code backwardParameters}) without the gradient
     * of the convolution's output ever going to memory: each image's is unpooled into the
     * thread's buffer just before it is used ({@link ConvPool}). The same bits as the two calls.
     *
     * @param dout   the gradient of the pooled output
     * @param needDx whether to compute the input gradient
     * @param pool   the 2×2 max pooling this convolution's output went through ({@link #forwardPooled})
     * @return the input gradient, or {@code null} without {@code needDx}
     */
    Tensor backwardPooled(Tensor dout, boolean needDx, MaxPool2D pool) {
        return backward(dout, needDx, pool);
    }

    private Tensor backward(Tensor dout, boolean needDx, MaxPool2D pool) {
        Tensor x = LayerChecks.requireForward(this.x, this);
        int[] yShape = outputShape(x);
        // Fused with pooling, d is the gradient of the pooled output: each image's share of the
        // output gradient is unpooled from it into the thread's buffer (imageGradient).
        Tensor d = pool != null ? pool.checkedGradient(dout) : LayerChecks.gradientOf(this, yShape, dout);
        if (pool != null && !Arrays.equals(pool.trainedShape(), yShape)) {
            // the two layers were run apart since the fused forward: their states no longer match
            throw new KisoException("ConvPool: " + this + " last ran on an input giving " + Arrays.toString(yShape)
                    + ", but " + pool + " last pooled " + Arrays.toString(pool.trainedShape())
                    + "; run forward again before backward");
        }
        int n = yShape[0];
        int h = x.shape(2);
        int w = x.shape(3);
        int positions = yShape[2] * yShape[3];
        int taps = inChannels * window.kh() * window.kw();
        int image = inChannels * h * w;
        // With a bias, cols_n gets a row of ones below its taps: the same product then also gives
        // db, as the last row of dWᵀ (Σ_p dout_n[f, p]·1), at the cost of one more row.
        int rows = bias != null ? taps + 1 : taps;
        int partSize = rows * outChannels;
        float[] W = weight.value().data();
        int wOff = weight.value().offset();
        int groups = Math.min(n, GROUPS);
        int slots = Parallel.threads();
        float[] Wf = needDx && doutWindow != null ? flipWeights() : null;
        int flipTaps = outChannels * window.kh() * window.kw();
        // The A of every image's dx product, packed once: Wflip [C, F·kh·kw], or Wᵀ [taps, F] for col2im.
        PackedA packedDx = !needDx ? null
                : Wf != null ? packedDxWeight.pack(false, inChannels, flipTaps, Wf, 0, flipTaps)
                : packedDxWeight.pack(true, taps, outChannels, W, wOff, taps);
        // A thread's column buffer serves its dW tasks (x's columns) and its stride-1 dx tasks
        // (dout's columns) in turn: a task uses it only while it runs.
        float[][] colsBufs = cols = Parallel.threadBuffers(cols, Math.max(rows * positions, Wf != null ? flipTaps * h * w : 0));
        float[][] dcolsBufs = needDx && Wf == null ? (dcols = Parallel.threadBuffers(dcols, taps * positions)) : null;
        float[][] gradBufs = pool != null ? (dys = Parallel.threadBuffers(dys, outChannels * positions)) : null;
        // The groups that run at the same time are about groups / threads apart (each thread starts
        // on its own share of the batch): their partials are spaced so that that is at least
        // Parallel.writeGuard() floats.
        int partStride = Math.max(partSize, Parallel.writeGuard() / Math.max(1, groups / slots));
        float[] dWp = dWParts = reuse(dWParts, groups * partStride);
        Tensor dxBuf = needDx ? (dx = Buffers.reuse(dx, x.shape(), d)) : null;   // every image is overwritten by col2im
        // Two kinds of task: one per group of images for dW and db (large, and fixed so that the
        // sums do not depend on the threads), one per image for dx (small, independent). Each
        // thread takes those of its own share of the batch (backwardTaskOrder), the images whose
        // output gradient it computed in the layer after this one; within a share the small ones
        // come last, so that they fill the time one thread would otherwise wait for the other's
        // last group (at two threads that wait was about 1 ms of W3's step).
        int[] order = backwardTaskOrder(n, groups, dxBuf != null);
        Parallel.forTasks(order.length, (slot, claim) -> {
            float[] colsBuf = colsBufs[slot];
            int item = order[claim];
            if (item >= groups) {
                int i = item - groups;
                float[] g = imageGradient(d, pool, i, gradBufs, slot, yShape);
                int gOff = imageGradientOffset(d, pool, i, positions);
                if (Wf != null) {
                    // dx_n [C, H·W] = Wflip [C, F·kh·kw] · im2col(dout_n) [F·kh·kw, H·W]
                    Im2Col.im2col(g, gOff, outChannels, yShape[2], yShape[3], doutWindow, colsBuf, 0);
                    Gemm.gemm(packedDx, false, h * w, colsBuf, 0, h * w, dxBuf.data(), i * image, h * w, false);
                } else {
                    // dcols_n [taps, OH·OW] = Wᵀ · dout_n, then scattered back: dx_n = col2im(dcols_n)
                    float[] dcolsBuf = dcolsBufs[slot];
                    Gemm.gemm(packedDx, false, positions, g, gOff, positions, dcolsBuf, 0, positions, false);
                    Im2Col.col2imScratch(dcolsBuf, 0, inChannels, h, w, window, dxBuf.data(), i * image);
                }
                return;
            }
            int task = item;
            int from = (int) ((long) task * n / groups);
            int to = (int) ((long) (task + 1) * n / groups);
            for (int i = from; i < to; i++) {
                float[] g = imageGradient(d, pool, i, gradBufs, slot, yShape);
                int gOff = imageGradientOffset(d, pool, i, positions);
                // The columns are rebuilt rather than kept from forward: one image's worth stays in cache.
                Im2Col.im2col(x.data(), x.offset() + i * image, inChannels, h, w, window, colsBuf, 0);
                if (rows > taps) {
                    Arrays.fill(colsBuf, taps * positions, rows * positions, 1f);
                }
                // dWᵀ_group [taps (+1), F] (+)= cols_n [taps (+1), OH·OW] · dout_nᵀ: transposed, so that
                // the long side (taps) is M and dout, the small operand, is the one read across (measured
                // 1.3x faster than dout_n · cols_nᵀ on W3's layers); the group sum below transposes back.
                Gemm.gemm(false, true, rows, outChannels, positions, colsBuf, 0, positions, g, gOff, positions,
                        dWp, task * partStride, outChannels, i > from);
            }
        });
        float[] dW = weight.grad().data();
        int dwOff = weight.grad().offset();
        // Σ_group dWᵀ_group, into group 0's part: element by element in group order, so the sums
        // do not depend on how the range is split. Reading each part in turn, rather than the 16
        // parts of one element before the next, streams through memory (was 3 % of W3's step).
        int sumSize = groups == 0 ? 0 : partSize;
        Parallel.forRange(sumSize, REDUCE_GRAIN, (first, last) -> {
            for (int grp = 1; grp < groups; grp++) {
                int part = grp * partStride;
                for (int e = first; e < last; e++) {
                    dWp[e] += dWp[part + e];
                }
            }
        });
        // dW [F, taps] = (Σ dWᵀ)ᵀ; db [F] = its row `taps`
        for (int f = 0; f < outChannels; f++) {
            for (int t = 0; t < taps; t++) {
                dW[dwOff + f * taps + t] = groups == 0 ? 0f : dWp[t * outChannels + f];
            }
        }
        if (bias != null) {
            float[] db = bias.grad().data();
            int dbOff = bias.grad().offset();
            for (int f = 0; f < outChannels; f++) {
                db[dbOff + f] = groups == 0 ? 0f : dWp[taps * outChannels + f];
            }
        }
        return dxBuf;
    }

    /**
     * Image {@code i}'s output gradient {@code [F, OH·OW]}: in {@code d} itself (at
     * {@code d.offset() + i·F·OH·OW}), or, fused with pooling, unpooled from {@code d} into the
     * thread's buffer (at 0).
     */
    private float[] imageGradient(Tensor d, MaxPool2D pool, int i, float[][] gradBufs, int slot, int[] yShape) {
        if (pool == null) {
            return d.data();
        }
        float[] buf = gradBufs[slot];
        pool.unpoolPlanes(d, buf, 0, yShape[2], yShape[3], i * outChannels, (i + 1) * outChannels);
        return buf;
    }

    /** Where image {@code i}'s output gradient starts in the array {@link #imageGradient} returns. */
    private int imageGradientOffset(Tensor d, MaxPool2D pool, int i, int positions) {
        return pool != null ? 0 : d.offset() + i * outChannels * positions;
    }

    /**
     * Fills and returns {@code Wflip [C, F·kh·kw]}: {@code Wflip[c, (f·kh + u)·kw + v] =
     * W[f, c, kh−1−u, kw−1−v]}, the weights of the convolution that maps dout back onto x.
     */
    private float[] flipWeights() {
        int kh = window.kh();
        int kw = window.kw();
        int size = outChannels * inChannels * kh * kw;
        float[] Wf = wFlip = reuse(wFlip, size);
        float[] W = weight.value().data();
        int wOff = weight.value().offset();
        int at = 0;
        for (int c = 0; c < inChannels; c++) {
            for (int f = 0; f < outChannels; f++) {
                for (int u = 0; u < kh; u++) {
                    for (int v = 0; v < kw; v++) {
                        Wf[at++] = W[wOff + ((f * inChannels + c) * kh + kh - 1 - u) * kw + kw - 1 - v];
                    }
                }
            }
        }
        return Wf;
    }

    /** Checks the input and returns the output shape {@code [N, F, OH, OW]}. */
    private int[] outputShape(Tensor x) {
        if (x.rank() != 4 || x.shape(1) != inChannels) {
            throw LayerChecks.badInput(this, "[N, " + inChannels + ", H, W]", x);
        }
        int[] shape = window.outputShape(this, x.shape());
        shape[1] = outChannels;
        return shape;
    }

    /**
     * Backward's tasks in the order {@link Parallel#forTasks} hands them out (see {@link
     * #backwardTaskOrder(int[], int, int, boolean, int)}), in a buffer reused from step to step.
     */
    private int[] backwardTaskOrder(int n, int groups, boolean dx) {
        int tasks = groups + (dx ? n : 0);
        backwardTasks = backwardTasks != null && backwardTasks.length == tasks ? backwardTasks : new int[tasks];
        return backwardTaskOrder(backwardTasks, n, groups, dx, Parallel.threads());
    }

    /**
     * Fills {@code order} with backward's tasks: for each of {@code shares} shares of the batch
     * (cut as {@link Parallel#forTasks} cuts forward's images among the threads), the groups that
     * start in it, then, when {@code dx} is computed, the dx task of each of its images. Entry
     * {@code g < groups} is group {@code g}; entry {@code groups + i} is image {@code i}'s dx. With
     * 100 images, 16 groups and two threads the halves are 8 groups and 50 images each, so each
     * thread works on the images it also took in forward.
     *
     * @return {@code order}, of length {@code groups + (dx ? n : 0)}
     */
    static int[] backwardTaskOrder(int[] order, int n, int groups, boolean dx, int shares) {
        int next = 0;
        int group = 0;
        for (int share = 0; share < shares; share++) {
            int first = (int) ((long) share * n / shares);
            int end = (int) ((long) (share + 1) * n / shares);
            for (; group < groups && (int) ((long) group * n / groups) < end; group++) {
                order[next++] = group;
            }
            for (int i = first; dx && i < end; i++) {
                order[next++] = groups + i;
            }
        }
        return order;
    }

    private static float[] reuse(float[] buffer, int size) {
        return buffer != null && buffer.length >= size ? buffer : new float[size];
    }

    /** The workspace slot of an evaluation forward's packed filters: the one after {@link #evaluationScratch}'s. */
    private static int packedFiltersSlot(int slots) {
        return 2 * slots;
    }

    /**
     * Evaluation mode's buffers of one kind ({@code kind} 0: columns, 1: group outputs), one of at
     * least {@code size} floats per thread: the workspace's scratch slots {@code 2·slot + kind}, or
     * new arrays when there is no workspace (or nothing to hold). The slot after them,
     * {@code 2·slots}, holds the packed filters ({@link #packedFiltersSlot}).
     */
    private static float[][] evaluationScratch(InferenceWorkspace workspace, int kind, int slots, int size) {
        float[][] buffers = new float[slots][];
        for (int c = 0; c < slots; c++) {
            // A workspace's buffers are kept, so they get the guard of Parallel.threadBuffers; the
            // one-off buffers of a call without a workspace do not (256 KB of zeroes per call).
            buffers[c] = workspace == null || size == 0 ? new float[size]
                    : workspace.scratch(2 * c + kind, size + Parallel.writeGuard());
        }
        return buffers;
    }

    @Override
    public List<Parameter> parameters() {
        defaults.ensure(this);
        List<Parameter> params = new ArrayList<>();
        params.add(weight);
        if (bias != null) {
            params.add(bias);
        }
        return params;
    }

    @Override
    public LayerSpec spec() {
        LayerSpec spec = LayerSpec.of("Conv2D")
                .with("inChannels", inChannels)
                .with("outChannels", outChannels)
                .with("kernel", window.kernelText())
                .with("stride", window.strideText())
                .with("padding", window.paddingText())
                .with("bias", bias != null);
        return initializer instanceof HeNormal ? spec : spec.with("init", initializer);
    }

    @Override
    public String toString() {
        return spec().toString();
    }

    /**
     * Builds a {@link Conv2D} with non-default settings. Every setter returns the builder.
     */
    public static final class Builder {
        private final int inChannels;
        private final int outChannels;
        private int kh;
        private int kw;
        private int strideH = 1;
        private int strideW = 1;
        private int padH;
        private int padW;
        private boolean bias = true;
        private Initializer initializer = new HeNormal();

        private Builder(int inChannels, int outChannels, int kernelSize) {
            this.inChannels = inChannels;
            this.outChannels = outChannels;
            this.kh = kernelSize;
            this.kw = kernelSize;
        }

        /**
         * A non-square kernel.
         *
         * @param height kernel height {@code kh}
         * @param width  kernel width {@code kw}
         * @return this builder
         */
        public Builder kernel(int height, int width) {
            this.kh = height;
            this.kw = width;
            return this;
        }

        /**
         * The same stride in both directions (default 1).
         *
         * @param stride the step between windows
         * @return this builder
         */
        public Builder stride(int stride) {
            return stride(stride, stride);
        }

        /**
         * Separate strides down and across.
         *
         * @param height step between windows down the rows
         * @param width  step between windows along a row
         * @return this builder
         */
        public Builder stride(int height, int width) {
            this.strideH = height;
            this.strideW = width;
            return this;
        }

        /**
         * The same zero padding on all four sides (default 0).
         *
         * @param padding rows and columns of zeros added on each side
         * @return this builder
         */
        public Builder padding(int padding) {
            return padding(padding, padding);
        }

        /**
         * Separate zero padding above/below and left/right.
         *
         * @param height rows of zeros added above and below
         * @param width  columns of zeros added left and right
         * @return this builder
         */
        public Builder padding(int height, int width) {
            this.padH = height;
            this.padW = width;
            return this;
        }

        /**
         * Whether the layer adds a bias per filter (default true). Turn it off before a batch norm.
         *
         * @param enabled true for a bias
         * @return this builder
         */
        public Builder bias(boolean enabled) {
            this.bias = enabled;
            return this;
        }

        /**
         * How to fill the weight (default He normal with {@code fanIn = C·kh·kw}); the bias starts at zero.
         *
         * @param init the initializer
         * @return this builder
         */
        public Builder initializer(Initializer init) {
            if (init == null) {
                throw new KisoException("Conv2D.Builder: initializer must not be null");
            }
            this.initializer = init;
            return this;
        }

        /** @return the layer (its default weights come from seed {@value Sequential#DEFAULT_SEED}, drawn when first needed) */
        public Conv2D build() {
            return new Conv2D(this);
        }
    }
}
