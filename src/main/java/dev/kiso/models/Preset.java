package dev.kiso.models;

import dev.kiso.nn.Sequential;

/**
 * A named model in the {@link Models} catalogue.
 *
 * @param name        what {@code --model} takes, e.g. {@code simplecnn}
 * @param description one line for {@code --help}
 * @param factory     builds the model
 */
public record Preset(String name, String description, ModelFactory factory) {

    /**
     * @param dropout the drop probability, or 0 for the preset's default
     * @return a new model
     */
    public Sequential create(float dropout) {
        return factory.create(dropout);
    }
}
