package dev.kiso.nn.reg;

import dev.kiso.KisoException;
import dev.kiso.nn.Parameter;
import dev.kiso.tensor.Tensor;

import java.util.List;

/**
 * The walk over parameters shared by penalties that are a sum over single weights,
 * {@code R(w) = Σ r(wᵢ)}: subclasses give the sum over one array and the gradient update of one array.
 */
abstract class ElementwiseRegularizer implements Regularizer {

    /** Whether every strength is zero, in which case nothing is computed or added. */
    private final boolean zero;

    /**
     * @param strengths the penalty's strengths, each already checked by {@link #checkStrength}
     */
    ElementwiseRegularizer(double... strengths) {
        boolean allZero = true;
        for (double lambda : strengths) {
            allZero &= lambda == 0;
        }
        this.zero = allZero;
    }

    /** Σ r(wᵢ) over {@code w[off..off+n)}, in double. */
    abstract double sum(float[] w, int off, int n);

    /** {@code g[gOff+i] += r'(w[wOff+i])} for i in [0, n). */
    abstract void addGradient(float[] w, int wOff, float[] g, int gOff, int n);

    @Override
    public final double penalty(List<Parameter> parameters) {
        if (zero) {
            return 0.0;
        }
        double total = 0.0;
        for (Parameter p : parameters) {
            if (p.regularized()) {
                Tensor w = p.value();
                total += sum(w.data(), w.offset(), w.size());
            }
        }
        return total;
    }

    @Override
    public final void addGradients(List<Parameter> parameters) {
        if (zero) {
            return;
        }
        for (Parameter p : parameters) {
            if (p.regularized()) {
                Tensor w = p.value();
                Tensor g = p.grad();
                addGradient(w.data(), w.offset(), g.data(), g.offset(), w.size());
            }
        }
    }

    static double checkStrength(String name, double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new KisoException(name + ": strength must be finite and >= 0, got " + lambda);
        }
        return lambda;
    }
}
