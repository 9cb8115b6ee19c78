package dev.kiso.bench;

import dev.kiso.KisoException;
import dev.kiso.nn.Parameter;
import dev.kiso.nn.Sequential;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The workloads are the models of WORKLOADS.md: looked up by id or name, with the right size. */
class WorkloadTest {

    private static int parameterCount(Sequential model) {
        int count = 0;
        for (Parameter p : model.parameters()) {
            count += p.value().size();
        }
        return count;
    }

    @Test
    void foundByIdOrModelNameInAnyCase() {
        assertThat(Workload.of("W2")).isEqualTo(Workload.W2);
        assertThat(Workload.of("w3")).isEqualTo(Workload.W3);
        assertThat(Workload.of("mlp")).isEqualTo(Workload.W1);
        assertThat(Workload.of("SimpleCNN")).isEqualTo(Workload.W2);
        assertThatThrownBy(() -> Workload.of("W4")).isInstanceOf(KisoException.class)
                .hasMessageContaining("W4").hasMessageContaining("W1, W2, W3");
    }

    @Test
    void modelsHaveTheWorkloadsParameterCounts() {
        // weights + biases, layer by layer, from WORKLOADS.md
        int w1 = (784 * 100 + 100) + 3 * (100 * 100 + 100) + (100 * 10 + 10);
        int w2 = (30 * 25 + 30) + (4320 * 100 + 100) + (100 * 10 + 10);
        int w3 = (16 * 9 + 16) + (16 * 144 + 16) + (32 * 144 + 32) + (32 * 288 + 32) + (64 * 288 + 64)
                + (64 * 576 + 64) + (1024 * 50 + 50) + (50 * 10 + 10);
        assertThat(parameterCount(Workload.W1.create())).isEqualTo(w1);
        assertThat(parameterCount(Workload.W2.create())).isEqualTo(w2);
        assertThat(parameterCount(Workload.W3.create())).isEqualTo(w3);
    }

    @Test
    void everyModelMapsABatchOfImagesToTenLogits() {
        Tensor x = Tensor.rand(new Random(1), 0f, 1f, 3, 1, 28, 28);
        for (Workload w : Workload.values()) {
            assertThat(w.create().forward(x, false).shape()).as(w.name()).containsExactly(3, 10);
        }
    }
}
