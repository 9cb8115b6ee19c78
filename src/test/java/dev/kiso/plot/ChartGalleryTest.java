package dev.kiso.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartGalleryTest {

    @TempDir
    Path dir;

    @Test
    void everyDocumentedExampleRendersAtItsSizeAndStaysSmall() throws IOException {
        for (Map.Entry<String, Chart> e : ChartGallery.all().entrySet()) {
            Path file = dir.resolve(e.getKey() + ".png");
            Charts.writePng(e.getValue(), file);
            BufferedImage image = javax.imageio.ImageIO.read(file.toFile());
            assertThat(image.getWidth()).as(e.getKey()).isEqualTo(e.getValue().size().width);
            assertThat(image.getHeight()).as(e.getKey()).isEqualTo(e.getValue().size().height);
            assertThat(Files.size(file)).as(e.getKey() + " bytes").isLessThan(100 * 1024);
        }
    }

    @Test
    void tinyAndLargeSizesRenderWithoutErrors() throws IOException {
        for (Map.Entry<String, Chart> e : ChartGallery.all().entrySet()) {
            assertThat(Charts.render(e.getValue(), 60, 50).getWidth()).as(e.getKey()).isEqualTo(60);
            assertThat(Charts.render(e.getValue(), 1200, 700).getHeight()).as(e.getKey()).isEqualTo(700);
        }
    }

    @Test
    void optimizerPathsOfTheContourExampleMatchTheSpecification() {
        // EXPERIMENTS.md B1: the 30th recorded position of each optimizer
        double[][] last = {{-0.3872, -0.0942}, {0.8141, 0.2729}, {-0.1362, 0.0}, {0.0201, 0.3220}, {-0.7482, 0.0}};
        for (int k = 0; k < last.length; k++) {
            double[][] path = ChartGallery.trajectory(k);
            assertThat(path[0][29]).as("x of optimizer " + k).isCloseTo(last[k][0], within(1e-3));
            assertThat(path[1][29]).as("y of optimizer " + k).isCloseTo(last[k][1], within(1e-3));
        }
    }
}
