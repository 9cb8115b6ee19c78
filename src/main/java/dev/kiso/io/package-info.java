/**
 * Model files: the safetensors format, read and written, and whole-model save and load.
 */
package dev.kiso.io;
