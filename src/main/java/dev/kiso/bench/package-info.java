/**
 * The benchmark workloads behind {@code ./kiso bench}: W1 (perceptron), W2 (simple CNN) and W3
 * (deep CNN) of {@code WORKLOADS.md}, trained on Fashion-MNIST and timed in steps per second, epoch
 * seconds and inference images per second. See {@code docs/benchmarks.md} for the figures and the
 * commands that reproduce them; GEMM is timed by {@code dev.kiso.tensor.kernel.GemmBench}.
 */
package dev.kiso.bench;
