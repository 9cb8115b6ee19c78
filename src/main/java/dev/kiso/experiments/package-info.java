/**
 * The course's experiments, one class per family, built only on Kiso's public API.
 */
package dev.kiso.experiments;
