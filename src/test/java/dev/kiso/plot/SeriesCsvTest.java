package dev.kiso.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiso.KisoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesCsvTest {

    @TempDir
    Path dir;

    @Test
    void longFormWithSettingsHeader() {
        SeriesCsv csv = new SeriesCsv().setting("experiment", "vg-relu-he").setting("seed", 42).setting("lr", 0.1)
                .add(Series.of("training set", new double[] {10, 20}, new double[] {0.31, 0.5}))
                .add(Series.of("test set", new float[] {10, 20}, new float[] {0.2874f, Float.NaN}));
        assertThat(csv.text()).isEqualTo(String.join("\n",
                "# experiment=vg-relu-he",
                "# seed=42",
                "# lr=0.1",
                "series,x,y",
                "training set,10,0.31",
                "training set,20,0.5",
                "test set,10,0.2874",
                "test set,20,NaN",
                ""));
    }

    @Test
    void awkwardNamesAndValuesAreEscaped() {
        SeriesCsv csv = new SeriesCsv().setting("note", "two\nlines").setting("seed", 1).setting("seed", 2)
                .add("a,b \"c\"", 1.5, Double.NEGATIVE_INFINITY).add("bars", "L1, L2", 0.25);
        assertThat(csv.text()).isEqualTo(String.join("\n",
                "# note=two\\nlines",
                "# seed=2",
                "series,x,y",
                "\"a,b \"\"c\"\"\",1.5,-Infinity",
                "bars,\"L1, L2\",0.25",
                ""));
        assertThat(SeriesCsv.number(-0.0)).isEqualTo("0");
        assertThat(SeriesCsv.number(1e20)).isEqualTo("1.0E20");
        assertThat(SeriesCsv.number(1e-4)).isEqualTo("1.0E-4");
        assertThatThrownBy(() -> csv.setting("a=b", 1)).isInstanceOf(KisoException.class).hasMessageContaining("a=b");
        assertThatThrownBy(() -> csv.setting("", 1)).isInstanceOf(KisoException.class);
    }

    @Test
    void chartsExportWhatTheyPlot() {
        LineChart bn = new LineChart().title("W:1")
                .add(Series.of("BN", new double[] {0, 1}, new double[] {0.1, 0.9}))
                .add(Series.of("plain", new double[] {0}, new double[] {0.1}));
        ChartGrid grid = new ChartGrid(1, 3).add(bn)
                .add(new LineChart().add(Series.of("x", new double[] {5})))
                .add(new BarChart("none", "L2").add("test", 0.7, 0.75));
        String text = new SeriesCsv().add(grid).text();
        assertThat(text.lines().toList()).containsExactly(
                "series,x,y",
                "W:1/BN,0,0.1",
                "W:1/BN,1,0.9",
                "W:1/plain,0,0.1",
                "panel-2/x,0,5",
                "panel-3/test,none,0.7",
                "panel-3/test,L2,0.75");
        HistogramRow row = new HistogramRow(2, 0, 1).add("1-layer", new double[] {0.1, 0.2, 0.9});
        assertThat(new SeriesCsv().add(row).text().lines().toList())
                .containsExactly("series,x,y", "1-layer,0.25,2", "1-layer,0.75,1");
        assertThat(new SeriesCsv().add(new ImageGrid(1).add(new float[1], 1, 1)).text()).isEqualTo("series,x,y\n");
    }

    @Test
    void writeGoesThroughATemporaryFileAndReplaces() throws IOException {
        Path file = dir.resolve("runs/sub/a.csv");
        new SeriesCsv().setting("seed", 1).add("s", 1, 2).write(file);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("# seed=1\nseries,x,y\ns,1,2\n");
        new SeriesCsv().add("t", 3, 4).write(file);
        assertThat(Files.readString(file)).isEqualTo("series,x,y\nt,3,4\n");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.toList()).containsExactly(file);
        }
    }

    @Test
    void unwritablePlaceGivesAClearError() throws IOException {
        Path notADirectory = dir.resolve("plain-file");
        Files.writeString(notADirectory, "x");
        assertThatThrownBy(() -> new SeriesCsv().write(notADirectory.resolve("a.csv")))
                .isInstanceOf(KisoException.class).hasMessageContaining("a.csv");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).isEqualTo(List.of(notADirectory));
        }
    }
}
