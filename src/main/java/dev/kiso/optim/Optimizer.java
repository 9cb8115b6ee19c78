package dev.kiso.optim;

import dev.kiso.KisoException;
import dev.kiso.nn.Parameter;
import dev.kiso.tensor.Tensor;
import dev.kiso.tensor.kernel.Parallel;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates parameters from their gradients: {@code w ← w − (something learned from g)}.
 *
 * <p>Each subclass states its update rule in its top comment and implements it in
 * {@link #update}: one pass over a range of the parameter's {@code float[]}, no temporaries; large
 * parameters are updated by Kiso's worker threads, each over its own range.
 * State (velocities, running averages) is created lazily, the first time a parameter is stepped,
 * and kept per parameter object (an identity map), so one optimizer can train any set of
 * parameters. The learning rate can be changed between steps, which is how schedules work.
 */
public abstract class Optimizer {

    /** Smallest share of a parameter worth handing to another thread (W2's 432 000 weights: two). */
    private static final int PARALLEL_GRAIN = 1 << 16;

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
            int n = w.size();
            // update() indexes w, g and the state alike from 0: a parameter that is a view inside a
            // larger array is updated in a copy, then put back
            float[] ws = w.offset() == 0 ? w.data() : Arrays.copyOfRange(w.data(), w.offset(), w.offset() + n);
            float[] gs = g.offset() == 0 ? g.data() : Arrays.copyOfRange(g.data(), g.offset(), g.offset() + n);
            float[][] state = s.buffers;
            long t = s.t;
            Parallel.forRange(n, PARALLEL_GRAIN, (from, to) -> update(ws, gs, state, from, to, t));
            if (ws != w.data()) {
                System.arraycopy(ws, 0, w.data(), w.offset(), n);
            }
        }
    }

    /**
     * Updates elements {@code from} to {@code to − 1} of one parameter in place. The parameter's
     * values, its gradient and every state array are indexed alike (element i is {@code w[i]},
     * {@code g[i]}, {@code state[k][i]}), so the loop indexes them all by the bare loop variable,
     * which is what lets the JIT turn it into SIMD code (with offsets it stayed scalar, about 10
     * times slower). Parameters of {@value #PARALLEL_GRAIN} elements or more are cut into ranges
     * that several threads update at once: an update touches only the elements of its range, and
     * computes each element on its own, so the result does not depend on the number of threads.
     *
     * @param w     the parameter's values
     * @param g     the gradient
     * @param state this parameter's state arrays (zero at first)
     * @param from  first element to update
     * @param to    one past the last element to update
     * @param t     this parameter's step count, 1 at the first step
     */
    protected abstract void update(float[] w, float[] g, float[][] state, int from, int to, long t);

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
