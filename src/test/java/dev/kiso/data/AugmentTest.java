package dev.kiso.data;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Augmentations against naive element-by-element references. Pixel values encode their position
 * ({@code 1 + c*100 + y*10 + x}), so a crop reveals its offset and a flip its mirror.
 */
class AugmentTest {

    /** An image [C, H, W] whose pixel (c, y, x) is 1 + c*100 + y*10 + x (never 0, so padding shows). */
    private static Tensor image(int c, int h, int w) {
        Tensor t = Tensor.zeros(c, h, w);
        for (int k = 0; k < c; k++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    t.set(1 + k * 100 + y * 10 + x, k, y, x);
                }
            }
        }
        return t;
    }

    /** Naive reference: the pixel of the zero-padded image at (y, x) of a window at (top, left). */
    private static float padded(Tensor img, int c, int y, int x) {
        int h = img.shape(1);
        int w = img.shape(2);
        return y < 0 || y >= h || x < 0 || x >= w ? 0f : img.get(c, y, x);
    }

    @Test
    void padAddsZeroBorders() {
        Tensor img = image(2, 3, 4);
        Tensor p = Augment.pad(img, 2);
        assertThat(p.shape()).containsExactly(2, 7, 8);
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 7; y++) {
                for (int x = 0; x < 8; x++) {
                    assertThat(p.get(c, y, x)).isEqualTo(padded(img, c, y - 2, x - 2));
                }
            }
        }
    }

    @Test
    void randomCropReachesEveryOffsetAndCopiesTheWindow() {
        Tensor img = image(2, 6, 5);
        Random rng = new Random(4);
        Set<List<Integer>> offsets = new HashSet<>();
        for (int trial = 0; trial < 400; trial++) {
            Tensor crop = Augment.randomCrop(img, 3, 2, rng);
            assertThat(crop.shape()).containsExactly(2, 3, 2);
            int top = ((int) crop.get(0, 0, 0) - 1) / 10;
            int left = ((int) crop.get(0, 0, 0) - 1) % 10;
            offsets.add(List.of(top, left));
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 2; x++) {
                        assertThat(crop.get(c, y, x)).isEqualTo(img.get(c, top + y, left + x));
                    }
                }
            }
        }
        assertThat(offsets).hasSize(4 * 4); // top 0..3, left 0..3
    }

    @Test
    void randomCropOfTheFullSizeIsTheImage() {
        Tensor img = image(1, 4, 4);
        assertThat(Augment.randomCrop(img, 4, 4, new Random(0)).toArray()).containsExactly(img.toArray());
    }

    @Test
    void cropLargerThanTheImageIsAClearError() {
        assertThatThrownBy(() -> Augment.randomCrop(image(1, 4, 5), 5, 5, new Random()))
                .isInstanceOf(KisoException.class).hasMessageContaining("Augment.randomCrop: crop 5x5 does not fit the image 4x5");
        assertThatThrownBy(() -> new RandomCrop(9, 9, 2).apply(image(1, 4, 4).unsqueeze(0), new Random()))
                .isInstanceOf(KisoException.class)
                .hasMessageContaining("RandomCrop: crop 9x9 does not fit the padded image 8x8 (4x4 plus padding 2)");
        assertThatThrownBy(() -> Augment.pad(Tensor.zeros(3), 1))
                .isInstanceOf(KisoException.class).hasMessageContaining("expected an image [..., H, W], got shape [3]");
    }

    @Test
    void flipMirrorsAndTwiceIsIdentity() {
        Tensor img = image(2, 3, 5);
        Tensor f = Augment.flipHorizontal(img);
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 5; x++) {
                    assertThat(f.get(c, y, x)).isEqualTo(img.get(c, y, 4 - x));
                }
            }
        }
        assertThat(Augment.flipHorizontal(f).toArray()).containsExactly(img.toArray());
        // a transposed (non-contiguous) view flips by its logical layout
        Tensor t = image(1, 3, 3).squeeze(0).t();
        assertThat(Augment.flipHorizontal(t).get(0, 0)).isEqualTo(t.get(0, 2));
    }

    @Test
    void randomFlipFlipsAboutHalf() {
        Tensor img = image(1, 2, 3);
        Random rng = new Random(8);
        int flipped = 0;
        for (int i = 0; i < 1000; i++) {
            Tensor out = Augment.randomFlip(img, rng);
            flipped += out.get(0, 0, 0) == img.get(0, 0, 2) ? 1 : 0;
        }
        assertThat(flipped).isBetween(440, 560);
    }

    /** A batch [B, C, H, W] of the numbered images, example n offset by 1000*n. */
    private static Tensor batch(int b, int c, int h, int w) {
        Tensor x = Tensor.zeros(b, c, h, w);
        Tensor one = image(c, h, w);
        float[] v = x.data();
        for (int n = 0; n < b; n++) {
            float[] o = one.toArray();
            for (int i = 0; i < o.length; i++) {
                v[n * o.length + i] = o[i] + 1000 * n;
            }
        }
        return x;
    }

    @Test
    void batchRandomCropWithPaddingMatchesTheNaiveWindowPerExample() {
        Tensor x = batch(6, 2, 5, 5);
        float[] before = x.toArray();
        RandomCrop crop = new RandomCrop(5, 5, 2);
        Random rng = new Random(12);
        Random replay = new Random(12);
        Tensor out = crop.apply(x, rng);
        assertThat(out.shape()).containsExactly(6, 2, 5, 5);
        for (int n = 0; n < 6; n++) {
            int top = replay.nextInt(5) - 2; // padded 9x9, crop 5: offsets 0..4, minus the padding
            int left = replay.nextInt(5) - 2;
            Tensor img = image(2, 5, 5);
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 5; y++) {
                    for (int xx = 0; xx < 5; xx++) {
                        float expected = padded(img, c, top + y, left + xx);
                        assertThat(out.get(n, c, y, xx)).isEqualTo(expected == 0 ? 0 : expected + 1000 * n);
                    }
                }
            }
        }
        assertThat(x.toArray()).containsExactly(before); // input untouched
        assertThat(crop.apply(x, rng)).isSameAs(out);       // buffer reused for the same shape
    }

    @Test
    void batchRandomCropReachesEveryPaddedOffset() {
        RandomCrop crop = new RandomCrop(3, 3, 1);
        Tensor x = batch(1, 1, 3, 3);
        Set<Float> centres = new HashSet<>();
        Random rng = new Random(3);
        for (int i = 0; i < 300; i++) {
            Tensor out = crop.apply(x, rng);
            // the centre pixel of the crop identifies the offset: 9 offsets, 9 distinct pixels
            centres.add(out.get(0, 0, 1, 1));
        }
        assertThat(centres).hasSize(9);
    }

    @Test
    void batchRandomFlipFlipsWholeExamples() {
        Tensor x = batch(200, 2, 2, 3);
        Tensor out = new RandomFlip().apply(x, new Random(5));
        int flipped = 0;
        for (int n = 0; n < 200; n++) {
            boolean f = out.get(n, 0, 0, 0) == x.get(n, 0, 0, 2);
            flipped += f ? 1 : 0;
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 2; y++) {
                    for (int xx = 0; xx < 3; xx++) {
                        assertThat(out.get(n, c, y, xx)).isEqualTo(x.get(n, c, y, f ? 2 - xx : xx));
                    }
                }
            }
        }
        assertThat(flipped).isBetween(70, 130);
        assertThat(new RandomFlip(0).apply(x, new Random(1)).toArray()).containsExactly(x.toArray());
        assertThat(new RandomFlip(1).apply(x, new Random(1)).get(3, 1, 1, 0)).isEqualTo(x.get(3, 1, 1, 2));
    }

    @Test
    void transformsComposeAndAreDeterministic() {
        Tensor x = batch(8, 1, 6, 6);
        BatchTransform t1 = new RandomCrop(6, 6, 2).andThen(new RandomFlip());
        BatchTransform t2 = new RandomCrop(6, 6, 2).andThen(new RandomFlip());
        assertThat(t1.apply(x, new Random(9)).toArray()).containsExactly(t2.apply(x, new Random(9)).toArray());
    }
}
