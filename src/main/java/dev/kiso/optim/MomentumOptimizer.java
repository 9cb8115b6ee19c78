package dev.kiso.optim;

/**
 * What {@link Momentum} and {@link Nesterov} share: the momentum μ in [0, 1), one velocity
 * array per parameter, and the printed form. Each subclass states and implements its own update.
 */
abstract class MomentumOptimizer extends Optimizer {

    /** The default μ, PyTorch's usual choice and the course's. */
    static final double DEFAULT_MOMENTUM = 0.9;

    /** μ, the fraction of the velocity kept at each step. */
    final double momentum;

    /**
     * @param learningRate η
     * @param momentum     μ in [0, 1)
     */
    MomentumOptimizer(double learningRate, double momentum) {
        super(learningRate, 1);
        this.momentum = checkRange("momentum", momentum, 0, 1);
    }

    @Override
    public String toString() {
        return name() + "(lr=" + learningRate() + ", momentum=" + momentum + ")";
    }
}
