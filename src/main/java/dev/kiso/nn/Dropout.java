// Dropout, inverted (as in PyTorch): scale at training time, identity at evaluation.
//   forward (training):   y  = x · mask / (1 - p)        mask_i = 1 with probability 1 - p, else 0
//   forward (evaluation): y  = x
//   backward:             dx = dout · mask / (1 - p)
package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.nn.init.SeededRandom;
import dev.kiso.tensor.Tensor;

import java.util.Arrays;
import java.util.Random;

/**
 * Inverted dropout: in training, each value is zeroed with probability {@code p} and the survivors
 * are scaled by {@code 1/(1 − p)}, so evaluation needs no rescaling and is the identity.
 *
 * <p>The course (and the book) use the non-inverted form: {@code y = x·mask} in training and
 * {@code y = x·(1 − p)} at evaluation. Both have the same expected output; this one is PyTorch's.
 *
 * <p>Shape: any input {@code [N, ...]}; the output has the same shape. No parameters. The masks
 * come from the layer's own generator, seeded from {@link Sequential#DEFAULT_SEED} at construction
 * and re-seeded by {@link #initialize(Random)} (which a {@link Sequential} calls). For tests and
 * gradient checks, {@link #fixMask(Tensor)} pins the mask used by every training forward.
 */
public final class Dropout implements Layer {
    private final float p;
    private Random rng;
    private Tensor fixedMask;  // pinned keep-mask, or null to draw a fresh one each forward
    private Tensor mask;       // keep-mask (1 kept, 0 dropped) of the last training forward
    private Tensor y;          // output buffer, reused
    private Tensor dx;         // gradient buffer, reused

    /**
     * Dropout with drop probability {@code p}, seeded from {@link Sequential#DEFAULT_SEED}.
     *
     * @param p the probability of zeroing each value, in {@code [0, 1)}
     */
    public Dropout(float p) {
        this(p, new SeededRandom(Sequential.DEFAULT_SEED));
    }

    /**
     * Dropout with drop probability {@code p} drawing its masks from {@code rng}.
     *
     * @param p   the probability of zeroing each value, in {@code [0, 1)}
     * @param rng the generator for the masks (kept, not copied)
     */
    public Dropout(float p, Random rng) {
        if (!(p >= 0f && p < 1f)) {
            throw new KisoException("Dropout: p must be in [0, 1), got " + p);
        }
        this.p = p;
        this.rng = rng;
    }

    /** @return the drop probability */
    public float p() {
        return p;
    }

    /**
     * Re-seeds the mask generator with a seed drawn from {@code rng}, so a model's masks follow
     * from its seed.
     */
    @Override
    public void initialize(Random rng) {
        this.rng = new SeededRandom(rng.nextLong());   // Random's numbers, without its per-draw atomic update
    }

    /**
     * Pins the keep-mask used by every training forward until {@link #releaseMask()}: for tests
     * (the PyTorch parity file stores torch's mask) and for gradient checks, which need the same
     * mask at every forward.
     *
     * @param keep 1 where a value is kept and 0 where it is dropped, the input's shape
     */
    public void fixMask(Tensor keep) {
        float[] m = keep.toArray();
        for (float v : m) {
            if (v != 0f && v != 1f) {
                throw new KisoException("Dropout.fixMask: mask values must be 0 or 1, found " + v);
            }
        }
        fixedMask = Tensor.of(m, keep.shape());
    }

    /** Goes back to drawing a fresh mask at every training forward. */
    public void releaseMask() {
        fixedMask = null;
    }

    /** @return the pinned mask, or {@code null} if masks are drawn at random */
    public Tensor fixedMask() {
        return fixedMask;
    }

    /**
     * In training, {@code x·mask/(1 − p)} with a fresh (or the fixed) mask; in evaluation, {@code x}
     * itself, not a copy.
     */
    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (!training) {
            return x;
        }
        x = x.contiguous();
        Tensor m = fixedMask != null ? fixedMask : drawMask(x.shape());
        if (!Arrays.equals(m.shape(), x.shape())) {
            throw LayerChecks.badInput(this, "the fixed mask's shape " + Arrays.toString(m.shape()), x);
        }
        Tensor out = Buffers.reuse(y, x.shape(), x);
        float scale = 1f / (1f - p);
        float[] xs = x.data();
        float[] ms = m.data();
        float[] ys = out.data();
        int xo = x.offset();
        for (int i = 0; i < ys.length; i++) {
            ys[i] = xs[xo + i] * ms[i] * scale;
        }
        mask = m;
        y = out;
        return out;
    }

    private Tensor drawMask(int[] shape) {
        Tensor m = mask != null && mask != fixedMask && Arrays.equals(mask.shape(), shape) ? mask : Tensor.zeros(shape);
        float[] ms = m.data();
        for (int i = 0; i < ms.length; i++) {
            ms[i] = rng.nextFloat() >= p ? 1f : 0f;
        }
        return m;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Tensor m = LayerChecks.requireForward(mask, this);
        dout = LayerChecks.gradientOf(this, m.shape(), dout);
        dx = Buffers.reuse(dx, m.shape(), dout);
        float scale = 1f / (1f - p);
        float[] ms = m.data();
        float[] ds = dout.data();
        float[] dxs = dx.data();
        int d0 = dout.offset();
        for (int i = 0; i < dxs.length; i++) {
            dxs[i] = ds[d0 + i] * ms[i] * scale;
        }
        return dx;
    }

    /** @return the keep-mask of the last training forward (1 kept, 0 dropped), or {@code null} */
    public Tensor mask() {
        return mask;
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("Dropout").with("p", p);
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
