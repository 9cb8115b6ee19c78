package dev.kiso.nn.reg;

/*
 * Elastic net: L1 and L2 together, with separate strengths.
 *
 *   R(w)  = λ₁·Σ|wᵢ| + ½·λ₂·Σwᵢ²
 *   ∂R/∂w = λ₁·sign(w) + λ₂·w      (sign(0) = 0)
 */

/**
 * Elastic net penalty {@code λ₁·Σ|w| + ½·λ₂·Σw²} with gradient {@code λ₁·sign(w) + λ₂·w}.
 */
public final class ElasticNet extends ElementwiseRegularizer {

    private final double l1;
    private final double l2;

    /**
     * @param l1 λ₁ ≥ 0, the L1 strength
     * @param l2 λ₂ ≥ 0, the L2 strength
     */
    public ElasticNet(double l1, double l2) {
        super(checkStrength("ElasticNet l1", l1), checkStrength("ElasticNet l2", l2));
        this.l1 = l1;
        this.l2 = l2;
    }

    @Override
    double sum(float[] w, int off, int n) {
        double abs = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double wi = w[off + i];
            abs += Math.abs(wi);
            sq += wi * wi;
        }
        return l1 * abs + 0.5 * l2 * sq;
    }

    @Override
    void addGradient(float[] w, int wOff, float[] g, int gOff, int n) {
        float a = (float) l1;
        float b = (float) l2;
        for (int i = 0; i < n; i++) {
            float wi = w[wOff + i];
            g[gOff + i] += a * Math.signum(wi) + b * wi;
        }
    }

    @Override
    public String toString() {
        return "ElasticNet(l1=" + l1 + ", l2=" + l2 + ")";
    }
}
