/**
 * The hot loops behind the tensor API: GEMM, im2col/col2im and their threading. Internal: this
 * package is not exported by the module, and its API may change between releases.
 */
package dev.kiso.tensor.kernel;
