package dev.kiso.optim;

/*
 * Momentum (heavy ball), as in the course:
 *
 *   v ← μ·v − η·g        (v₀ = 0)
 *   w ← w + v
 *
 * PyTorch writes it b ← μ·b + g; w ← w − η·b. For a constant η the two are the same (v = −η·b);
 * they differ only in how a change of η acts on the velocity already built up.
 */

/**
 * SGD with momentum: {@code v ← μ·v − η·g; w ← w + v}. Default μ = 0.9.
 */
public final class Momentum extends MomentumOptimizer {

    /**
     * Momentum with μ = 0.9.
     *
     * @param learningRate η
     */
    public Momentum(double learningRate) {
        this(learningRate, DEFAULT_MOMENTUM);
    }

    /**
     * @param learningRate η
     * @param momentum     μ in [0, 1)
     */
    public Momentum(double learningRate, double momentum) {
        super(learningRate, momentum);
    }

    @Override
    protected void update(float[] w, float[] g, float[][] state, int from, int to, long t) {
        float lr = (float) learningRate();
        float mu = (float) momentum;
        float[] v = state[0];
        for (int i = from; i < to; i++) {
            float vi = mu * v[i] - lr * g[i];
            v[i] = vi;
            w[i] += vi;
        }
    }
}
