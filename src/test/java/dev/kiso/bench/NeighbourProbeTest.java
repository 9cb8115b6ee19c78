package dev.kiso.bench;

import dev.kiso.KisoException;
import dev.kiso.tensor.kernel.Parallel;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The probe runs, reports positive times and their ratio, and refuses what it cannot do. */
class NeighbourProbeTest {

    @Test
    void reportsBothTimesAndTheirRatio() {
        if (Parallel.threads() < 2) {
            assertThatThrownBy(() -> NeighbourProbe.run(1, 1)).isInstanceOf(KisoException.class)
                    .hasMessageContaining("needs at least 2 threads");
            return;
        }
        NeighbourProbe.Result result = NeighbourProbe.run(1, 2);
        assertThat(result.threads()).isEqualTo(Parallel.threads());
        assertThat(result.inOrderMs()).isPositive();
        assertThat(result.spreadMs()).isPositive();
        assertThat(result.penalty()).isEqualTo(result.inOrderMs() / result.spreadMs());
        assertThat(result.line()).startsWith("bench probe threads=" + Parallel.threads() + " neighbour_penalty=");
    }

    @Test
    void theLineNamesEachFigure() {
        NeighbourProbe.Result result = new NeighbourProbe.Result(2, 1.11, 0.65);
        assertThat(result.line()).isEqualTo(
                "bench probe threads=2 neighbour_penalty=1.71 in_order_ms=1.110 spread_ms=0.650");
    }

    @Test
    void theInOrderCaseGivesTheBlocksNeighbouringImages() {
        assertThat(Arrays.copyOfRange(NeighbourProbe.neighbours(100, 2), 0, 3)).containsExactly(0, 2, 4);
        assertThat(Arrays.copyOfRange(NeighbourProbe.neighbours(100, 2), 50, 53)).containsExactly(1, 3, 5);
        assertThat(NeighbourProbe.neighbours(5, 2)).containsExactly(0, 2, 1, 3, 4);   // blocks 0..1 and 2..4
        assertThat(NeighbourProbe.neighbours(4, 1)).containsExactly(0, 1, 2, 3);
        for (int threads = 1; threads <= 5; threads++) {
            for (int tasks = 1; tasks <= 120; tasks++) {
                int[] images = NeighbourProbe.neighbours(tasks, threads);
                assertThat(Arrays.stream(images).sorted().toArray()).as("tasks %d, threads %d", tasks, threads)
                        .isEqualTo(IntStream.range(0, tasks).toArray());
            }
        }
    }

    @Test
    void refusesEmptyRuns() {
        if (Parallel.threads() < 2) {
            return;   // the thread check comes first, see above
        }
        assertThatThrownBy(() -> NeighbourProbe.run(0, 5)).isInstanceOf(KisoException.class)
                .hasMessageContaining("at least 1");
    }
}
