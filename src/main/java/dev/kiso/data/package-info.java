/**
 * Datasets: the IDX file reader, Fashion-MNIST and MNIST, splits and batching, and on-the-fly
 * augmentation.
 */
package dev.kiso.data;
