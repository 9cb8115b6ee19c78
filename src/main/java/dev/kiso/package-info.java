/**
 * Kiso (基礎, "foundations"): deep learning from scratch in pure Java.
 *
 * <p>The packages, from the bottom up: {@link dev.kiso.tensor} (strided tensors and matmul),
 * {@code dev.kiso.nn} (layers, losses, initializers, regularizers), {@code dev.kiso.optim}
 * (optimizers and learning-rate schedules), {@code dev.kiso.io} (safetensors model files),
 * {@code dev.kiso.data} (datasets, IDX files, augmentation), {@code dev.kiso.train} (the training
 * loop), {@code dev.kiso.experiments} and {@code dev.kiso.cli} (the {@code kiso} command).
 *
 * <p>This package itself holds what every other package may use: {@link dev.kiso.KisoException}
 * and {@link dev.kiso.AtomicWrite} (writing a file all-or-nothing).
 */
package dev.kiso;
