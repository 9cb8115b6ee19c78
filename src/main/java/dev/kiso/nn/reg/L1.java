package dev.kiso.nn.reg;

/*
 * L1 (lasso):
 *
 *   R(w)  = λ·Σ|wᵢ|
 *   ∂R/∂w = λ·sign(w)      with sign(0) = 0, so a weight at exactly 0 gets no push
 *
 * It drives many weights to exactly zero (sparse weights).
 */

/**
 * L1 penalty {@code λ·Σ|w|} with gradient {@code λ·sign(w)}, sign(0) = 0.
 */
public final class L1 extends ElementwiseRegularizer {

    private final double lambda;

    /**
     * @param lambda λ ≥ 0; 0 behaves exactly as no regularizer
     */
    public L1(double lambda) {
        super(checkStrength("L1", lambda));
        this.lambda = lambda;
    }

    @Override
    double sum(float[] w, int off, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.abs(w[off + i]);
        }
        return lambda * s;
    }

    @Override
    void addGradient(float[] w, int wOff, float[] g, int gOff, int n) {
        float l = (float) lambda;
        for (int i = 0; i < n; i++) {
            g[gOff + i] += l * Math.signum(w[wOff + i]);
        }
    }

    @Override
    public String toString() {
        return "L1(lambda=" + lambda + ")";
    }
}
