/**
 * The {@code kiso} command: train, evaluate, predict, experiment and bench.
 */
package dev.kiso.cli;
