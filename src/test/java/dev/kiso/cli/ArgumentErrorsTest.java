package dev.kiso.cli;

import dev.kiso.nn.Affine;
import dev.kiso.nn.Flatten;
import dev.kiso.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every user mistake ends as one clear line on standard error and exit code 2, never a stack trace. */
class ArgumentErrorsTest {

    @TempDir
    Path dir;

    private static void assertFails(String expected, String... argv) {
        CliTesting r = CliTesting.run(argv);
        assertThat(r.exit()).as(r.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.oneErrorLine()).contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void benchRejectsBadOptionsBeforeLoadingAnything() {
        assertFails("bench --layers: name one workload (W1, W2 or W3), not gemm", "bench", "gemm", "--layers");
        assertFails("bench --layers: name one workload (W1, W2 or W3), not all", "bench", "--layers");
        assertFails("bench: --threads expects positive whole numbers", "bench", "W3", "--layers", "--threads", "0");
    }

    @Test
    void trainRejectsBadOptionsBeforeLoadingAnything() {
        assertFails("kiso train: unknown option --epoch; did you mean --epochs?", "train", "--epoch", "3");
        assertFails("kiso train: --epochs expects a whole number, got 'three'", "train", "--epochs", "three");
        assertFails("kiso train: --epochs must be between 1 and 100000, got 0", "train", "--epochs", "0");
        assertFails("kiso train: option --lr needs a value", "train", "--lr");
        assertFails("unknown model 'resnet9000'; choose one of mlp, simplecnn", "train", "--model", "resnet9000");
        assertFails("unknown optimizer 'adamx'; choose sgd, momentum", "train", "--optimizer", "adamx");
        assertFails("--lr must be a positive number, got -0.1", "train", "--lr", "-0.1");
        assertFails("unknown regularizer 'l3'", "train", "--regularizer", "l3");
        assertFails("--lambda needs --regularizer l1, l2 or elasticnet", "train", "--lambda", "0.1");
        assertFails("--dropout must be in [0, 1), got 1.0", "train", "--dropout", "1");
        assertFails("--validation-fraction must be in [0, 1), got 1.5", "train", "--validation-fraction", "1.5");
        assertFails("--threads must be between 1 and 1024, got 0", "train", "--threads", "0");
        assertFails("takes no positional arguments, got extra", "train", "extra");
        assertFails("option --quiet takes no value", "train", "--quiet=yes");
    }

    @Test
    void evaluateAndPredictNameTheMissingFile() {
        Path missing = dir.resolve("nope.safetensors");
        assertFails("kiso evaluate: no such file: " + missing, "evaluate", missing.toString());
        assertFails("kiso predict: no such file: " + missing, "predict", missing.toString(), "x.png");
        assertFails("evaluate: expected one model file, got none", "evaluate");
        assertFails("predict: expected a model file and at least one image, got m.safetensors", "predict",
                "m.safetensors");
    }

    @Test
    void aModelThatDoesNotFitTheDataIsOneLine() throws Exception {
        Path wrongInput = dir.resolve("wrong-input.safetensors");
        new Sequential(new Affine(10, 3)).save(wrongInput);
        assertFails("wrong-input.safetensors: the model does not take Fashion-MNIST's 28x28 grey images [N, 1, 28, 28]:"
                + " Affine(in=10, out=3)", "evaluate", wrongInput.toString());

        Path wrongOutput = dir.resolve("wrong-output.safetensors");
        new Sequential(new Flatten(), new Affine(784, 5)).save(wrongOutput);
        assertFails("wrong-output.safetensors: the model gives outputs [1, 5] for one image, not 10 class scores",
                "predict", wrongOutput.toString(), "x.png");

        Path notAModel = dir.resolve("text.safetensors");
        Files.writeString(notAModel, "hello");
        assertFails("text.safetensors", "evaluate", notAModel.toString());
    }

    @Test
    void predictRejectsFilesThatAreNotImages() throws Exception {
        Path model = dir.resolve("m.safetensors");
        new Sequential(new Flatten(), new Affine(784, 10)).save(model);
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not a picture");
        assertFails("notes.png: not an image ImageIO can read (use PNG or JPEG)", "predict", model.toString(),
                text.toString());
        assertFails("kiso predict: no such file: " + dir.resolve("gone.png"), "predict", model.toString(),
                dir.resolve("gone.png").toString());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"train", "evaluate", "predict"}) {
            CliTesting r = CliTesting.run(command, "--help");
            assertThat(r.exit()).isZero();
            assertThat(r.out()).startsWith("usage: ./kiso " + command);
            assertThat(r.err()).isEmpty();
        }
        assertThat(CliTesting.run("train", "--help").out()).contains("--model NAME").contains("simplecnn")
                .contains("lenet5").contains("--early-stopping P").contains("--augment");
        assertThat(CliTesting.run("--help").out()).contains("train").contains("evaluate").contains("predict");
    }
}
