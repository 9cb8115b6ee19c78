// Conv2D: F filters slide over a batch of images (cross-correlation: no kernel flip), via im2col.
//
// forward:  cols_n = im2col(x_n)                  [C·kh·kw, OH·OW]
//           y_n    = W · cols_n + b                [F, OH·OW]   (W read as a [F, C·kh·kw] matrix)
// backward: dW     = Σ_n dout_n · cols_nᵀ          [F, C·kh·kw]
//           db     = Σ_n Σ_(oh,ow) dout_n          [F]
//           dx_n   = col2im(Wᵀ · dout_n)           [C, H, W]
// with OH = ⌊(H + 2·ph − kh)/sh⌋ + 1 and OW = ⌊(W + 2·pw − kw)/sw⌋ + 1.

package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.nn.Im2Col.Window;
import dev.kiso.nn.init.HeNormal;
import dev.kiso.nn.init.Initializer;
import dev.kiso.tensor.Tensor;
import dev.kiso.tensor.kernel.Gemm;

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
 * {@code fanIn = C·kh·kw}), bias zeros. The weights are drawn at construction from seed
 * {@value Sequential#DEFAULT_SEED}; a {@link Sequential} re-draws them from its own seed.
 *
 * <p>Buffers: a training-mode forward and backward reuse one column buffer (one image's worth), the
 * output and {@code dx} across steps of the same shape, so what they return stays valid until the
 * next training forward (or backward). An evaluation-mode forward allocates its own column buffer
 * and output on each call instead, so it mutates nothing and one model can serve many threads at once.
 *
 * <pre>{@code
 * Conv2D conv = new Conv2D(1, 30, 5);                                // W2: 30 filters 5x5
 * Conv2D down = Conv2D.builder(16, 32, 3).stride(2).padding(1).bias(false).build();
 * }</pre>
 */
public final class Conv2D implements Layer {

    private final int inChannels;
    private final int outChannels;
    private final Window window;
    private final Initializer initializer;
    private final Parameter weight;
    private final Parameter bias;

    private Tensor x;        // training-mode input, contiguous; null until a training forward
    private Tensor y;        // training-mode output buffer, reused while the shape stays the same
    private Tensor dx;       // input-gradient buffer, likewise
    private float[] cols;    // one image's columns, reused across steps
    private float[] dcols;   // one image's column gradient, reused across steps

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
        initialize(new Random(Sequential.DEFAULT_SEED));
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
        return weight;
    }

    /** @return the bias {@code [F]}, or {@code null} for a layer built with {@code bias(false)} */
    public Parameter bias() {
        return bias;
    }

    /** @return the kernel size, stride and padding */
    public Window window() {
        return window;
    }

    @Override
    public void initialize(Random rng) {
        int taps = window.kh() * window.kw();
        initializer.fill(weight.value(), inChannels * taps, outChannels * taps, rng);
        if (bias != null) {
            Arrays.fill(bias.value().data(), bias.value().offset(), bias.value().offset() + outChannels, 0f);
        }
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int[] yShape = outputShape(x);
        int n = yShape[0];
        int positions = yShape[2] * yShape[3];
        int taps = inChannels * window.kh() * window.kw();
        int image = inChannels * x.shape(2) * x.shape(3);
        Tensor xc = x.contiguous();
        float[] colsBuf = training ? (cols = reuse(cols, taps * positions)) : new float[taps * positions];
        Tensor out = training ? (this.y = Buffers.reuse(this.y, yShape, xc)) : Tensor.zeros(yShape);
        float[] y = out.data();
        float[] W = weight.value().data();
        int wOff = weight.value().offset();
        for (int i = 0; i < n; i++) {
            Im2Col.im2col(xc.data(), xc.offset() + i * image, inChannels, x.shape(2), x.shape(3), window, colsBuf, 0);
            int yOff = i * outChannels * positions;
            if (bias != null) {
                float[] b = bias.value().data();
                for (int f = 0; f < outChannels; f++) {
                    Arrays.fill(y, yOff + f * positions, yOff + (f + 1) * positions, b[bias.value().offset() + f]);
                }
            }
            // y_n [F, OH·OW] (+)= W [F, taps] · cols_n [taps, OH·OW]
            Gemm.gemm(false, false, outChannels, positions, taps, W, wOff, taps, colsBuf, 0, positions,
                    y, yOff, positions, bias != null);
        }
        if (training) {
            this.x = xc;
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Tensor x = LayerChecks.requireForward(this.x, this);
        int[] yShape = outputShape(x);
        Tensor d = LayerChecks.gradientOf(this, yShape, dout);
        int n = yShape[0];
        int h = x.shape(2);
        int w = x.shape(3);
        int positions = yShape[2] * yShape[3];
        int taps = inChannels * window.kh() * window.kw();
        int image = inChannels * h * w;
        float[] g = d.data();
        float[] W = weight.value().data();
        int wOff = weight.value().offset();
        float[] dW = weight.grad().data();
        int dwOff = weight.grad().offset();
        cols = reuse(cols, taps * positions);
        dcols = reuse(dcols, taps * positions);
        dx = Buffers.reuse(dx, x.shape(), d);   // every image is overwritten by col2im
        if (n == 0) {
            weight.zeroGrad();
        }
        for (int i = 0; i < n; i++) {
            int gOff = d.offset() + i * outChannels * positions;
            // The columns are rebuilt rather than kept from forward: one image's worth stays in cache.
            Im2Col.im2col(x.data(), x.offset() + i * image, inChannels, h, w, window, cols, 0);
            // dW [F, taps] (+)= dout_n [F, OH·OW] · cols_nᵀ
            Gemm.gemm(false, true, outChannels, taps, positions, g, gOff, positions, cols, 0, positions,
                    dW, dwOff, taps, i > 0);
            // dcols_n [taps, OH·OW] = Wᵀ · dout_n
            Gemm.gemm(true, false, taps, positions, outChannels, W, wOff, taps, g, gOff, positions,
                    dcols, 0, positions, false);
            Im2Col.col2im(dcols, 0, inChannels, h, w, window, dx.data(), i * image);
        }
        if (bias != null) {
            float[] db = bias.grad().data();
            int dbOff = bias.grad().offset();
            for (int f = 0; f < outChannels; f++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    int row = d.offset() + (i * outChannels + f) * positions;
                    for (int p = 0; p < positions; p++) {
                        sum += g[row + p];
                    }
                }
                db[dbOff + f] = (float) sum;
            }
        }
        return dx;
    }

    /** Checks the input and returns the output shape {@code [N, F, OH, OW]}. */
    private int[] outputShape(Tensor x) {
        if (x.rank() != 4 || x.shape(1) != inChannels) {
            throw LayerChecks.badInput(this, "[N, " + inChannels + ", H, W]", x);
        }
        int[] shape = window.outputShape(toString(), x.shape());
        shape[1] = outChannels;
        return shape;
    }

    private static float[] reuse(float[] buffer, int size) {
        return buffer != null && buffer.length >= size ? buffer : new float[size];
    }

    @Override
    public List<Parameter> parameters() {
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

        /** @return the layer, with weights drawn from seed {@value Sequential#DEFAULT_SEED} */
        public Conv2D build() {
            return new Conv2D(this);
        }
    }
}
