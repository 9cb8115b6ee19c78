/**
 * The {@link dev.kiso.tensor.Tensor}: float32 values over a shared {@code float[]} with an offset,
 * a shape and strides, so that reshapes, transposes, slices and broadcasts are views that never
 * copy. Element-wise operations broadcast like NumPy and have in-place variants; reductions take
 * any set of axes; {@code matmul} runs on the GEMM kernel and reads transposed views directly.
 */
package dev.kiso.tensor;
