package dev.kiso.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiso.KisoException;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImageGridTest {

    /** The grey level (red channel) at the centre of image pixel (i, j) of a w-wide image drawn in r. */
    private static int greyAt(BufferedImage image, Rectangle r, int w, int h, int i, int j) {
        int x = r.x + (int) ((i + 0.5) * r.width / w);
        int y = r.y + (int) ((j + 0.5) * r.height / h);
        return new Color(image.getRGB(x, y)).getRed();
    }

    @Test
    void greyLevelsFollowTheFixedRangeAndPixelsAreEnlargedExactly() {
        ImageGrid grid = new ImageGrid(2).add(new float[] {0, 1f / 3, 2f / 3, 1}, 2, 2, "a");
        BufferedImage image = Charts.render(grid, 300, 200);
        Rectangle r = grid.imageRect(Pixels.graphics(), new Rectangle(0, 0, 300, 200), 0);
        assertThat(r.width % 2).isZero(); // a whole enlargement factor
        assertThat(r.width).isEqualTo(r.height).isGreaterThan(40);
        assertThat(greyAt(image, r, 2, 2, 0, 0)).isEqualTo(0);
        assertThat(greyAt(image, r, 2, 2, 1, 0)).isEqualTo(85);
        assertThat(greyAt(image, r, 2, 2, 0, 1)).isEqualTo(170);
        assertThat(greyAt(image, r, 2, 2, 1, 1)).isEqualTo(255);
        // nearest neighbour: every screen pixel of the top-left square is pure black up to its edge
        int half = r.width / 2;
        assertThat(Pixels.count(image, new Rectangle(r.x, r.y, half, half), Color.BLACK, 0)).isEqualTo(half * half);
    }

    @Test
    void normalizeEachAndInvertedAndOffset() {
        float[] weights = {99, 99, 2, 4, 6, 10, 99};
        ImageGrid grid = new ImageGrid(3).normalizeEach().inverted().add(weights, 2, 2, 2, null);
        BufferedImage image = Charts.render(grid, 300, 200);
        Rectangle r = grid.imageRect(Pixels.graphics(), new Rectangle(0, 0, 300, 200), 0);
        // (v - 2) / 8 -> 0, 0.25, 0.5, 1 -> grey 0, 64, 128, 255 -> inverted
        assertThat(greyAt(image, r, 2, 2, 0, 0)).isEqualTo(255);
        assertThat(greyAt(image, r, 2, 2, 1, 0)).isEqualTo(255 - 64);
        assertThat(greyAt(image, r, 2, 2, 0, 1)).isEqualTo(255 - 128);
        assertThat(greyAt(image, r, 2, 2, 1, 1)).isEqualTo(0);
    }

    @Test
    void rangeClampsAndNanIsRed() {
        ImageGrid grid = new ImageGrid(1).range(-1, 1).add(new float[] {-5, 0, 5, Float.NaN}, 4, 1);
        BufferedImage image = Charts.render(grid, 300, 200);
        Rectangle r = grid.imageRect(Pixels.graphics(), new Rectangle(0, 0, 300, 200), 0);
        assertThat(greyAt(image, r, 4, 1, 0, 0)).isEqualTo(0);
        assertThat(greyAt(image, r, 4, 1, 1, 0)).isEqualTo(128);
        assertThat(greyAt(image, r, 4, 1, 2, 0)).isEqualTo(255);
        int x = r.x + (int) (3.5 * r.width / 4);
        assertThat(Pixels.distance(image, x, r.y + r.height / 2, new Color(0xD62728))).isZero();
    }

    @Test
    void imagesFillTheGridRowByRow() {
        ImageGrid grid = new ImageGrid(3);
        for (int k = 0; k < 7; k++) {
            grid.add(new float[25], 5, 5, "f" + k);
        }
        Rectangle area = new Rectangle(0, 0, grid.size().width, grid.size().height);
        Rectangle first = grid.imageRect(Pixels.graphics(), area, 0);
        Rectangle fourth = grid.imageRect(Pixels.graphics(), area, 3);
        Rectangle seventh = grid.imageRect(Pixels.graphics(), area, 6);
        assertThat(first.width).isGreaterThanOrEqualTo(60); // 5x5 filters are enlarged
        assertThat(fourth.x).isEqualTo(first.x);
        assertThat(fourth.y).isGreaterThan(first.y + first.height);
        assertThat(seventh.y).isGreaterThan(fourth.y + fourth.height);
        assertThat(Charts.render(grid).getHeight()).isEqualTo(area.height);
    }

    @Test
    void badImagesAreRejected() {
        assertThatThrownBy(() -> new ImageGrid(2).add(new float[5], 2, 2))
                .isInstanceOf(KisoException.class).hasMessageContaining("2x2").hasMessageContaining("5");
        assertThatThrownBy(() -> new ImageGrid(2).add(new float[10], 8, 2, 2, null))
                .isInstanceOf(KisoException.class).hasMessageContaining("offset 8");
        assertThatThrownBy(() -> new ImageGrid(0)).isInstanceOf(KisoException.class);
        assertThatThrownBy(() -> new ImageGrid(1).range(1, 1)).isInstanceOf(KisoException.class);
        assertThatThrownBy(() -> new ImageGrid(1).scale(0)).isInstanceOf(KisoException.class);
    }
}
