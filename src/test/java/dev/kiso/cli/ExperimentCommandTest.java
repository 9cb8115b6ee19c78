package dev.kiso.cli;

import dev.kiso.experiments.DeclaringExperiment;
import dev.kiso.experiments.Experiment;
import dev.kiso.experiments.ExperimentOption;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code ./kiso experiment} reads an experiment's own options, and its mistakes. */
class ExperimentCommandTest {

    private static final Experiment DEMO = new DeclaringExperiment(List.of(
            ExperimentOption.flag("course", "the course's form"),
            new ExperimentOption("hidden", ExperimentOption.Type.INTS, "hidden sizes")));

    @Test
    void switchesValuesAndSetPairsBecomeTheExperimentsOptions() {
        ExperimentCommand.Split s = ExperimentCommand.split(new String[]{
                "--hidden", "100,100", "demo", "--course", "--seed", "3", "--set", "x=1=2", "--set=y=", "--profile=quick"},
                DEMO);
        assertThat(s.common()).containsExactly("demo", "--seed", "3", "--profile=quick");
        assertThat(s.own()).containsExactly(java.util.Map.entry("hidden", "100,100"),
                java.util.Map.entry("course", "true"), java.util.Map.entry("x", "1=2"), java.util.Map.entry("y", ""));
        assertThat(ExperimentCommand.split(new String[]{"demo", "--hidden=5", "--course=false"}, DEMO).own())
                .containsExactly(java.util.Map.entry("hidden", "5"), java.util.Map.entry("course", "false"));
    }

    private static void assertFails(String expected, String... argv) {
        CliTesting r = CliTesting.run(argv);
        assertThat(r.exit()).as(r.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.oneErrorLine()).contains(expected).doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void mistakesEndInOneLineNamingTheExperimentAndTheOption() {
        assertFails("experiment overfit-l1: unknown option --foo; it takes no options of its own",
                "experiment", "overfit-l1", "--foo", "3");
        assertFails("experiment overfit-l1: --set expects KEY=VALUE, got 'foo'",
                "experiment", "overfit-l1", "--set", "foo");
        assertFails("experiment all: option --course belongs to one experiment",
                "experiment", "all", "--course");
        assertFails("experiment: unknown id 'nope'", "experiment", "nope", "--course");
    }

    @Test
    void theHelpMentionsSet() {
        assertThat(CliTesting.run("experiment", "--help").out()).contains("--set KEY=VALUE");
    }
}
