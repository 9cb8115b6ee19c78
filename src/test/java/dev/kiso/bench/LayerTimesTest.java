package dev.kiso.bench;

import dev.kiso.data.Dataset;
import dev.kiso.data.FashionMnist;
import dev.kiso.data.TrainTest;
import dev.kiso.nn.Affine;
import dev.kiso.nn.Conv2D;
import dev.kiso.nn.Flatten;
import dev.kiso.nn.MaxPool2D;
import dev.kiso.nn.Parameter;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.SoftmaxCrossEntropy;
import dev.kiso.optim.Adam;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LayerTimes} must time the step the model really takes: the same calls in the same order,
 * so the parameters after timed steps are the bits of untimed ones.
 */
class LayerTimesTest {

    /** A model with a parameterless first layer and a ReLU that the model runs after the pooling. */
    private static Sequential model() {
        return new Sequential(new ReLU(), new Conv2D(1, 3, 3, 1, 1), new ReLU(), new MaxPool2D(2),
                new Flatten(), new Affine(3 * 4 * 4, 5));
    }

    private static int[] bits(Tensor t) {
        float[] v = t.contiguous().toArray();
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    @Test
    void timedStepsLeaveTheParametersWhereUntimedStepsDo() {
        Sequential plain = model();
        Sequential timed = model();
        SoftmaxCrossEntropy plainLoss = new SoftmaxCrossEntropy();
        SoftmaxCrossEntropy timedLoss = new SoftmaxCrossEntropy();
        Adam plainAdam = new Adam(1e-2);
        Adam timedAdam = new Adam(1e-2);
        LayerTimes times = new LayerTimes(timed);
        Random rng = new Random(7);
        for (int step = 0; step < 3; step++) {
            Tensor x = Tensor.randn(rng, 0f, 1f, 4, 1, 8, 8);
            Tensor t = Tensor.of(new float[] {rng.nextInt(5), rng.nextInt(5), rng.nextInt(5), rng.nextInt(5)}, 4);
            plainLoss.forward(plain.forward(x, true), t);
            plain.backwardParameters(plainLoss.backward());
            plainAdam.step(plain.parameters());
            times.step(x, t, timedLoss, timedAdam, timed.parameters());
        }
        List<Parameter> expected = plain.parameters();
        List<Parameter> actual = timed.parameters();
        for (int i = 0; i < expected.size(); i++) {
            assertThat(bits(actual.get(i).value())).as(expected.get(i).name())
                    .containsExactly(bits(expected.get(i).value()));
        }
        assertThat(times.steps()).isEqualTo(3);
    }

    @Test
    void theTableListsEveryLayerOnceInExecutionOrderAndAddsUp() {
        Sequential model = model();
        LayerTimes times = new LayerTimes(model);
        Tensor x = Tensor.randn(new Random(1), 0f, 1f, 2, 1, 8, 8);
        times.step(x, Tensor.of(new float[] {1, 3}, 2), new SoftmaxCrossEntropy(), new Adam(), model.parameters());

        List<String> table = times.table("title");
        assertThat(table.get(0)).isEqualTo("title");
        // rows 2.. are the layers: their numbers in layers(), in execution order (pooling before its
        // ReLU, and run with the convolution before it as one row)
        List<String> numbers = table.subList(2, 2 + 5).stream().map(line -> line.trim().split("\\s+")[0]).toList();
        assertThat(numbers).containsExactly("0", "1+3", "2", "4", "5");
        assertThat(table.get(3)).contains("Conv2D").contains("MaxPool2D");
        assertThat(table.get(4)).contains("ReLU");
        assertThat(table.get(table.size() - 1)).contains("total");
        // the first layer has no parameters and no backward call; every other one has one
        assertThat(times.backwardMillis(0)).isZero();
        assertThat(times.backwardMillis(1)).isPositive();
        double sum = times.lossMillis() + times.optimizerMillis();
        for (int i = 0; i < 5; i++) {
            assertThat(times.forwardMillis(i)).isPositive();
            sum += times.forwardMillis(i) + times.backwardMillis(i);
        }
        assertThat(times.totalMillis()).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theBenchsTimedStepIsItsUntimedStep() {
        int n = 2 * WorkloadBench.BATCH;
        WorkloadBench plain = WorkloadBench.prepare(Workload.W1, data(n));
        WorkloadBench timed = WorkloadBench.prepare(Workload.W1, data(n));
        LayerTimes times = new LayerTimes(timed.model());
        for (int step = 0; step < 3; step++) {   // across a new pass
            plain.step();
            timed.step(times);
        }
        List<Parameter> expected = plain.model().parameters();
        List<Parameter> actual = timed.model().parameters();
        for (int i = 0; i < expected.size(); i++) {
            assertThat(bits(actual.get(i).value())).as(expected.get(i).name())
                    .containsExactly(bits(expected.get(i).value()));
        }
    }

    private static TrainTest data(int n) {
        Random rng = new Random(5);
        float[] x = new float[n * 28 * 28];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextFloat();
        }
        int[] labels = new int[n];
        Arrays.setAll(labels, i -> i % 10);
        Dataset train = new Dataset(Tensor.of(x, n, 1, 28, 28), labels);
        return new TrainTest(train, train, FashionMnist.CLASS_NAMES, Path.of("test"));
    }
}
