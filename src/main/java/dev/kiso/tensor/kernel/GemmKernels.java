package dev.kiso.tensor.kernel;

import dev.kiso.KisoException;
import java.lang.System.Logger.Level;

/**
 * Chooses the GEMM kernel once, at first use, in the manner of Apache Lucene's vectorization
 * provider: the Vector API kernel when the JVM offers {@code jdk.incubator.vector}, else the
 * plain-Java kernel. The system property {@code kiso.gemm=plain|vector} forces one (forcing
 * {@code vector} without the module logs a warning and runs the plain kernel). One line on the
 * {@code dev.kiso.tensor.kernel.Gemm} logger says which kernel runs.
 *
 * <p>This class never names a Vector API type: the vector kernel is reached only through
 * {@link VectorKernelFactory#create()}, and only after the module was found, so the JVM never
 * loads {@code jdk.incubator.vector} classes when the module is absent.
 */
final class GemmKernels {
    private GemmKernels() {
    }

    /** The kernel every {@link Gemm#gemm} call uses. */
    static GemmKernel selected() {
        return Selected.KERNEL;
    }

    /** The plain-Java kernel (always available). */
    static GemmKernel plain() {
        return PlainKernelHolder.KERNEL;
    }

    /**
     * The Vector API kernel.
     *
     * @throws KisoException if the JVM was started without {@code jdk.incubator.vector}
     */
    static GemmKernel vector() {
        if (!vectorModulePresent()) {
            throw new KisoException("gemm: the Vector API kernel needs the JVM option "
                    + "--add-modules jdk.incubator.vector");
        }
        return VectorKernelFactory.create();
    }

    /** Whether the JVM resolved {@code jdk.incubator.vector} (it does only if asked to). */
    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static GemmKernel choose() {
        String forced = System.getProperty("kiso.gemm", "").trim();
        System.Logger log = System.getLogger(Gemm.class.getName());
        GemmKernel kernel;
        switch (forced) {
            case "plain":
                kernel = plain();
                log.log(Level.INFO, "Kiso GEMM: " + kernel.describe() + " (forced by -Dkiso.gemm=plain)");
                return kernel;
            case "vector":
                if (!vectorModulePresent()) {
                    kernel = plain();
                    log.log(Level.WARNING, "Kiso GEMM: -Dkiso.gemm=vector, but the JVM was started without "
                            + "--add-modules jdk.incubator.vector; using the " + kernel.describe());
                    return kernel;
                }
                kernel = vector();
                log.log(Level.INFO, "Kiso GEMM: " + kernel.describe() + " (forced by -Dkiso.gemm=vector)");
                return kernel;
            case "":
                break;
            default:
                throw new KisoException("kiso.gemm: expected 'plain' or 'vector', found '" + forced + "'");
        }
        if (vectorModulePresent()) {
            kernel = VectorKernelFactory.create();
            log.log(Level.INFO, "Kiso GEMM: " + kernel.describe());
        } else {
            kernel = plain();
            log.log(Level.INFO, "Kiso GEMM: " + kernel.describe() + "; start the JVM with "
                    + "--add-modules jdk.incubator.vector for the Vector API kernel (about 2.5x faster)");
        }
        return kernel;
    }

    private static final class Selected {
        static final GemmKernel KERNEL = choose();
    }

    private static final class PlainKernelHolder {
        static final GemmKernel KERNEL = new PlainGemmKernel();
    }
}
