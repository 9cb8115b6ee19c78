package dev.kiso.tensor;

/**
 * A function from one {@code float} to another, for {@link Tensor#map} and {@link Tensor#mapi}:
 * the primitive-float version of {@link java.util.function.UnaryOperator}, so no value is boxed.
 */
@FunctionalInterface
public interface FloatUnaryOperator {
    /**
     * Applies the function.
     *
     * @param x the argument
     * @return the result
     */
    float apply(float x);
}
