package dev.kiso;

import dev.kiso.data.FashionMnist;
import dev.kiso.data.TrainTest;
import dev.kiso.nn.Affine;
import dev.kiso.nn.Conv2D;
import dev.kiso.nn.Flatten;
import dev.kiso.nn.MaxPool2D;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.SoftmaxCrossEntropy;
import dev.kiso.optim.Adam;
import dev.kiso.tensor.Tensor;
import dev.kiso.train.Evaluation;
import dev.kiso.train.FitConfig;
import dev.kiso.train.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's "model in ten lines", run on a subset so the README cannot show code that does not work. */
class ReadmeExampleTest {

    /** The README's code, with the data, the epoch count and the file as parameters. */
    static Evaluation readmeExample(TrainTest data, int epochs, Path file) {
        Sequential model = new Sequential(
                new Conv2D(1, 30, 5), new ReLU(), new MaxPool2D(2, 2),
                new Flatten(), new Affine(30 * 12 * 12, 100), new ReLU(), new Affine(100, 10));
        History history = model.fit(data.train().inputs(), data.train().targets(), FitConfig.builder()
                .loss(new SoftmaxCrossEntropy()).optimizer(new Adam(1e-3))
                .epochs(epochs).batchSize(100).validationFraction(0.1).quiet().build());
        Evaluation test = model.evaluate(data.test().inputs(), data.test().targets(), new SoftmaxCrossEntropy());
        model.save(file);
        assertThat(history.epochs()).isEqualTo(epochs);
        return test;
    }

    @Test
    void theExampleTrainsAndSaves(@TempDir Path dir) {
        TrainTest full = FashionMnist.load();
        TrainTest small = new TrainTest(full.train().first(2000), full.test().first(500),
                full.classNames(), full.directory());
        Path file = dir.resolve("model.safetensors");
        Evaluation test = readmeExample(small, 1, file);
        assertThat(test.accuracy()).isGreaterThan(0.6);
        Sequential loaded = Sequential.load(file);
        Tensor x = small.test().inputs().slice(0, 0, 10);
        assertThat(loaded.predictClasses(x)).hasSize(10);
    }

    @Test
    void theReadmeShowsThisCode() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```java\nTrainTest data = FashionMnist.load();\n");
        assertThat(start).as("README has the ten-line example").isNotNegative();
        String block = readme.substring(start, readme.indexOf("```\n", start + 7));
        String source = Files.readString(Path.of("src/test/java/dev/kiso/ReadmeExampleTest.java"));
        for (String line : block.split("\n")) {
            String code = line.strip()
                    .replace(".epochs(5)", ".epochs(epochs)")
                    .replace(".build());", ".quiet().build());")
                    .replace("Path.of(\"model.safetensors\")", "file");
            if (code.startsWith("```") || code.startsWith("TrainTest data") || code.startsWith("System.out")) {
                continue;
            }
            assertThat(source).as("README line runs in this test: " + line).contains(code);
        }
    }
}
