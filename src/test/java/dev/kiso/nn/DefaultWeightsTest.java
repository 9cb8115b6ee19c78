package dev.kiso.nn;

import dev.kiso.nn.init.HeNormal;
import dev.kiso.nn.init.Initializer;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.kiso.nn.NnTesting.bits;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A layer draws its default weights when they are first needed ({@link DefaultWeights}), and they
 * are the numbers the constructor used to draw: He-normal from {@code new Random(DEFAULT_SEED)}.
 */
class DefaultWeightsTest {

    /** He-normal weights from {@code java.util.Random(DEFAULT_SEED)}, drawn here independently of the layers. */
    private static Tensor reference(int fanIn, int fanOut, int... shape) {
        return drawn(Sequential.DEFAULT_SEED, fanIn, fanOut, shape);
    }

    /** He-normal weights from {@code java.util.Random(seed)}. */
    private static Tensor drawn(long seed, int fanIn, int fanOut, int... shape) {
        Tensor w = Tensor.zeros(shape);
        new HeNormal().fill(w, fanIn, fanOut, new Random(seed));
        return w;
    }

    @Test
    void aLayerUsedAloneHasTheConstructorsFormerWeights() {
        assertThat(bits(new Affine(50, 20).weight().value())).isEqualTo(bits(reference(50, 20, 50, 20)));
        assertThat(bits(new Conv2D(3, 8, 5).weight().value())).isEqualTo(bits(reference(75, 200, 8, 3, 5, 5)));
        assertThat(new Affine(50, 20).bias().value().data()).containsOnly(0f);
    }

    @Test
    void aForwardPassBeforeAnyAccessorDrawsTheWeightsFirst() {
        Random rng = new Random(3);
        Tensor x = Tensor.rand(rng, -1, 1, 4, 6);
        Affine fresh = new Affine(6, 5);
        Affine twin = new Affine(6, 5);
        twin.initialize(new Random(Sequential.DEFAULT_SEED));
        Tensor y = fresh.forward(x, false);
        assertThat(bits(y)).isEqualTo(bits(twin.forward(x, false)));
        assertThat(y.data()).isNotEqualTo(new float[y.size()]);
        assertThat(bits(fresh.weight().value())).isEqualTo(bits(twin.weight().value()));   // not drawn again

        Tensor image = Tensor.rand(rng, -1, 1, 2, 3, 7, 7);
        Conv2D conv = new Conv2D(3, 4, 3, 1, 1);
        Conv2D convTwin = new Conv2D(3, 4, 3, 1, 1);
        convTwin.initialize(new Random(Sequential.DEFAULT_SEED));
        assertThat(bits(conv.forward(image, true))).isEqualTo(bits(convTwin.forward(image, true)));
    }

    @Test
    void initializeBeforeFirstUseIsNotOverwritten() {
        Affine layer = new Affine(6, 5);
        layer.initialize(new Random(7));
        layer.forward(Tensor.rand(new Random(1), -1, 1, 2, 6), true);
        assertThat(bits(layer.weight().value())).isEqualTo(bits(drawn(7, 6, 5, 6, 5)));

        Conv2D conv = new Conv2D(2, 3, 3);
        conv.initialize(new Random(7));
        conv.forward(Tensor.rand(new Random(1), -1, 1, 1, 2, 5, 5), true);
        assertThat(bits(conv.weight().value())).isEqualTo(bits(drawn(7, 18, 27, 3, 2, 3, 3)));
    }

    @Test
    void aSequentialDrawsFromItsOwnSeed() {
        Sequential model = new Sequential(new Conv2D(1, 2, 3), new Flatten(), new Affine(2 * 26 * 26, 4));
        Sequential twin = new Sequential(new Conv2D(1, 2, 3), new Flatten(), new Affine(2 * 26 * 26, 4));
        twin.initialize(new Random(Sequential.DEFAULT_SEED));
        List<Parameter> got = model.parameters();
        List<Parameter> want = twin.parameters();
        for (int i = 0; i < got.size(); i++) {
            assertThat(bits(got.get(i).value())).isEqualTo(bits(want.get(i).value()));
        }
        // one generator for the whole model: the affine layer's weights continue the convolution's stream
        assertThat(bits(((Affine) model.layers().get(2)).weight().value()))
                .isNotEqualTo(bits(reference(2 * 26 * 26, 4, 2 * 26 * 26, 4)));
    }

    @Test
    void threadsEvaluatingOneFreshLayerDrawItOnceAndAllSeeTheSameWeights() throws Exception {
        Tensor image = Tensor.rand(new Random(5), -1, 1, 2, 3, 9, 9);
        Conv2D twin = new Conv2D(3, 6, 3, 1, 1);
        twin.initialize(new Random(Sequential.DEFAULT_SEED));
        int[] want = bits(twin.infer(image, null));
        // He-normal, counted, and slow enough that racing threads would all get into it without the lock
        AtomicInteger draws = new AtomicInteger();
        Initializer slowHeNormal = (w, fanIn, fanOut, rng) -> {
            draws.incrementAndGet();
            new HeNormal().fill(w, fanIn, fanOut, rng);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 1; round <= 3; round++) {
                Conv2D fresh = Conv2D.builder(3, 6, 3).padding(1).initializer(slowHeNormal).build();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<int[]>> outputs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Callable<int[]> evaluate = () -> {
                        start.await();
                        return bits(fresh.infer(image, null));
                    };
                    outputs.add(pool.submit(evaluate));
                }
                start.countDown();
                for (Future<int[]> output : outputs) {
                    assertThat(output.get()).isEqualTo(want);
                }
                assertThat(draws.get()).isEqualTo(round);   // one draw per fresh layer
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
