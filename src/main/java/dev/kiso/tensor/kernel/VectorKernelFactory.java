package dev.kiso.tensor.kernel;

/**
 * The one door to {@link VectorGemmKernel}. Kept apart so that the classes that decide whether the
 * Vector API is present ({@link GemmKernels}) are verified and run without loading any
 * {@code jdk.incubator.vector} type: only calling {@link #create()} does.
 */
final class VectorKernelFactory {
    private VectorKernelFactory() {
    }

    /** The shared Vector API kernel; call only when the module is present. */
    static GemmKernel create() {
        return Holder.KERNEL;
    }

    private static final class Holder {
        static final GemmKernel KERNEL = new VectorGemmKernel();
    }
}
