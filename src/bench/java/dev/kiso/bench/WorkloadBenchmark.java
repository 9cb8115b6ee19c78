package dev.kiso.bench;

import dev.kiso.data.FashionMnist;
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
 * JMH benchmark of the training workloads W1, W2, W3 (one Adam step on a batch of 100 Fashion-MNIST
 * images) and of W2's inference (the 10,000 test images in batches of 1000), for profiling with
 * JMH's profilers. Run from the repository root (the data is read from {@code data/fashion-mnist}),
 * one thread count per run:
 * <pre>
 * mvn -Pbench -DskipTests package
 * java -jar target/benchmarks.jar WorkloadBenchmark -jvmArgsAppend -Dkiso.threads=2
 * java -jar target/benchmarks.jar WorkloadBenchmark.trainStep -p workload=W2 -prof gc
 * </pre>
 * Scores are milliseconds per step (steps/s = 1000 / score) and per inference pass.
 * {@code ./kiso bench} measures the same steps without JMH, as the PyTorch script does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = "--add-modules=jdk.incubator.vector")
public class WorkloadBenchmark {

    /** W1 (perceptron), W2 (simple CNN) or W3 (deep CNN). */
    @Param({"W1", "W2", "W3"})
    public String workload;

    private WorkloadBench bench;

    /** Loads the data and builds the model. */
    @Setup
    public void setUp() {
        bench = WorkloadBench.prepare(Workload.of(workload), FashionMnist.load());
    }

    /** One training step: forward, loss, backward, Adam update. */
    @Benchmark
    public void trainStep() {
        bench.step();
    }

    /**
     * One evaluation-mode pass over the test set.
     *
     * @return its duration, so the work is not dead code
     */
    @Benchmark
    public double inference() {
        return bench.inferencePass();
    }
}
