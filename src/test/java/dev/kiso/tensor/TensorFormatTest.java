package dev.kiso.tensor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * toString against NumPy 2.4's {@code repr} of the same float32 values, printed through an
 * ndarray subclass named {@code tensor} (so the prefix and line wrapping match) with the
 * {@code dtype=float32} note removed and the shape written with brackets.
 */
class TensorFormatTest {

    @Test
    void integersPrintWithATrailingPoint() {
        assertThat(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).toString())
                .isEqualTo("tensor([[1., 2.],\n        [3., 4.]])");
    }

    @Test
    void columnsAlignOnThePointAndPadTheFractionWithSpaces() {
        assertThat(Tensor.of(new float[] {1f, 2.5f, -3f, 4.25f}, 2, 2).toString())
                .isEqualTo("tensor([[ 1.  ,  2.5 ],\n        [-3.  ,  4.25]])");
    }

    @Test
    void threeAxesSeparateBlocksWithABlankLine() {
        assertThat(Tensor.arange(24).div(8f).reshape(2, 3, 4).toString()).isEqualTo(
                "tensor([[[0.   , 0.125, 0.25 , 0.375],\n"
                        + "         [0.5  , 0.625, 0.75 , 0.875],\n"
                        + "         [1.   , 1.125, 1.25 , 1.375]],\n\n"
                        + "        [[1.5  , 1.625, 1.75 , 1.875],\n"
                        + "         [2.   , 2.125, 2.25 , 2.375],\n"
                        + "         [2.5  , 2.625, 2.75 , 2.875]]])");
    }

    @Test
    void smallAndLargeMagnitudesSwitchToScientificNotation() {
        assertThat(Tensor.of(new float[] {1e-5f, 1.5f, Float.NaN, Float.NEGATIVE_INFINITY}, 4).toString())
                .isEqualTo("tensor([1.0e-05, 1.5e+00,     nan,    -inf])");
        assertThat(Tensor.of(new float[] {1e6f, 1f}, 2).toString()).isEqualTo("tensor([1.e+06, 1.e+00])");
    }

    @Test
    void longRowsWrapAtSeventyFiveCharacters() {
        assertThat(Tensor.arange(30).mul(0.5f).toString()).isEqualTo(
                "tensor([ 0. ,  0.5,  1. ,  1.5,  2. ,  2.5,  3. ,  3.5,  4. ,  4.5,  5. ,\n"
                        + "         5.5,  6. ,  6.5,  7. ,  7.5,  8. ,  8.5,  9. ,  9.5, 10. , 10.5,\n"
                        + "        11. , 11.5, 12. , 12.5, 13. , 13.5, 14. , 14.5])");
    }

    @Test
    void largeTensorsAreSummarisedWithTheirShape() {
        assertThat(Tensor.arange(2000).reshape(40, 50).toString()).isEqualTo(
                "tensor([[0.000e+00, 1.000e+00, 2.000e+00, ..., 4.700e+01, 4.800e+01,\n"
                        + "         4.900e+01],\n"
                        + "        [5.000e+01, 5.100e+01, 5.200e+01, ..., 9.700e+01, 9.800e+01,\n"
                        + "         9.900e+01],\n"
                        + "        [1.000e+02, 1.010e+02, 1.020e+02, ..., 1.470e+02, 1.480e+02,\n"
                        + "         1.490e+02],\n"
                        + "        ...,\n"
                        + "        [1.850e+03, 1.851e+03, 1.852e+03, ..., 1.897e+03, 1.898e+03,\n"
                        + "         1.899e+03],\n"
                        + "        [1.900e+03, 1.901e+03, 1.902e+03, ..., 1.947e+03, 1.948e+03,\n"
                        + "         1.949e+03],\n"
                        + "        [1.950e+03, 1.951e+03, 1.952e+03, ..., 1.997e+03, 1.998e+03,\n"
                        + "         1.999e+03]], shape=[40, 50])");
        // 1000 elements is still printed in full (NumPy's threshold), 1001 is summarised
        assertThat(Tensor.arange(1000).toString()).doesNotContain("...").doesNotContain("shape");
        assertThat(Tensor.arange(1001).toString())
                .isEqualTo("tensor([   0.,    1.,    2., ...,  998.,  999., 1000.], shape=[1001])");
    }

    @Test
    void scalarsEmptiesAndViews() {
        assertThat(Tensor.scalar(2.5f).toString()).isEqualTo("tensor(2.5)");
        assertThat(Tensor.zeros(0).toString()).isEqualTo("tensor([])");
        assertThat(Tensor.zeros(2, 0).toString()).isEqualTo("tensor([], shape=[2, 0])");
        // a transposed view prints its own (logical) order
        assertThat(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).t().toString())
                .isEqualTo("tensor([[1., 3.],\n        [2., 4.]])");
    }
}
