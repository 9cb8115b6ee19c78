package dev.kiso.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiso.KisoException;
import org.junit.jupiter.api.Test;

/** How {@code bench gemm --sizes} reads its sizes: a square size, a named training shape, or MxNxK. */
class GemmBenchTest {

    @Test
    void readsSquareNamedAndExplicitShapes() {
        assertThat(GemmBench.shape("512")).containsExactly(512, 512, 512);
        assertThat(GemmBench.shape("fc784")).containsExactly(100, 100, 784);
        assertThat(GemmBench.shape("16x145x784")).containsExactly(16, 145, 784);
    }

    @Test
    void rejectsMalformedSizesWithTheOffendingText() {
        assertThatThrownBy(() -> GemmBench.shape("16x145")).isInstanceOf(KisoException.class)
                .hasMessageContaining("'16x145'");
        assertThatThrownBy(() -> GemmBench.shape("16xabcx3")).isInstanceOf(KisoException.class)
                .hasMessageContaining("'abc'");
        assertThatThrownBy(() -> GemmBench.shape("0x8x8")).isInstanceOf(KisoException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> GemmBench.shape("large")).isInstanceOf(KisoException.class)
                .hasMessageContaining("'large'");
    }
}
