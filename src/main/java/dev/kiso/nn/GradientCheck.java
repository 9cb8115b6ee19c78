package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Checks a layer's or a loss's backward pass against central differences of its forward pass,
 * for the input and every parameter.
 *
 * <pre>
 * scalar:    f = Σ y·R for a layer (R a fixed random tensor, so every output counts), the loss itself for a loss
 * numerical: df/dθ_i ≈ (f(θ_i + h) − f(θ_i − h)) / (2h),   h = step·max(1, |θ_i|)
 * analytic:  backward(R) for a layer, backward() for a loss
 * pass:      |analytic − numerical| ≤ absTolerance + relTolerance·|numerical| for every element checked
 * </pre>
 *
 * <p>Float32 needs care that the book's float64 check (h = 1e-4) does not: the scalar is summed in
 * double, the step defaults to 1e-2 (relative to the value when |θ| &gt; 1), and the difference is
 * divided by the step the float values actually took. The defaults (absolute 1e-3, relative 1e-2)
 * suit float32; keep inputs more than the step away from kinks such as ReLU's 0.
 *
 * <p>Large tensors are sampled ({@link #maxSamples(int)} elements each, seeded). Layers are run in
 * training mode; a batch-norm layer's running statistics (every buffer in its state dict) are
 * restored afterwards, and the dropout masks of {@link Dropout} layers (alone or inside a
 * {@link Sequential}) are held fixed during the check. Any other layer that draws random numbers
 * must be made deterministic first: the check refuses a layer whose two forward passes on the same
 * input differ.
 *
 * <pre>
 * GradientCheck.layer(new Affine(4, 3), x).assertPasses();
 * System.out.println(new GradientCheck().maxSamples(20).check(model, x));
 * </pre>
 */
public final class GradientCheck {
    private double step = 1e-2;
    private double absTolerance = 1e-3;
    private double relTolerance = 1e-2;
    private int maxSamples = 64;
    private long seed = 1L;

    /** A check with the default step, tolerances, sample size and seed. */
    public GradientCheck() {
    }

    /**
     * Checks a layer with the default settings.
     *
     * @param layer the layer
     * @param x     an input it accepts
     * @return the report
     */
    public static GradientCheckReport layer(Layer layer, Tensor x) {
        return new GradientCheck().check(layer, x);
    }

    /**
     * Checks a loss with the default settings.
     *
     * @param loss the loss
     * @param y    a prediction
     * @param t    targets for it
     * @return the report
     */
    public static GradientCheckReport loss(Loss loss, Tensor y, Tensor t) {
        return new GradientCheck().check(loss, y, t);
    }

    /**
     * Sets the finite-difference step.
     *
     * @param h the step, relative to the value when |value| &gt; 1; default 1e-2
     * @return this check
     */
    public GradientCheck step(double h) {
        if (!(h > 0 && h < 1)) {
            throw new KisoException("GradientCheck: step must be in (0, 1), got " + h);
        }
        this.step = h;
        return this;
    }

    /**
     * Sets the tolerance {@code |analytic − numeric| ≤ abs + rel·|numeric|}.
     *
     * @param abs the absolute part, default 1e-3
     * @param rel the relative part, default 1e-2
     * @return this check
     */
    public GradientCheck tolerance(double abs, double rel) {
        if (!(abs >= 0 && rel >= 0)) {
            throw new KisoException("GradientCheck: tolerances must be >= 0, got abs=" + abs + ", rel=" + rel);
        }
        this.absTolerance = abs;
        this.relTolerance = rel;
        return this;
    }

    /**
     * Sets how many elements of each tensor to check at most; larger tensors are sampled.
     *
     * @param n at least 1; default 64
     * @return this check
     */
    public GradientCheck maxSamples(int n) {
        if (n < 1) {
            throw new KisoException("GradientCheck: maxSamples must be at least 1, got " + n);
        }
        this.maxSamples = n;
        return this;
    }

    /**
     * Sets the seed of the random projection {@code R} and of the sampling.
     *
     * @param seed the seed; default 1
     * @return this check
     */
    public GradientCheck seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Checks {@code layer}'s gradients with respect to its input (named {@code x}) and its
     * parameters (named as in its state dict), through {@code f = Σ y·R}.
     *
     * @param layer the layer
     * @param x     an input it accepts (not modified)
     * @return the report
     */
    public GradientCheckReport check(Layer layer, Tensor x) {
        Tensor x0 = x.copy();
        Random rng = new Random(seed);
        return withFrozenState(layer, x0, () -> {
            float[] r = Tensor.randn(rng, 0f, 1f, layer.forward(x0, true).shape()).data();
            DoubleSupplier f = () -> dot(layer.forward(x0, true), r);
            Supplier<Tensor> dfdx = () -> {
                int[] yShape = layer.forward(x0, true).shape();
                return layer.backward(Tensor.of(r.clone(), yShape));
            };
            return run(f, dfdx, "x", x0, namedParameters(layer), rng);
        });
    }

    /**
     * Checks {@code loss}'s gradient with respect to the prediction (named {@code y}).
     *
     * @param loss the loss
     * @param y    a prediction (not modified)
     * @param t    targets for it
     * @return the report
     */
    public GradientCheckReport check(Loss loss, Tensor y, Tensor t) {
        Tensor y0 = y.copy();
        DoubleSupplier f = () -> loss.forward(y0, t);
        Supplier<Tensor> dfdy = () -> {
            loss.forward(y0, t);
            return loss.backward();
        };
        return run(f, dfdy, "y", y0, Map.of(), new Random(seed));
    }

    /**
     * Checks a whole model with its loss, as the book does: {@code f = loss(model(x), t)}, for the
     * input and every parameter.
     *
     * @param model the model (any layer)
     * @param loss  the loss
     * @param x     an input batch (not modified)
     * @param t     its targets
     * @return the report
     */
    public GradientCheckReport check(Layer model, Loss loss, Tensor x, Tensor t) {
        Tensor x0 = x.copy();
        return withFrozenState(model, x0, () -> {
            DoubleSupplier f = () -> loss.forward(model.forward(x0, true), t);
            Supplier<Tensor> dfdx = () -> {
                loss.forward(model.forward(x0, true), t);
                return model.backward(loss.backward());
            };
            return run(f, dfdx, "x", x0, namedParameters(model), new Random(seed));
        });
    }

    /** {@code Σ y·r}, summed in double. */
    private static double dot(Tensor y, float[] r) {
        if (y.size() != r.length) {
            throw new IllegalStateException("GradientCheck: the output changed size from " + r.length + " to " + y.size());
        }
        float[] ys = y.contiguous().toArray();
        double sum = 0;
        for (int i = 0; i < r.length; i++) {
            sum += (double) ys[i] * r[i];
        }
        return sum;
    }

    /** What a check does while the layer's buffers are saved and its dropout masks are fixed. */
    private interface Body {
        GradientCheckReport run();
    }

    /**
     * Runs {@code body} with the layer's dropout masks fixed to the ones a first forward draws, and
     * restores every buffer (batch norm's running statistics) afterwards.
     */
    private static GradientCheckReport withFrozenState(Layer layer, Tensor x0, Body body) {
        Map<Tensor, float[]> saved = new IdentityHashMap<>();
        layer.stateDict().values().forEach(t -> saved.put(t, t.toArray()));
        List<Dropout> dropouts = new ArrayList<>();
        collectDropouts(layer, dropouts);
        List<Dropout> pinned = new ArrayList<>();
        try {
            layer.forward(x0, true);
            for (Dropout d : dropouts) {
                if (d.fixedMask() == null && d.mask() != null) {
                    d.fixMask(d.mask());
                    pinned.add(d);
                }
            }
            return body.run();
        } finally {
            pinned.forEach(Dropout::releaseMask);
            saved.forEach((t, values) -> System.arraycopy(values, 0, t.data(), t.offset(), values.length));
        }
    }

    private static void collectDropouts(Layer layer, List<Dropout> out) {
        if (layer instanceof Dropout d) {
            out.add(d);
        } else if (layer instanceof Sequential s) {
            s.layers().forEach(child -> collectDropouts(child, out));
        }
    }

    /** The parameters under their state-dict names ({@code weight}, {@code 0.bias}, ...). */
    private static Map<String, Parameter> namedParameters(Layer layer) {
        Map<Tensor, String> names = new IdentityHashMap<>();
        layer.stateDict().forEach((name, t) -> names.put(t, name));
        Map<String, Parameter> named = new LinkedHashMap<>();
        int i = 0;
        for (Parameter p : layer.parameters()) {
            String name = names.getOrDefault(p.value(), p.name());
            named.put(named.containsKey(name) ? name + "#" + i : name, p);
            i++;
        }
        return named;
    }

    /**
     * Compares {@code dfdInput} and the parameters' gradients with central differences of {@code f}
     * for the input and each parameter.
     */
    private GradientCheckReport run(DoubleSupplier f, Supplier<Tensor> dfdInput, String inputName, Tensor input,
                                    Map<String, Parameter> params, Random rng) {
        double f0 = f.getAsDouble();
        double f1 = f.getAsDouble();
        if (f0 != f1) {
            throw new IllegalStateException("GradientCheck: two forward passes on the same input gave "
                    + f0 + " and " + f1 + "; a layer draws random numbers at every forward. Fix them first"
                    + " (for dropout: Dropout.fixMask).");
        }
        List<GradientCheckReport.TensorResult> results = new ArrayList<>();
        Tensor dInput = dfdInput.get().copy();
        Map<String, Tensor> grads = new LinkedHashMap<>();
        params.forEach((name, p) -> grads.put(name, p.grad().copy()));
        results.add(compare(f, inputName, input, dInput, rng));
        params.forEach((name, p) -> results.add(compare(f, name, p.value(), grads.get(name), rng)));
        return new GradientCheckReport(results, absTolerance, relTolerance);
    }

    /** Compares the analytic gradient of one tensor with central differences at sampled elements. */
    private GradientCheckReport.TensorResult compare(DoubleSupplier f, String name, Tensor value, Tensor analytic, Random rng) {
        if (!Arrays.equals(value.shape(), analytic.shape())) {
            throw new IllegalStateException("GradientCheck: gradient of " + name + " has shape "
                    + Arrays.toString(analytic.shape()) + ", expected " + Arrays.toString(value.shape()));
        }
        float[] v = value.data();
        float[] g = analytic.contiguous().toArray();
        int[] indices = sample(value.size(), rng);
        int worst = indices.length == 0 ? 0 : indices[0];
        double worstRatio = -1;
        double worstNumeric = 0;
        double sumAbs = 0;
        for (int i : indices) {
            int at = value.offset() + i;
            float original = v[at];
            double h = step * Math.max(1.0, Math.abs(original));
            float plus = (float) (original + h);
            float minus = (float) (original - h);
            v[at] = plus;
            double fPlus = f.getAsDouble();
            v[at] = minus;
            double fMinus = f.getAsDouble();
            v[at] = original;
            double numeric = (fPlus - fMinus) / ((double) plus - minus);
            double err = Math.abs(g[i] - numeric);
            sumAbs += err;
            double ratio = err / (absTolerance + relTolerance * Math.abs(numeric));
            if (ratio > worstRatio) {
                worstRatio = ratio;
                worst = i;
                worstNumeric = numeric;
            }
        }
        double a = indices.length == 0 ? 0 : g[worst];
        double err = Math.abs(a - worstNumeric);
        double scale = Math.max(Math.abs(a), Math.abs(worstNumeric));
        return new GradientCheckReport.TensorResult(name, value.shape(), indices.length, unravel(worst, value.shape()),
                a, worstNumeric, err, scale == 0 ? 0 : err / scale, indices.length == 0 ? 0 : sumAbs / indices.length,
                worstRatio <= 1);
    }

    /** All indices if there are at most {@code maxSamples}, else a seeded sample of them, sorted. */
    private int[] sample(int size, Random rng) {
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        if (size <= maxSamples) {
            return all;
        }
        for (int i = 0; i < maxSamples; i++) {
            int j = i + rng.nextInt(size - i);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        int[] picked = Arrays.copyOf(all, maxSamples);
        Arrays.sort(picked);
        return picked;
    }

    private static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] > 0) {
                index[d] = flat % shape[d];
                flat /= shape[d];
            }
        }
        return index;
    }
}
