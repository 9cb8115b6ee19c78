package dev.kiso.optim;

/*
 * AdamW (Loshchilov & Hutter): decoupled weight decay λ, then the Adam step.
 *
 *   w ← w − η·λ·w                  (i.e. w ← (1 − η·λ)·w, before the step)
 *   w ← w − η·m̂ / (√v̂ + ε)        (Adam's update, see Adam)
 *
 * Unlike an L2 penalty (or Adam with weight_decay), the decay does not pass through m and v, so it
 * is not divided by √v̂. It applies to every parameter it is given. Default λ = 0.01 (PyTorch's).
 */

/**
 * Adam with decoupled weight decay: {@code w ← (1 − η·λ)·w}, then the Adam step. Default λ = 0.01.
 */
public final class AdamW extends Adam {

    private final double weightDecay;

    /**
     * AdamW with λ = 0.01, β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
     *
     * @param learningRate η
     */
    public AdamW(double learningRate) {
        this(learningRate, 0.01);
    }

    /**
     * AdamW with β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
     *
     * @param learningRate η
     * @param weightDecay  λ ≥ 0
     */
    public AdamW(double learningRate, double weightDecay) {
        this(learningRate, 0.9, 0.999, 1e-8, weightDecay);
    }

    /**
     * @param learningRate η
     * @param beta1        β₁ in [0, 1)
     * @param beta2        β₂ in [0, 1)
     * @param eps          ε &gt; 0
     * @param weightDecay  λ ≥ 0
     */
    public AdamW(double learningRate, double beta1, double beta2, double eps, double weightDecay) {
        super(learningRate, beta1, beta2, eps);
        this.weightDecay = checkRange("weightDecay", weightDecay, 0, Double.POSITIVE_INFINITY);
    }

    @Override
    protected double decayFactor() {
        return 1.0 - learningRate() * weightDecay;
    }

    @Override
    public String toString() {
        return "AdamW(" + hyperParameters() + ", weight_decay=" + weightDecay + ")";
    }
}
