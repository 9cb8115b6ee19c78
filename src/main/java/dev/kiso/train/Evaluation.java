package dev.kiso.train;

import dev.kiso.KisoException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of evaluating a model on a data set: the mean loss (data loss only, no penalty) and
 * the mean of each metric over all samples.
 */
public final class Evaluation {

    private final double loss;
    private final Map<String, Double> metrics;

    /**
     * @param loss    the mean loss over the samples
     * @param metrics each metric's mean over the samples, by name
     */
    public Evaluation(double loss, Map<String, Double> metrics) {
        this.loss = loss;
        this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** @return the mean loss over the samples */
    public double loss() {
        return loss;
    }

    /** @return the accuracy, if it was computed */
    public double accuracy() {
        return metric("accuracy");
    }

    /**
     * @param name the metric's name
     * @return its mean over the samples
     */
    public double metric(String name) {
        Double value = metrics.get(name);
        if (value == null) {
            throw new KisoException("Evaluation: no metric '" + name + "'; computed " + metrics.keySet());
        }
        return value;
    }

    /** @return every metric by name (read-only) */
    public Map<String, Double> metrics() {
        return metrics;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Evaluation(loss=" + loss);
        metrics.forEach((name, value) -> s.append(", ").append(name).append('=').append(value));
        return s.append(')').toString();
    }
}
