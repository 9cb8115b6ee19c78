package dev.kiso.bench;

import dev.kiso.tensor.kernel.Gemm;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of {@link Gemm#gemm}: {@code C = op(A)·op(B)} on square sizes and the three
 * training shapes, for each transpose combination. The kernel and the thread count are chosen the
 * way users choose them, with JVM options, so one run measures one configuration:
 * <pre>
 * mvn -Pbench -DskipTests package
 * java -jar target/benchmarks.jar GemmBenchmark -jvmArgsAppend "-Dkiso.gemm=vector -Dkiso.threads=1"
 * java -jar target/benchmarks.jar GemmBenchmark -jvmArgsAppend "-Dkiso.gemm=plain -Dkiso.threads=2"
 * </pre>
 * Scores are in microseconds per call; GFLOP/s = {@code 2·m·n·k / (score·1000)}. Every fork gets
 * {@code --add-modules jdk.incubator.vector} so that {@code -Dkiso.gemm=vector} works.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 2, jvmArgsPrepend = "--add-modules=jdk.incubator.vector")
public class GemmBenchmark {

    /** A square size ("512") or a training shape: conv (57600x25)·(25x30), fc4320, fc784. */
    @Param({"64", "128", "256", "512", "1024", "conv", "fc4320", "fc784"})
    public String shape;

    /** Which operands are read transposed: NN, TN (A^T·B), NT (A·B^T) or TT. */
    @Param({"NN", "TN", "NT", "TT"})
    public String op;

    private int m;
    private int n;
    private int k;
    private boolean transA;
    private boolean transB;
    private float[] a;
    private float[] b;
    private float[] c;

    /** Allocates the operands for the current parameters. */
    @Setup
    public void setUp() {
        switch (shape) {
            case "conv": m = 57600; n = 30; k = 25; break;
            case "fc4320": m = 100; n = 100; k = 4320; break;
            case "fc784": m = 100; n = 100; k = 784; break;
            default: m = Integer.parseInt(shape); n = m; k = m;
        }
        transA = op.charAt(0) == 'T';
        transB = op.charAt(1) == 'T';
        Random rng = new Random(1);
        a = random(rng, m * k);
        b = random(rng, k * n);
        c = new float[m * n];
    }

    private static float[] random(Random rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = rng.nextFloat() - 0.5f;
        }
        return x;
    }

    /**
     * One GEMM call.
     *
     * @return C, so the work is never dead code
     */
    @Benchmark
    public float[] gemm() {
        Gemm.gemm(transA, transB, m, n, k, a, 0, transA ? m : k, b, 0, transB ? k : n, c, 0, n, false);
        return c;
    }
}
