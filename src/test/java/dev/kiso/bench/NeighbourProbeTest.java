package dev.kiso.bench;

import dev.kiso.KisoException;
import dev.kiso.tensor.kernel.Parallel;
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
    void refusesEmptyRuns() {
        if (Parallel.threads() < 2) {
            return;   // the thread check comes first, see above
        }
        assertThatThrownBy(() -> NeighbourProbe.run(0, 5)).isInstanceOf(KisoException.class)
                .hasMessageContaining("at least 1");
    }
}
