/**
 * Ready-made models for 28×28 grey images in 10 classes (Fashion-MNIST, MNIST): the benchmark
 * workloads {@code mlp}, {@code simplecnn}, {@code deepcnn} and the course's LeNet-5, each a
 * short class that builds a {@link dev.kiso.nn.Sequential}, and {@link dev.kiso.models.Models},
 * the catalogue {@code ./kiso train --model NAME} reads.
 */
package dev.kiso.models;
