/**
 * Optimizers (SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam, AdamW) and learning-rate schedules.
 */
package dev.kiso.optim;
