package dev.kiso.train;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Same seed, same bits: in this JVM twice, and in fresh JVMs with 1 and with 2 GEMM threads. */
class DeterminismTest {

    private static String runWithThreads(int threads, long seed) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "--add-modules", "jdk.incubator.vector",
                "-Dkiso.threads=" + threads, "-cp", System.getProperty("java.class.path"),
                DeterminismMain.class.getName(), Long.toString(seed))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).as("child JVM exit code").isZero();
        return out;
    }

    @Test
    void sameSeedSameWeightsWithOneAndTwoThreads() throws Exception {
        long here = DeterminismMain.trainAndHash(11);
        assertThat(DeterminismMain.trainAndHash(12)).as("another seed").isNotEqualTo(here);
        String one = runWithThreads(1, 11);
        String two = runWithThreads(2, 11);
        assertThat(one).isEqualTo(Long.toHexString(here));
        assertThat(two).isEqualTo(one);
    }
}
