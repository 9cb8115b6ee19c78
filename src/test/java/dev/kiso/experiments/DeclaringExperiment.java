package dev.kiso.experiments;

import java.util.List;

/**
 * A test experiment with id {@code demo} that only declares options: the option parsing and
 * checking can be tested without running anything ({@link #run} fails the test).
 *
 * @param options the options it declares
 */
public record DeclaringExperiment(List<ExperimentOption> options) implements Experiment {
    @Override
    public String id() {
        return "demo";
    }

    @Override
    public String description() {
        return "declares options";
    }

    @Override
    public ExperimentResult run(ExperimentContext context) {
        throw new AssertionError("not run");
    }
}
