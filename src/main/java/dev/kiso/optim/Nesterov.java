package dev.kiso.optim;

/*
 * Nesterov accelerated gradient, in PyTorch's form (SGD with nesterov=True):
 *
 *   b ← μ·b + g          (b₀ = 0)
 *   w ← w − η·(g + μ·b)
 *
 * The course's form v ← μv − ηg; w ← w + μ²v − (1+μ)ηg is NOT the same update: it gives
 * different weights (the parity file's wK_alt), so Kiso follows PyTorch, in its order of
 * operations: μ·b rounded, then + g; g + μ·b and w + (−η)·(that) each one fused multiply-add
 * (Math.fma), as torch's add_(x, alpha) is on the CPU.
 */

/**
 * Nesterov momentum, PyTorch's form: {@code b ← μ·b + g; w ← w − η·(g + μ·b)}. Default μ = 0.9.
 */
public final class Nesterov extends MomentumOptimizer {

    /**
     * Nesterov with μ = 0.9.
     *
     * @param learningRate η
     */
    public Nesterov(double learningRate) {
        this(learningRate, DEFAULT_MOMENTUM);
    }

    /**
     * @param learningRate η
     * @param momentum     μ in [0, 1)
     */
    public Nesterov(double learningRate, double momentum) {
        super(learningRate, momentum);
    }

    @Override
    protected void update(float[] w, float[] g, float[][] state, int from, int to, long t) {
        float lr = (float) learningRate();
        float mu = (float) momentum;
        float[] b = state[0];
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float bi = mu * b[i] + gi;
            b[i] = bi;
            w[i] = Math.fma(-lr, Math.fma(mu, bi, gi), w[i]);
        }
    }
}
