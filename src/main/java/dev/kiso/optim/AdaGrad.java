package dev.kiso.optim;

/*
 * AdaGrad:
 *
 *   h ← h + g²                 (h₀ = 0)
 *   w ← w − η·g / (√h + ε)     (ε outside the square root)
 *
 * Default ε = 1e-7, the course's value; PyTorch's default is 1e-10 (pass it to match torch).
 */

/**
 * AdaGrad: {@code h ← h + g²; w ← w − η·g/(√h + ε)}. Default ε = 1e-7 (the course's; PyTorch uses 1e-10).
 */
public final class AdaGrad extends Optimizer {

    /** The default ε, the course's value. */
    public static final double DEFAULT_EPS = 1e-7;

    private final double eps;

    /**
     * AdaGrad with ε = {@value #DEFAULT_EPS}.
     *
     * @param learningRate η
     */
    public AdaGrad(double learningRate) {
        this(learningRate, DEFAULT_EPS);
    }

    /**
     * @param learningRate η
     * @param eps          ε &gt; 0, added to √h
     */
    public AdaGrad(double learningRate, double eps) {
        super(learningRate, 1);
        this.eps = checkRange("eps", eps, Double.MIN_VALUE, 1);
    }

    @Override
    protected void update(float[] w, float[] g, float[][] state, int from, int to, long t) {
        float lr = (float) learningRate();
        float e = (float) eps;
        float[] h = state[0];
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float hi = h[i] + gi * gi;
            h[i] = hi;
            w[i] -= lr * gi / ((float) Math.sqrt(hi) + e);
        }
    }

    @Override
    public String toString() {
        return "AdaGrad(lr=" + learningRate() + ", eps=" + eps + ")";
    }
}
