package dev.kiso.tensor;

/**
 * A function of two {@code float}s, applied element by element by {@link Tensor#zip} and
 * {@link Tensor#zipi} (with broadcasting): the primitive-float version of
 * {@link java.util.function.BinaryOperator}, so no value is boxed.
 */
@FunctionalInterface
public interface FloatBinaryOperator {
    /**
     * Applies the function.
     *
     * @param a the left argument
     * @param b the right argument
     * @return the result
     */
    float apply(float a, float b);
}
