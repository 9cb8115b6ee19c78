package dev.kiso.nn.reg;

/*
 * L2 (ridge, weight decay):
 *
 *   R(w)  = ½·λ·Σwᵢ²
 *   ∂R/∂w = λ·w
 *
 * This is PyTorch's weight_decay = λ and the course's ½λ‖W‖². (Keras writes λ·Σw², which
 * doubles the gradient for the same λ.)
 */

/**
 * L2 penalty {@code ½·λ·Σw²} with gradient {@code λ·w}.
 */
public final class L2 extends ElementwiseRegularizer {

    private final double lambda;

    /**
     * @param lambda λ ≥ 0; 0 behaves exactly as no regularizer
     */
    public L2(double lambda) {
        super(checkStrength("L2", lambda));
        this.lambda = lambda;
    }

    @Override
    double sum(float[] w, int off, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double wi = w[off + i];
            s += wi * wi;
        }
        return 0.5 * lambda * s;
    }

    @Override
    void addGradient(float[] w, int wOff, float[] g, int gOff, int n) {
        float l = (float) lambda;
        for (int i = 0; i < n; i++) {
            g[gOff + i] += l * w[wOff + i];
        }
    }

    @Override
    public String toString() {
        return "L2(lambda=" + lambda + ")";
    }
}
