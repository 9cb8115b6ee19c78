package dev.kiso.optim;

/*
 * Stochastic gradient descent, with optional coupled weight decay λ (PyTorch's weight_decay):
 *
 *   w ← w − η·(g + λ·w)
 *
 * With λ = 0 this is the course's w ← w − η·∂L/∂w. Coupled decay equals an L2 penalty ½λ·Σw²
 * on every parameter (biases included); use dev.kiso.nn.reg.L2 to decay weights only.
 * Each "a + b·c" is one fused multiply-add (Math.fma), as torch.optim.SGD's add_(x, alpha) is on
 * the CPU: g + λ·w, then w + (−η)·(that).
 */

/**
 * Plain gradient descent: {@code w ← w − η·(g + λ·w)}, λ being the optional coupled weight decay
 * (0 by default). No state.
 */
public final class SGD extends Optimizer {

    private final double weightDecay;

    /**
     * SGD without weight decay.
     *
     * @param learningRate η
     */
    public SGD(double learningRate) {
        this(learningRate, 0.0);
    }

    /**
     * SGD with coupled weight decay (PyTorch's {@code weight_decay}).
     *
     * @param learningRate η
     * @param weightDecay  λ ≥ 0, added as λ·w to every gradient
     */
    public SGD(double learningRate, double weightDecay) {
        super(learningRate, 0);
        this.weightDecay = checkRange("weightDecay", weightDecay, 0, Double.POSITIVE_INFINITY);
    }

    @Override
    protected void update(float[] w, float[] g, float[][] state, int from, int to, long t) {
        float lr = (float) learningRate();
        float wd = (float) weightDecay;
        for (int i = from; i < to; i++) {
            float wi = w[i];
            w[i] = Math.fma(-lr, Math.fma(wd, wi, g[i]), wi);
        }
    }

    @Override
    public String toString() {
        return "SGD(lr=" + learningRate() + ", weight_decay=" + weightDecay + ")";
    }
}
