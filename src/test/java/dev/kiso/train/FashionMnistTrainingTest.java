package dev.kiso.train;

import dev.kiso.data.Dataset;
import dev.kiso.data.FashionMnist;
import dev.kiso.data.TrainTest;
import dev.kiso.nn.Affine;
import dev.kiso.nn.Flatten;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.SoftmaxCrossEntropy;
import dev.kiso.optim.Adam;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** End to end: an MLP 784-100-10 on 5000 Fashion-MNIST training images, checked on 1000 held-out ones. */
class FashionMnistTrainingTest {

    private static Dataset train;
    private static Dataset heldOut;

    @BeforeAll
    static void load() {
        TrainTest data = FashionMnist.load(Path.of("data/fashion-mnist"));
        train = data.train().first(5000);
        heldOut = data.test().first(1000);
    }

    private static Sequential mlp() {
        return new Sequential(new Flatten(), new Affine(784, 100), new ReLU(), new Affine(100, 10));
    }

    @Test
    void oneEpochOfAdamReachesSensibleHeldOutAccuracy() {
        Sequential model = mlp();
        History h = model.fit(train.inputs(), train.targets(), FitConfig.builder()
                .loss(new SoftmaxCrossEntropy()).optimizer(new Adam(3e-3))
                .epochs(1).batchSize(32).seed(1)
                .validationData(heldOut.inputs(), heldOut.targets())
                .quiet().build());

        Evaluation test = model.evaluate(heldOut.inputs(), heldOut.targets(), new SoftmaxCrossEntropy());
        assertThat(test.accuracy()).isGreaterThan(0.70);
        assertThat(h.valAccuracy()[0]).isEqualTo(test.accuracy());
        assertThat(h.loss()[0]).isLessThan(Math.log(10));

        int[] classes = model.predictClasses(heldOut.inputs());
        int[] labels = heldOut.labels();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += classes[i] == labels[i] ? 1 : 0;
        }
        assertThat(correct / (double) labels.length).isEqualTo(test.accuracy());
        Tensor p = model.predict(heldOut.inputs().slice(0, 0, 3));
        for (int i = 0; i < 3; i++) {
            double sum = 0;
            for (int k = 0; k < 10; k++) {
                sum += p.get(i, k);
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
        }
    }
}
