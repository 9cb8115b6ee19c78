package dev.kiso.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The speed-up line is worked out from the result lines, and only when there is a one-thread line. */
class ScalingTest {
    private static final String ONE = new WorkloadBench.Result(Workload.W2, 1, 192.2, Double.NaN, 56187,
            0.50, 1.52, 1.01, 0.04).line();
    private static final String TWO = new WorkloadBench.Result(Workload.W2, 2, 351.7, 1.80, 106710,
            0.50, 0.97, 0.47, 0.02).line();

    @Test
    void givesTheRatioOfEachThreadCountToOneThread() {
        assertThat(Scaling.lines(List.of(ONE, TWO)))
                .containsExactly("bench W2 simplecnn scaling threads=2/1 train=1.83x infer=1.90x");
        String four = new WorkloadBench.Result(Workload.W2, 4, 480.5, 1.2, 200000, 0.5, 0.9, 0.4, 0.0).line();
        assertThat(Scaling.lines(List.of(TWO, ONE, four))).containsExactly(
                "bench W2 simplecnn scaling threads=2/1 train=1.83x infer=1.90x",
                "bench W2 simplecnn scaling threads=4/1 train=2.50x infer=3.56x");
    }

    @Test
    void skipsOtherLinesAndNeedsAOneThreadLine() {
        assertThat(Scaling.lines(List.of("WARNING: Using incubator modules", ONE, "", "bench", TWO)))
                .containsExactly("bench W2 simplecnn scaling threads=2/1 train=1.83x infer=1.90x");
        assertThat(Scaling.lines(List.of(TWO))).isEmpty();
        assertThat(Scaling.lines(List.of(ONE))).isEmpty();
        String w3 = new WorkloadBench.Result(Workload.W3, 2, 39.0, Double.NaN, 12215, 0.85, 1.19, 0.34, 0.04).line();
        assertThat(Scaling.lines(List.of(ONE, w3))).as("a different workload is not compared").isEmpty();
    }
}
