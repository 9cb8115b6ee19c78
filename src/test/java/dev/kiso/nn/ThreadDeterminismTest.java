package dev.kiso.nn;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layers that split their work over the worker pool (convolution over images, ReLU and max
 * pooling over elements, optimizers over a parameter's elements) give the same bits with 1, 2 and 3 threads: the pool's size is fixed per
 * JVM, so each count runs in a child JVM.
 */
class ThreadDeterminismTest {

    private static String runWithThreads(int threads) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "--add-modules", "jdk.incubator.vector",
                "-Dkiso.threads=" + threads, "-cp", System.getProperty("java.class.path"),
                ThreadDeterminismMain.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).as("child JVM exit code").isZero();
        return out;
    }

    @Test
    void convNetTrainsToTheSameBitsWithOneTwoAndThreeThreads() throws Exception {
        String one = runWithThreads(1);
        assertThat(one).matches("[0-9a-f]+");
        assertThat(runWithThreads(2)).isEqualTo(one);
        assertThat(runWithThreads(3)).isEqualTo(one);
    }
}
