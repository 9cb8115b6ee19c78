// Affine (fully connected) layer, weight W [in, out] as in the course.
//   forward:  y  = x · W + b                      x [N, in], y [N, out]
//   backward: dx = dout · Wᵀ,   dW = xᵀ · dout,   db = Σ_n dout[n]
package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.nn.init.HeNormal;
import dev.kiso.nn.init.Initializer;
import dev.kiso.tensor.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The affine (fully connected) layer {@code y = x·W + b}. An input with more than two axes, such
 * as {@code [N, C, H, W]}, is flattened to {@code [N, C·H·W]} as the course's {@code Affine} does,
 * and {@code dx} gets the input's original shape back.
 *
 * <p>Shape: {@code [N, in]} (or {@code [N, d1, d2, ...]} with {@code d1·d2·... = in}) to
 * {@code [N, out]}.
 *
 * <p>Parameters: {@code weight} {@code [in, out]} (regularized) and {@code bias} {@code [out]}
 * (not regularized). PyTorch's {@code nn.Linear} stores the transpose, {@code weight [out, in]}.
 * Default initialisation: weight {@link HeNormal} ({@code std = sqrt(2/in)}), bias 0, drawn from
 * {@link Sequential#DEFAULT_SEED} when the weights are first needed (read, or used by a forward
 * pass), unless {@link #initialize} came first, as it does in a {@link Sequential}, which draws
 * them from the model's generator.
 *
 * <p>Buffers: in training mode the output and {@code dx} buffers are reused while the batch size
 * stays the same, so what {@code forward} returns is valid until the next training forward (and
 * {@code dx} until the next backward). Evaluation mode allocates its output (or takes it from the
 * {@link InferenceWorkspace} given to {@link #infer}) and writes nothing in the layer (apart from
 * the default weights of a fresh layer used alone, drawn once, under a lock), so many threads may
 * evaluate one model at once.
 */
public final class Affine implements Layer {
    private final int in;
    private final int out;
    private final Initializer weightInit;
    private final Parameter weight;
    private final Parameter bias;
    private final DefaultWeights defaults = new DefaultWeights();

    private Tensor x;        // input of the last training forward, as [N, in]
    private int[] xShape;    // its original shape, for dx
    private Tensor y;        // output buffer, reused
    private Tensor dx;       // gradient buffer, reused

    /**
     * An affine layer with He-normal weights and zero bias.
     *
     * @param in  input features
     * @param out output features
     */
    public Affine(int in, int out) {
        this(in, out, new HeNormal());
    }

    /**
     * An affine layer whose weights come from {@code weightInit} (bias 0).
     *
     * @param in         input features
     * @param out        output features
     * @param weightInit the weight initializer, called with {@code fanIn = in, fanOut = out}
     */
    public Affine(int in, int out, Initializer weightInit) {
        if (in <= 0 || out <= 0) {
            throw new KisoException("Affine: in and out must be positive, got in=" + in + ", out=" + out);
        }
        this.in = in;
        this.out = out;
        this.weightInit = weightInit;
        this.weight = new Parameter("weight", Tensor.zeros(in, out), true);
        this.bias = new Parameter("bias", Tensor.zeros(out), false);
    }

    /** @return input features */
    public int in() {
        return in;
    }

    /** @return output features */
    public int out() {
        return out;
    }

    /** @return the weight {@code W [in, out]} */
    public Parameter weight() {
        defaults.ensure(this);
        return weight;
    }

    /** @return the bias {@code b [out]} */
    public Parameter bias() {
        defaults.ensure(this);
        return bias;
    }

    @Override
    public void initialize(Random rng) {
        defaults.draw(() -> {
            weightInit.fill(weight.value(), in, out, rng);
            Arrays.fill(bias.value().data(), 0f);
        });
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        return forward(x, training, null);
    }

    /** Evaluation mode with the output in {@code workspace}. */
    @Override
    public Tensor infer(Tensor x, InferenceWorkspace workspace) {
        return forward(x, false, workspace);
    }

    private Tensor forward(Tensor x, boolean training, InferenceWorkspace workspace) {
        if (x.rank() < 2 || x.size() != x.shape(0) * in) {
            throw LayerChecks.badInput(this, "[N, " + in + "] (or [N, ...] with " + in + " values per sample)", x);
        }
        defaults.ensure(this);
        int n = x.shape(0);
        Tensor x2 = x.reshape(n, in);  // a view of a contiguous input, else a copy
        Tensor W = weight.value();
        float[] b = bias.value().data();
        int[] shape = {n, out};
        Tensor y = training ? Buffers.reuse(this.y, shape, x2) : Buffers.evaluation(workspace, shape, x2);
        float[] ys = y.data();
        for (int row = 0; row < n; row++) {
            System.arraycopy(b, 0, ys, row * out, out);  // y = b, then y += x·W
        }
        Tensor.matmulInto(x2, W, ys, 0, out, true);
        if (training) {
            this.x = x2;
            this.xShape = x.shape();
            this.y = y;
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        return backward(dout, true);
    }

    /** Sets dW and db and skips dx. */
    @Override
    public void backwardParameters(Tensor dout) {
        backward(dout, false);
    }

    private Tensor backward(Tensor dout, boolean needDx) {
        Tensor x = LayerChecks.requireForward(this.x, this);
        int n = x.shape(0);
        dout = LayerChecks.gradientOf(this, new int[] {n, out}, dout);
        // dW = xᵀ·dout and dx = dout·Wᵀ: the transposed views go to GEMM as flags, never copied.
        Tensor W = weight.value();
        Tensor.matmulInto(x.t(), dout, weight.grad().data(), 0, out, false);
        if (needDx) {
            dx = Buffers.reuse(dx, new int[] {n, in}, dout);
            Tensor.matmulInto(dout, W.t(), dx.data(), 0, in, false);
        }
        float[] db = bias.grad().data();
        float[] ds = dout.data();
        int d0 = dout.offset();
        Arrays.fill(db, 0f);
        for (int row = 0; row < n; row++) {
            for (int j = 0; j < out; j++) {
                db[j] += ds[d0 + row * out + j];
            }
        }
        return needDx ? dx.reshape(xShape) : null;
    }

    @Override
    public List<Parameter> parameters() {
        defaults.ensure(this);
        return List.of(weight, bias);
    }

    @Override
    public LayerSpec spec() {
        LayerSpec spec = LayerSpec.of("Affine").with("in", in).with("out", out);
        return weightInit instanceof HeNormal ? spec : spec.with("init", weightInit);
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
