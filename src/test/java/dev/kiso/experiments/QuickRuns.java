package dev.kiso.experiments;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs experiments on the quick profile with seed 1, each once per JVM (several tests compare the
 * same runs), into a temporary folder deleted when the JVM exits; checks the files each writes.
 */
final class QuickRuns {
    private static final Map<String, ExperimentResult> RESULTS = new HashMap<>();
    private static Path out;

    private QuickRuns() {
    }

    static synchronized ExperimentResult run(String id) throws IOException {
        ExperimentResult cached = RESULTS.get(id);
        if (cached != null) {
            return cached;
        }
        ExperimentContext context = new ExperimentContext(1, Profile.QUICK, folder(), new PrintStream(OutputStream.nullOutputStream()));
        ExperimentResult result = Experiments.find(id).run(context);
        Path png = out.resolve(id + ".png");
        Path csv = out.resolve(id + ".csv");
        assertThat(result.id()).isEqualTo(id);
        assertThat(result.files()).containsExactly(png, csv);
        assertThat(png).isNotEmptyFile();
        assertThat(Files.readString(csv)).startsWith("# experiment=" + id + "\n# seed=1\n# profile=quick\n").contains("\nseries,x,y\n");
        assertThat(result.summary()).doesNotContain("\n");
        RESULTS.put(id, result);
        return result;
    }

    private static Path folder() throws IOException {
        if (out == null) {
            out = Files.createTempDirectory("kiso-experiments");
            Path dir = out;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        }
        return out;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
