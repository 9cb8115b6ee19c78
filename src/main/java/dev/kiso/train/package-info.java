/**
 * The training loop behind {@code Sequential.fit}: mini-batches, validation, metrics, early
 * stopping, listeners and the history of a run.
 */
package dev.kiso.train;
