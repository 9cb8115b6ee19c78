/**
 * Neural-network building blocks: the {@link dev.kiso.nn.Layer} contract, {@link dev.kiso.nn.Parameter},
 * the layers themselves (one file each, its forward and backward formulas at the top), the losses,
 * and {@link dev.kiso.nn.Sequential}, which composes layers and is the model users train.
 */
package dev.kiso.nn;
