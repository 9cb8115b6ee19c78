package dev.kiso.experiments;

import dev.kiso.KisoException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Options of one experiment: declared, checked, read through typed getters, recorded in the CSV. */
class ExperimentOptionsTest {

    private static final Experiment DEMO = new DeclaringExperiment(List.of(
            ExperimentOption.flag("course", "the course's form"),
            new ExperimentOption("hidden", ExperimentOption.Type.INTS, "hidden sizes"),
            new ExperimentOption("iters", ExperimentOption.Type.INT, "iterations"),
            new ExperimentOption("lambda", ExperimentOption.Type.NUMBER, "penalty"),
            new ExperimentOption("label", ExperimentOption.Type.TEXT, "a name")));

    private static final ExperimentContext BASE =
            new ExperimentContext(7, Profile.QUICK, Path.of("out"), new PrintStream(OutputStream.nullOutputStream()));

    private static ExperimentContext with(String... keyValues) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            given.put(keyValues[i], keyValues[i + 1]);
        }
        return BASE.forExperiment(DEMO, given);
    }

    @Test
    void gettersReturnTheDefaultsWhenNothingIsGiven() {
        ExperimentContext c = with();
        assertThat(c.experiment()).isEqualTo("demo");
        assertThat(c.flag("course")).isFalse();
        assertThat(c.intsOption("hidden", 40, 20)).containsExactly(40, 20);
        assertThat(c.intOption("iters", 2000)).isEqualTo(2000);
        assertThat(c.numberOption("lambda", 0.1)).isEqualTo(0.1);
        assertThat(c.textOption("label", "x")).isEqualTo("x");
        assertThat(BASE.flag("course")).isFalse();
    }

    @Test
    void gettersParseTheGivenValues() {
        ExperimentContext c = with("course", "true", "hidden", "100, 100,50", "iters", "1000",
                "lambda", "1e-3", "label", "a b");
        assertThat(c.flag("course")).isTrue();
        assertThat(c.intsOption("hidden", 40, 20)).containsExactly(100, 100, 50);
        assertThat(c.intOption("iters", 2000)).isEqualTo(1000);
        assertThat(c.numberOption("lambda", 0.1)).isEqualTo(0.001);
        assertThat(c.textOption("label", "x")).isEqualTo("a b");
        assertThat(with("course", "FALSE").flag("course")).isFalse();
    }

    @Test
    void theContextKeepsSeedProfileAndFolder() {
        ExperimentContext c = with("iters", "5");
        assertThat(c.seed()).isEqualTo(7);
        assertThat(c.profile()).isEqualTo(Profile.QUICK);
        assertThat(c.file("a.png")).isEqualTo(Path.of("out", "a.png"));
        assertThat(c.rng(3).nextLong()).isEqualTo(BASE.rng(3).nextLong());
    }

    @Test
    void unknownOptionsAreRejectedNamingTheExperimentAndTheOption() {
        assertThatThrownBy(() -> with("hiden", "1"))
                .isInstanceOf(KisoException.class)
                .hasMessageContaining("experiment demo: unknown option --hiden")
                .hasMessageContaining("--course, --hidden N,N,..., --iters N");
        Experiment plain = new DeclaringExperiment(List.of());
        assertThatThrownBy(() -> BASE.forExperiment(plain, Map.of("course", "true")))
                .hasMessage("experiment demo: unknown option --course; it takes no options of its own");
    }

    @Test
    void malformedValuesAreRejectedBeforeTheRun() {
        assertThatThrownBy(() -> with("hidden", "100,x")).isInstanceOf(KisoException.class)
                .hasMessage("experiment demo: option --hidden expects whole numbers separated by commas, got '100,x'");
        assertThatThrownBy(() -> with("hidden", "")).hasMessageContaining("--hidden expects whole numbers");
        assertThatThrownBy(() -> with("iters", "1.5"))
                .hasMessage("experiment demo: option --iters expects a whole number, got '1.5'");
        assertThatThrownBy(() -> with("lambda", "NaN"))
                .hasMessage("experiment demo: option --lambda expects a number, got 'NaN'");
        assertThatThrownBy(() -> with("course", "yes"))
                .hasMessage("experiment demo: option --course expects true or false, got 'yes'");
    }

    @Test
    void theCsvRecordsTheOptionsAfterExperimentSeedAndProfile(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("demo.csv");
        with("course", "true", "hidden", "100,100").csv("demo").write(file);
        assertThat(Files.readString(file)).startsWith(
                "# experiment=demo\n# seed=7\n# profile=quick\n# course=true\n# hidden=100,100\nseries,x,y\n");
    }

    @Test
    void declarationsAreChecked() {
        assertThatThrownBy(() -> ExperimentOption.flag("--course", "x")).isInstanceOf(KisoException.class)
                .hasMessageContaining("'--course'");
        assertThatThrownBy(() -> ExperimentOption.flag("a=b", "x")).isInstanceOf(KisoException.class);
        assertThat(ExperimentOption.flag("course", "x").usage()).isEqualTo("--course");
    }
}
