package dev.kiso.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link GradientCheck} found: for each tensor checked (the input {@code x} or a loss's
 * prediction {@code y}, and every parameter under its state-dict name) the worst element, its
 * analytic (backprop) and numerical gradients, their absolute and relative difference, the book's
 * mean absolute difference, and whether every checked element was within tolerance.
 */
public final class GradientCheckReport {

    /**
     * The result for one tensor.
     *
     * @param name          {@code x}, {@code y} or the parameter's name, e.g. {@code 0.weight}
     * @param shape         the tensor's shape
     * @param checked       how many elements were compared (all, or a seeded sample)
     * @param worstIndex    index of the element farthest outside (or least inside) the tolerance
     * @param analytic      the backprop gradient there
     * @param numeric       the central-difference gradient there
     * @param absError      {@code |analytic − numeric|} there
     * @param relError      {@code absError / max(|analytic|, |numeric|)} there (0 if both are 0)
     * @param meanAbsError  mean of {@code |analytic − numeric|} over the checked elements (the book's metric)
     * @param passed        whether every checked element was within tolerance
     */
    public record TensorResult(String name, int[] shape, int checked, int[] worstIndex, double analytic,
                               double numeric, double absError, double relError, double meanAbsError,
                               boolean passed) {
    }

    private final List<TensorResult> results;
    private final double absTolerance;
    private final double relTolerance;

    /**
     * A report.
     *
     * @param results      one result per tensor, in the order checked
     * @param absTolerance the absolute part of the tolerance
     * @param relTolerance the relative part of the tolerance
     */
    public GradientCheckReport(List<TensorResult> results, double absTolerance, double relTolerance) {
        this.results = List.copyOf(results);
        this.absTolerance = absTolerance;
        this.relTolerance = relTolerance;
    }

    /** @return the results, one per tensor */
    public List<TensorResult> results() {
        return results;
    }

    /**
     * The result for one tensor.
     *
     * @param name {@code x}, {@code y} or a parameter's name
     * @return its result
     * @throws IllegalArgumentException if no tensor of that name was checked
     */
    public TensorResult result(String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("GradientCheckReport: no tensor named '" + name
                        + "'; checked " + results.stream().map(TensorResult::name).toList()));
    }

    /** @return whether every checked element of every tensor was within tolerance */
    public boolean passed() {
        return results.stream().allMatch(TensorResult::passed);
    }

    /**
     * Returns quietly if the check passed.
     *
     * @throws IllegalStateException with this report as its message, if it did not
     */
    public void assertPasses() {
        if (!passed()) {
            throw new IllegalStateException("Gradient check failed:\n" + this);
        }
    }

    /** @return a table with one row per tensor */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "gradient check (pass if |analytic - numeric| <= %.1e + %.1e * |numeric|)%n", absTolerance, relTolerance));
        sb.append(String.format(Locale.ROOT, "%-16s %-14s %7s %-14s %13s %13s %10s %10s %10s  %s%n",
                "tensor", "shape", "checked", "worst at", "analytic", "numeric", "abs err", "rel err", "mean abs", "result"));
        for (TensorResult r : results) {
            sb.append(String.format(Locale.ROOT, "%-16s %-14s %7d %-14s %13.6e %13.6e %10.2e %10.2e %10.2e  %s%n",
                    r.name(), Arrays.toString(r.shape()), r.checked(), Arrays.toString(r.worstIndex()), r.analytic(),
                    r.numeric(), r.absError(), r.relError(), r.meanAbsError(), r.passed() ? "ok" : "FAIL"));
        }
        return sb.toString();
    }
}
