package dev.kiso.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiso.KisoException;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    @TempDir
    Path dir;

    private static LineChart chart() {
        return new LineChart().title("loss").add(Series.of("train", new double[] {3, 2, 1.5, 1.2}));
    }

    @Test
    void writesAReadablePngOfTheRequestedSize() throws IOException {
        Path file = dir.resolve("out/loss.png");
        Charts.writePng(chart(), file, 640, 400);
        BufferedImage back = ImageIO.read(file.toFile());
        assertThat(back.getWidth()).isEqualTo(640);
        assertThat(back.getHeight()).isEqualTo(400);
        // same pixels as rendering directly
        BufferedImage direct = Charts.render(chart(), 640, 400);
        assertThat(back.getRGB(320, 200)).isEqualTo(direct.getRGB(320, 200));
        Charts.writePng(chart(), file);
        assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(800);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.toList()).containsExactly(file); // no temporary file left
        }
    }

    @Test
    void unwritableTargetGivesAClearErrorAndLeavesNothing() throws IOException {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "x");
        assertThatThrownBy(() -> Charts.writePng(chart(), blocker.resolve("a.png")))
                .isInstanceOf(KisoException.class).hasMessageContaining("a.png").hasMessageContaining("PNG");
        Path existingDir = dir.resolve("is-a-directory.png");
        Files.createDirectory(existingDir);
        assertThatThrownBy(() -> Charts.writePng(chart(), existingDir)).isInstanceOf(KisoException.class);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).containsExactlyInAnyOrder(blocker, existingDir);
        }
    }

    @Test
    void rendersHeadless() {
        Charts.render(chart());
        assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
    }

    @Test
    void logicalSansSerifFontDrawsGlyphs() {
        // a machine without fonts renders nothing (or fails): check text really reaches the pixels
        BufferedImage image = Charts.newImage(200, 40, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        Theme.antialias(g);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 200, 40);
        g.setColor(java.awt.Color.BLACK);
        Theme.text(g, Theme.forArea(new java.awt.Rectangle(0, 0, 800, 500)).labelFont, "accuracy 0.25", 5, 5, 0, 0);
        g.dispose();
        assertThat(Pixels.count(image, new java.awt.Rectangle(0, 0, 200, 40), java.awt.Color.BLACK, 100)).isGreaterThan(50);
    }
}
