package dev.kiso.optim;

import dev.kiso.KisoException;
import dev.kiso.nn.Parameter;
import dev.kiso.tensor.Tensor;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates parameters from their gradients: {@code w ← w − (something learned from g)}.
 *
 * <p>Each subclass states its update rule in its top comment and implements it in
 * {@link #update}: one pass over the parameter's contiguous {@code float[]}, no temporaries.
 * State (velocities, running averages) is created lazily, the first time a parameter is stepped,
 * and kept per parameter object (an identity map), so one optimizer can train any set of
 * parameters. The learning rate can be changed between steps, which is how schedules work.
 */
public abstract class Optimizer {

    private double learningRate;
    private final int slots;
    private final Map<Parameter, State> states = new IdentityHashMap<>();

    /** Per-parameter state: {@code slots} arrays the size of the parameter and a step counter. */
    private static final class State {
        final float[][] buffers;
        long t;

        State(int slots, int n) {
            buffers = new float[slots][n];
        }
    }

    /**
     * @param learningRate the learning rate η, positive
     * @param slots        how many arrays of state each parameter needs (0 for SGD, 2 for Adam)
     */
    protected Optimizer(double learningRate, int slots) {
        this.learningRate = checkLearningRate(learningRate);
        this.slots = slots;
    }

    /**
     * Applies one update to every parameter, reading its gradient.
     *
     * @param parameters the parameters to update in place
     */
    public void step(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            Tensor w = p.value();
            Tensor g = p.grad();
            if (!g.isContiguous()) {
                throw new KisoException(name() + ".step: gradient of " + p + " must be contiguous");
            }
            State s = states.computeIfAbsent(p, key -> new State(slots, w.size()));
            s.t++;
            update(w.data(), w.offset(), g.data(), g.offset(), w.size(), s.buffers, s.t);
        }
    }

    /**
     * Updates one parameter in place.
     *
     * @param w     the parameter's values
     * @param wOff  index of its first value in {@code w}
     * @param g     the gradient's values
     * @param gOff  index of its first value in {@code g}
     * @param n     the number of values
     * @param state this parameter's state arrays (each of length {@code n}, zero at first)
     * @param t     this parameter's step count, 1 at the first step
     */
    protected abstract void update(float[] w, int wOff, float[] g, int gOff, int n, float[][] state, long t);

    /** @return the current learning rate η */
    public double learningRate() {
        return learningRate;
    }

    /**
     * Sets the learning rate used by the next steps (schedules call this).
     *
     * @param learningRate the new learning rate, positive and finite
     */
    public void setLearningRate(double learningRate) {
        this.learningRate = checkLearningRate(learningRate);
    }

    /** Forgets all state (velocities, averages, step counts), as if no step had been taken. */
    public void reset() {
        states.clear();
    }

    /**
     * A copy of one parameter's state, for inspection and tests.
     *
     * @param p    the parameter
     * @param slot which state array (for Adam 0 = m, 1 = v)
     * @return a copy of the array, or {@code null} before the parameter's first step
     */
    public float[] stateOf(Parameter p, int slot) {
        State s = states.get(p);
        return s == null ? null : Arrays.copyOf(s.buffers[slot], s.buffers[slot].length);
    }

    /** @return the class name, used in error messages */
    protected String name() {
        return getClass().getSimpleName();
    }

    private double checkLearningRate(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new KisoException(getClass().getSimpleName() + ": learning rate must be positive and finite, got " + lr);
        }
        return lr;
    }

    /**
     * Checks a hyper-parameter lies in {@code [low, high)}.
     *
     * @param what  its name, for the message
     * @param value its value
     * @param low   smallest allowed value
     * @param high  first value not allowed
     * @return the value
     */
    protected final double checkRange(String what, double value, double low, double high) {
        if (!(value >= low && value < high)) {
            throw new KisoException(name() + ": " + what + " must be in [" + low + ", " + high + "), got " + value);
        }
        return value;
    }
}
