package dev.kiso.experiments;

import dev.kiso.KisoException;

import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue of experiments: every family's experiments, in the order of EXPERIMENTS.md.
 * A family is one class with a static {@code experiments()} method; it is listed here by hand
 * (no class-path scanning), so the catalogue is plain to read.
 */
public final class Experiments {
    private Experiments() {
    }

    /** @return every experiment, in catalogue order */
    public static List<Experiment> all() {
        List<Experiment> all = new ArrayList<>();
        // Families are added here as they land, in EXPERIMENTS.md order (A, B, C, D, E, F).
        all.addAll(InitExperiments.experiments());
        all.addAll(OptimizerExperiments.experiments());
        all.addAll(BatchNormExperiments.experiments());
        all.addAll(RegularizationExperiments.experiments());
        all.addAll(AugmentEnsembleExperiments.experiments());
        all.addAll(ConvExperiments.experiments());
        return all;
    }

    /**
     * The experiment with this id.
     *
     * @param id the id
     * @return the experiment
     * @throws KisoException naming the known ids if there is none
     */
    public static Experiment find(String id) {
        for (Experiment e : all()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new KisoException("experiment: unknown id '" + id + "' (./kiso experiment list shows them)");
    }
}
