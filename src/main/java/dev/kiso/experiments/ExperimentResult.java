package dev.kiso.experiments;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an experiment produced: the one-line summary of what its chart shows, the measured
 * quantities its acceptance criteria use (by name), and the files it wrote.
 *
 * @param id      the experiment's id
 * @param summary one line, e.g. "final test accuracy: SGD 0.71, Adam 0.84"
 * @param metrics the measured quantities, by name, in a stable order
 * @param files   the chart (PNG) and data (CSV) written
 */
public record ExperimentResult(String id, String summary, Map<String, Double> metrics, List<Path> files) {

    /**
     * One measured quantity.
     *
     * @param name its name
     * @return its value
     * @throws IllegalArgumentException if the experiment did not measure it
     */
    public double metric(String name) {
        Double v = metrics.get(name);
        if (v == null) {
            throw new IllegalArgumentException(id + ": no metric '" + name + "'; measured: " + metrics.keySet());
        }
        return v;
    }
}
