package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeanSquaredErrorTest {

    /**
     * The parity file stores three conventions. Ours is the first (½·Σ/N, gradient (y − t)/N);
     * PyTorch's default Σ/numel and the book's ½·Σ differ from it by constant factors, which the
     * test states explicitly so that a change of convention cannot go unnoticed.
     */
    @Test
    void matchesTheLibraryConventionAndDiffersFromTheOthersByTheirFactors() {
        var ref = NnTesting.parity("mse");
        MeanSquaredError mse = new MeanSquaredError();
        float loss = mse.forward(ref.tensor("y"), ref.tensor("t"));
        Tensor dy = mse.backward();
        NnTesting.assertParity("loss", Tensor.of(new float[] {loss}, 1), ref.tensor("loss"));
        NnTesting.assertParity("dy", dy, ref.tensor("dy"));
        int n = 4;
        int numel = 12;
        // torch default: Σ(y − t)²/numel = our loss · 2N/numel; its gradient 2(y − t)/numel = our dy · 2N/numel
        assertThat(ref.tensor("loss_torch_mean").item()).isNotCloseTo(loss, org.assertj.core.api.Assertions.within(1e-4f));
        NnTesting.assertParity("loss_torch_mean", Tensor.of(new float[] {loss * 2 * n / numel}, 1), ref.tensor("loss_torch_mean"));
        float[] scaled = dy.toArray();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 2f * n / numel;
        }
        NnTesting.assertParity("dy_torch_mean", Tensor.of(scaled, 4, 3), ref.tensor("dy_torch_mean"));
        // the book's mean_squared_error: ½·Σ(y − t)², no division = our loss · N
        NnTesting.assertParity("loss_half_sum", Tensor.of(new float[] {loss * n}, 1), ref.tensor("loss_half_sum"));
    }

    @Test
    void passesGradientCheck() {
        Random rng = new Random(1);
        GradientCheck.loss(new MeanSquaredError(), Tensor.rand(rng, -1f, 1f, 3, 2, 2), Tensor.rand(rng, -1f, 1f, 3, 2, 2))
                .assertPasses();
    }

    @Test
    void rejectsMismatchedShapes() {
        assertThatThrownBy(() -> new MeanSquaredError().forward(Tensor.zeros(4, 3), Tensor.zeros(4, 1)))
                .isInstanceOf(KisoException.class).hasMessageContaining("[4, 3]").hasMessageContaining("[4, 1]");
        assertThatThrownBy(() -> new MeanSquaredError().backward()).isInstanceOf(IllegalStateException.class);
    }
}
