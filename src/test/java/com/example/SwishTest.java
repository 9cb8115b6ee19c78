package com.example;

import dev.kiso.nn.Affine;
import dev.kiso.nn.GradientCheck;
import dev.kiso.nn.Parameter;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.SoftmaxCrossEntropy;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The worked example of docs/custom-layers.md, run. */
class SwishTest {

    @Test
    void matchesTheClosedForm() {
        float[] x = {-2f, 0f, 1.5f};
        float[] y = new Swish().forward(Tensor.of(x, 3), false).toArray();
        for (int i = 0; i < x.length; i++) {
            assertThat((double) y[i]).isCloseTo(x[i] / (1 + Math.exp(-x[i])), within(1e-6));
        }
    }

    @Test
    void passesGradientCheck() {
        GradientCheck.layer(new Swish(), Tensor.rand(new Random(1), -3f, 3f, 4, 5)).assertPasses();
    }

    @Test
    void trainsInsideASequential() {
        Random rng = new Random(2);
        Sequential model = new Sequential(new Affine(4, 16), new Swish(), new Affine(16, 3));
        GradientCheck.layer(model, Tensor.rand(rng, -1f, 1f, 3, 4)).assertPasses();
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Tensor x = Tensor.rand(rng, -1f, 1f, 12, 4);
        Tensor t = Tensor.of(new float[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2}, 12);
        float first = loss.forward(model.forward(x, true), t);
        float last = first;
        for (int step = 0; step < 50; step++) {
            last = loss.forward(model.forward(x, true), t);
            model.backward(loss.backward());
            for (Parameter p : model.parameters()) {
                float[] w = p.value().data();
                float[] g = p.grad().data();
                for (int i = 0; i < w.length; i++) {
                    w[i] -= 0.1f * g[i];
                }
            }
        }
        assertThat(last).isLessThan(0.8f * first);
        assertThat(model.toString()).contains("(1): Swish()");
    }

    @Test
    void theDocumentationShowsExactlyThisClass() throws IOException {
        String doc = Files.readString(Path.of("docs/custom-layers.md"));
        String source = Files.readString(Path.of("src/test/java/com/example/Swish.java"));
        int start = doc.indexOf("```java\n// Swish");
        assertThat(start).as("docs/custom-layers.md shows Swish.java in a ```java block").isNotNegative();
        int end = doc.indexOf("```\n", start + 8);
        assertThat(doc.substring(start + "```java\n".length(), end)).isEqualTo(source);
    }
}
