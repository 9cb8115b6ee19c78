/**
 * Kiso: deep learning from scratch in pure Java, with no runtime dependencies.
 *
 * <p>The Vector API ({@code jdk.incubator.vector}) is optional: when the JVM is started with
 * {@code --add-modules jdk.incubator.vector}, the GEMM kernel uses SIMD and runs about three times
 * faster; otherwise a plain-Java kernel runs.
 */
module dev.kiso {
    requires static jdk.incubator.vector;
    // Java2D and ImageIO (dev.kiso.plot) live in java.desktop, a JDK module, not a dependency.
    // Transitive: dev.kiso.plot's API takes and returns java.awt types (Color, Graphics2D, BufferedImage).
    requires transitive java.desktop;
    // The JVM's start time and options, for the benchmark's "first step after JVM start" (dev.kiso.bench).
    requires java.management;

    exports dev.kiso;
    exports dev.kiso.tensor;
    exports dev.kiso.nn;
    exports dev.kiso.nn.init;
    exports dev.kiso.nn.reg;
    exports dev.kiso.optim;
    exports dev.kiso.train;
    exports dev.kiso.models;
    exports dev.kiso.data;
    exports dev.kiso.io;
    exports dev.kiso.cli;
    exports dev.kiso.experiments;
    exports dev.kiso.plot;
    exports dev.kiso.bench;
}
