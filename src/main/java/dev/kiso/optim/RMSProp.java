package dev.kiso.optim;

/*
 * RMSProp:
 *
 *   v ← α·v + (1 − α)·g²       (v₀ = 0, no bias correction)
 *   w ← w − η·g / (√v + ε)     (ε outside the square root)
 *
 * Defaults α = 0.99 and ε = 1e-8, PyTorch's (the course's decay_rate 0.99 is the same α).
 */

/**
 * RMSProp: {@code v ← α·v + (1 − α)·g²; w ← w − η·g/(√v + ε)}. Defaults α = 0.99, ε = 1e-8.
 */
public final class RMSProp extends Optimizer {

    private final double alpha;
    private final double eps;

    /**
     * RMSProp with α = 0.99, ε = 1e-8.
     *
     * @param learningRate η
     */
    public RMSProp(double learningRate) {
        this(learningRate, 0.99, 1e-8);
    }

    /**
     * @param learningRate η
     * @param alpha        α in [0, 1), the decay of the running average of g²
     * @param eps          ε &gt; 0, added to √v
     */
    public RMSProp(double learningRate, double alpha, double eps) {
        super(learningRate, 1);
        this.alpha = checkRange("alpha", alpha, 0, 1);
        this.eps = checkRange("eps", eps, Double.MIN_VALUE, 1);
    }

    @Override
    protected void update(float[] w, float[] g, float[][] state, int from, int to, long t) {
        float lr = (float) learningRate();
        float a = (float) alpha;
        float oneMinusA = (float) (1 - alpha);
        float e = (float) eps;
        float[] v = state[0];
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float vi = a * v[i] + oneMinusA * gi * gi;
            v[i] = vi;
            w[i] -= lr * gi / ((float) Math.sqrt(vi) + e);
        }
    }

    @Override
    public String toString() {
        return "RMSProp(lr=" + learningRate() + ", alpha=" + alpha + ", eps=" + eps + ")";
    }
}
