/**
 * Regularizers: L1, L2 and ElasticNet penalties added to the loss, with their gradients added to
 * every parameter that takes regularization.
 */
package dev.kiso.nn.reg;
