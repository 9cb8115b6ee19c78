/**
 * Weight initializers: Xavier (Glorot), He, the course's 1/√fan-in form, normal, uniform, zeros and
 * constants, each seeded, each named for exactly what it draws.
 */
package dev.kiso.nn.init;
