package dev.kiso.optim;


/*
 * Adam (Kingma & Ba), in PyTorch's form; t counts this parameter's steps from 1:
 *
 *   m ← β₁·m + (1 − β₁)·g          v ← β₂·v + (1 − β₂)·g²      (m₀ = v₀ = 0)
 *   m̂ = m / (1 − β₁ᵗ)              v̂ = v / (1 − β₂ᵗ)
 *   w ← w − η·m̂ / (√v̂ + ε)        (ε added after the bias correction)
 *
 * The loop computes this in torch.optim.Adam's order of operations (single-tensor path), which
 * is the same formula with two divisions per weight instead of three:
 *
 *   m ← m + (1 − β₁)·(g − m)                  (torch's lerp: one fused multiply-add)
 *   v ← β₂·v + ((1 − β₂)·g)·g
 *   w ← w − (η/(1 − β₁ᵗ))·m / (√v/√(1 − β₂ᵗ) + ε)
 *
 * The course folds the corrections into the rate, η_t = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ), and adds ε to √v:
 * that moves ε (it acts like ε·√(1 − β₂ᵗ)) and gives slightly different weights.
 * Defaults η = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
 */

/**
 * Adam with bias correction, as PyTorch: {@code w ← w − η·m̂/(√v̂ + ε)}. Defaults η = 1e-3,
 * β₁ = 0.9, β₂ = 0.999, ε = 1e-8. {@link AdamW} adds decoupled weight decay.
 */
public class Adam extends Optimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;

    /** Adam with η = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    public Adam() {
        this(1e-3);
    }

    /**
     * Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
     *
     * @param learningRate η
     */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8);
    }

    /**
     * @param learningRate η
     * @param beta1        β₁ in [0, 1), decay of the mean of g
     * @param beta2        β₂ in [0, 1), decay of the mean of g²
     * @param eps          ε &gt; 0, added to √v̂
     */
    public Adam(double learningRate, double beta1, double beta2, double eps) {
        super(learningRate, 2);
        this.beta1 = checkRange("beta1", beta1, 0, 1);
        this.beta2 = checkRange("beta2", beta2, 0, 1);
        this.eps = checkRange("eps", eps, Double.MIN_VALUE, 1);
    }

    /**
     * The factor each weight is multiplied by before the Adam step: 1 for Adam, {@code 1 − η·λ}
     * for {@link AdamW}.
     *
     * @return the decay factor for this step
     */
    protected double decayFactor() {
        return 1.0;
    }

    /**
     * The scalars are PyTorch's: the step size η/(1 − β₁ᵗ) and √(1 − β₂ᵗ) are computed in double,
     * then rounded to float once.
     */
    @Override
    protected final void update(float[] w, float[] g, float[][] state, int from, int to, long t) {
        float b2 = (float) beta2;
        float oneMinusB1 = (float) (1 - beta1);
        float oneMinusB2 = (float) (1 - beta2);
        float stepSize = (float) (learningRate() / (1 - Math.pow(beta1, t)));
        float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(beta2, t));
        float e = (float) eps;
        float decay = (float) decayFactor();
        float[] m = state[0];
        float[] v = state[1];
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = Math.fma(oneMinusB1, gi - m[i], m[i]);
            float vi = b2 * v[i] + oneMinusB2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            float denom = (float) Math.sqrt(vi) / bc2Sqrt + e;
            w[i] = w[i] * decay - stepSize * mi / denom;
        }
    }

    /** @return the hyper-parameters in PyTorch's style, without the class name */
    protected String hyperParameters() {
        return "lr=" + learningRate() + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps;
    }

    @Override
    public String toString() {
        return "Adam(" + hyperParameters() + ")";
    }
}
