package dev.kiso.tensor;

import dev.kiso.KisoException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.function.ToIntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Views (permute, transpose, slice, squeeze, unsqueeze, broadcastTo, reshape) checked against an
 * independent model: each view is also described as a function from its index to the index of the
 * base array, composed op by op without strides, and the two must agree on every element.
 */
class TensorViewTest {

    /** A view as the model sees it: a shape and where each index lands in the base array. */
    private record Model(int[] shape, ToIntFunction<int[]> base) {
    }

    @Test
    void randomViewChainsMatchTheIndexModel() {
        Random rng = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int[] shape0 = Views.randomShape(rng, 4, 5);
            Tensor base = Tensor.arange(Views.size(shape0));
            float[] values = base.toArray();
            Tensor x = base.reshape(shape0);
            int[] s0 = shape0.clone();
            Model m = new Model(s0, idx -> flat(idx, s0));
            for (int step = 0; step < 6; step++) {
                Object[] next = randomStep(rng, x, m);
                x = (Tensor) next[0];
                m = (Model) next[1];
                check(x, m, values, base.data());
            }
        }
    }

    private static void check(Tensor x, Model m, float[] base, float[] baseData) {
        assertThat(x.shape()).as("shape").containsExactly(m.shape);
        float[] actual = x.toArray();
        int n = Views.size(m.shape);
        assertThat(actual).hasSize(n);
        boolean contiguous = true;
        int first = n == 0 ? 0 : m.base.applyAsInt(Views.unravel(0, m.shape));
        for (int k = 0; k < n; k++) {
            int[] index = Views.unravel(k, m.shape);
            int at = m.base.applyAsInt(index);
            assertThat(actual[k]).isEqualTo(base[at]);
            assertThat(x.get(index)).isEqualTo(base[at]);
            contiguous &= at == first + k;
        }
        // the model's indices are positions in x's array unless a reshape had to copy
        boolean sharesBase = x.data() == baseData;
        assertThat(!sharesBase || x.isContiguous() == contiguous).as("isContiguous of %s strides %s", Arrays.toString(x.shape()),
                Arrays.toString(x.strides())).isTrue();
        assertThat(x.copy().toArray()).containsExactly(actual);
        assertThat(x.contiguous().isContiguous()).isTrue();
        assertThat(x.contiguous().toArray()).containsExactly(actual);
    }

    /** One random view op applied to both the tensor and the model. */
    private static Object[] randomStep(Random rng, Tensor x, Model m) {
        int rank = m.shape.length;
        int[] shape = m.shape;
        ToIntFunction<int[]> f = m.base;
        switch (rng.nextInt(7)) {
            case 0: {
                if (rank == 0) {
                    break;
                }
                int[] order = Views.permutation(rng, rank);
                int[] ns = new int[rank];
                for (int d = 0; d < rank; d++) {
                    ns[d] = shape[order[d]];
                }
                return pair(x.permute(order), new Model(ns, idx -> {
                    int[] src = new int[rank];
                    for (int d = 0; d < rank; d++) {
                        src[order[d]] = idx[d];
                    }
                    return f.applyAsInt(src);
                }));
            }
            case 1: {
                if (rank == 0) {
                    break;
                }
                int a = rng.nextInt(rank);
                int start = rng.nextInt(shape[a] + 1);
                int end = start + rng.nextInt(shape[a] - start + 1);
                int stepSize = 1 + rng.nextInt(3);
                int[] ns = shape.clone();
                ns[a] = (end - start + stepSize - 1) / stepSize;
                return pair(x.slice(a, start, end, stepSize), new Model(ns, idx -> {
                    int[] src = idx.clone();
                    src[a] = start + idx[a] * stepSize;
                    return f.applyAsInt(src);
                }));
            }
            case 2: {
                if (rank < 2) {
                    break;
                }
                int a = rng.nextInt(rank);
                int b = rng.nextInt(rank);
                int[] ns = shape.clone();
                ns[a] = shape[b];
                ns[b] = shape[a];
                return pair(x.transpose(a, b - rank), new Model(ns, idx -> {
                    int[] src = idx.clone();
                    src[a] = idx[b];
                    src[b] = idx[a];
                    return f.applyAsInt(src);
                }));
            }
            case 3: {
                if (rank >= 5) {
                    break;
                }
                int a = rng.nextInt(rank + 1);
                int[] ns = new int[rank + 1];
                for (int d = 0, j = 0; d <= rank; d++) {
                    ns[d] = d == a ? 1 : shape[j++];
                }
                return pair(x.unsqueeze(a), new Model(ns, idx -> f.applyAsInt(without(idx, a))));
            }
            case 4: {
                for (int a = 0; a < rank; a++) {
                    if (shape[a] == 1) {
                        int axis = a;
                        return pair(x.squeeze(axis), new Model(without(shape, axis),
                                idx -> f.applyAsInt(with(idx, axis, 0))));
                    }
                }
                break;
            }
            case 5: {
                // broadcast: one new leading axis and every size-1 axis expanded to 2
                int[] ns = new int[rank + 1];
                ns[0] = 2;
                for (int d = 0; d < rank; d++) {
                    ns[d + 1] = shape[d] == 1 ? 2 : shape[d];
                }
                return pair(x.broadcastTo(ns), new Model(ns, idx -> {
                    int[] src = new int[rank];
                    for (int d = 0; d < rank; d++) {
                        src[d] = shape[d] == 1 ? 0 : idx[d + 1];
                    }
                    return f.applyAsInt(src);
                }));
            }
            default: {
                // reshape to a random factorisation: a view when contiguous, a copy otherwise
                int n = Views.size(shape);
                int[] ns = n == 0 ? new int[] {0, 3} : factorise(rng, n);
                Tensor y = x.reshape(ns);
                if (x.isContiguous() && n > 0) {
                    assertThat(y.data()).isSameAs(x.data());
                }
                return pair(y, new Model(ns, idx -> f.applyAsInt(Views.unravel(flat(idx, ns), shape))));
            }
        }
        return pair(x, m);
    }

    private static Object[] pair(Tensor x, Model m) {
        return new Object[] {x, m};
    }

    private static int[] factorise(Random rng, int n) {
        int[] parts = new int[4];
        int k = 0;
        int rest = n;
        while (rest > 1 && k < 3) {
            int f = 2 + rng.nextInt(3);
            if (rest % f == 0) {
                parts[k++] = f;
                rest /= f;
            } else if (rng.nextBoolean()) {
                break;
            }
        }
        parts[k++] = rest;
        return Arrays.copyOf(parts, k);
    }

    private static int flat(int[] idx, int[] shape) {
        int f = 0;
        for (int d = 0; d < shape.length; d++) {
            f = f * shape[d] + idx[d];
        }
        return f;
    }

    private static int[] without(int[] values, int at) {
        int[] out = new int[values.length - 1];
        for (int d = 0, j = 0; d < values.length; d++) {
            if (d != at) {
                out[j++] = values[d];
            }
        }
        return out;
    }

    private static int[] with(int[] values, int at, int v) {
        int[] out = new int[values.length + 1];
        for (int d = 0, j = 0; d < out.length; d++) {
            out[d] = d == at ? v : values[j++];
        }
        return out;
    }

    @Test
    void viewsShareTheArrayAndWritesShowThrough() {
        Tensor x = Tensor.arange(6).reshape(2, 3);
        Tensor t = x.t();
        Tensor row = x.slice(0, 1, 2);
        assertThat(t.data()).isSameAs(x.data());
        assertThat(row.offset()).isEqualTo(3);
        assertThat(t.strides()).containsExactly(1, 3);
        t.set(42f, 2, 1);
        assertThat(x.get(1, 2)).isEqualTo(42f);
        assertThat(row.get(0, 2)).isEqualTo(42f);
    }

    @Test
    void contiguityIgnoresTheStridesOfSizeOneAxes() {
        float[] data = new float[6];
        assertThat(new Tensor(data, 0, new int[] {1, 6}, new int[] {99, 1}).isContiguous()).isTrue();
        assertThat(new Tensor(data, 0, new int[] {3, 1, 2}, new int[] {2, 0, 1}).isContiguous()).isTrue();
        assertThat(new Tensor(data, 0, new int[] {3, 2}, new int[] {1, 3}).isContiguous()).isFalse();
        assertThat(new Tensor(data, 6, new int[] {0, 4}, new int[] {7, 7}).isContiguous()).isTrue();
    }

    @Test
    void emptyTensorsAndEmptySlicesWork() {
        Tensor x = Tensor.arange(6).reshape(2, 3);
        Tensor empty = x.slice(1, 3, 3);
        assertThat(empty.shape()).containsExactly(2, 0);
        assertThat(empty.toArray()).isEmpty();
        Tensor emptyRows = Tensor.zeros(0, 5).slice(1, 2, 4);
        assertThat(emptyRows.shape()).containsExactly(0, 2);
        assertThat(emptyRows.copy().toArray()).isEmpty();
        assertThat(Tensor.zeros(0, 3).reshape(3, 0, 7).size()).isZero();
        assertThatThrownBy(() -> new Tensor(new float[2], 5, new int[] {0}, new int[] {1}))
                .isInstanceOf(KisoException.class).hasMessageContaining("offset 5");
    }

    @Test
    void allCloseFollowsNumPy() {
        Tensor a = Tensor.of(new float[] {1f, Float.POSITIVE_INFINITY, 100f}, 3);
        // |a - b| <= atol + rtol * |b|, equal infinities match, NaN never does
        assertThat(a.allClose(Tensor.of(new float[] {1f, Float.POSITIVE_INFINITY, 100.0005f}, 3))).isTrue();
        assertThat(a.allClose(Tensor.of(new float[] {1f, Float.POSITIVE_INFINITY, 100.01f}, 3))).isFalse();
        assertThat(a.allClose(Tensor.of(new float[] {1f, Float.NEGATIVE_INFINITY, 100f}, 3))).isFalse();
        assertThat(Tensor.scalar(Float.NaN).allClose(Tensor.scalar(Float.NaN))).isFalse();
        assertThat(a.allClose(a.reshape(1, 3))).isFalse();
        assertThat(a.allClose(Tensor.of(new float[] {1.5f, Float.POSITIVE_INFINITY, 100f}, 3), 0f, 0.5f)).isTrue();
    }

    @Test
    void layoutMistakesNameTheOperationAndShapes() {
        Tensor x = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> x.reshape(4, 2)).isInstanceOf(KisoException.class)
                .hasMessageContaining("reshape").hasMessageContaining("[2, 3]").hasMessageContaining("[4, 2]");
        assertThatThrownBy(() -> x.reshape(-1, -1)).isInstanceOf(KisoException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> x.t().view(6)).isInstanceOf(KisoException.class)
                .hasMessageContaining("view").hasMessageContaining("not contiguous");
        assertThatThrownBy(() -> x.slice(1, 2, 5)).isInstanceOf(KisoException.class)
                .hasMessageContaining("slice").hasMessageContaining("axis 1").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> x.slice(0, 0, 1, 0)).isInstanceOf(KisoException.class)
                .hasMessageContaining("step 0");
        assertThatThrownBy(() -> x.slice(2, 0, 1)).isInstanceOf(KisoException.class)
                .hasMessageContaining("axis 2").hasMessageContaining("out of range");
        assertThatThrownBy(() -> x.permute(0, 0)).isInstanceOf(KisoException.class).hasMessageContaining("repeats");
        assertThatThrownBy(() -> x.squeeze(1)).isInstanceOf(KisoException.class).hasMessageContaining("size 3");
        assertThatThrownBy(() -> x.unsqueeze(4)).isInstanceOf(KisoException.class).hasMessageContaining("unsqueeze");
        assertThatThrownBy(() -> x.broadcastTo(3, 3)).isInstanceOf(KisoException.class)
                .hasMessageContaining("broadcastTo").hasMessageContaining("[2, 3]").hasMessageContaining("[3, 3]");
        assertThatThrownBy(() -> x.broadcastTo(3)).isInstanceOf(KisoException.class).hasMessageContaining("lower rank");
        assertThatThrownBy(() -> x.get(2, 0)).isInstanceOf(KisoException.class)
                .hasMessageContaining("get").hasMessageContaining("[2, 0]").hasMessageContaining("axis 0");
        assertThatThrownBy(() -> x.set(1f, 0)).isInstanceOf(KisoException.class).hasMessageContaining("coordinates");
        assertThatThrownBy(() -> x.get(0, -1)).isInstanceOf(KisoException.class).hasMessageContaining("out of bounds");
        assertThatThrownBy(() -> Tensor.of(new float[5], 2, 3)).isInstanceOf(KisoException.class)
                .hasMessageContaining("5 values");
        assertThatThrownBy(() -> Tensor.zeros(2, -1)).isInstanceOf(KisoException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> new Tensor(new float[4], 0, new int[] {2, 3}, new int[] {3, 1}))
                .isInstanceOf(KisoException.class).hasMessageContaining("outside an array of 4");
        assertThatThrownBy(x::item).isInstanceOf(KisoException.class).hasMessageContaining("6 elements");
    }

    /** Random calls with random (often wrong) arguments: a KisoException or a result, never anything else. */
    @Test
    void badArgumentsNeverEscapeAsIndexErrors() {
        Random rng = new Random(3);
        for (int trial = 0; trial < 1500; trial++) {
            Tensor x = Views.randomLayout(rng, Views.randomShape(rng, 3, 3));
            int a = rng.nextInt(9) - 4;
            int b = rng.nextInt(9) - 4;
            int c = rng.nextInt(9) - 4;
            int[] idx = new int[rng.nextInt(4)];
            for (int d = 0; d < idx.length; d++) {
                idx[d] = rng.nextInt(6) - 2;
            }
            try {
                switch (trial % 17) {
                    case 0 -> x.get(idx);
                    case 1 -> x.slice(a, b, c);
                    case 2 -> x.slice(a, b, c, rng.nextInt(3) - 1);
                    case 3 -> x.reshape(idx);
                    case 4 -> x.permute(idx);
                    case 5 -> x.transpose(a, b);
                    case 6 -> x.broadcastTo(idx);
                    case 7 -> x.sum(idx, rng.nextBoolean());
                    case 8 -> x.argmax(a);
                    case 9 -> x.add(Tensor.zeros(Views.randomShape(rng, 3, 3)));
                    case 10 -> x.addi(Tensor.zeros(Views.randomShape(rng, 3, 3)));
                    case 11 -> x.matmul(Tensor.zeros(Views.randomShape(rng, 3, 3)));
                    case 12 -> x.variance(idx, false, a);
                    case 13 -> new Tensor(new float[rng.nextInt(8)], a, x.shape(), idx.length == x.rank() ? idx : x.strides()).add(1f).sum(0).toString();
                    case 14 -> Tensor.matmulInto(x, x.t(), new float[rng.nextInt(10)], a, b, rng.nextBoolean());
                    case 15 -> x.reshape(Integer.MAX_VALUE, Integer.MAX_VALUE, 2, -1);
                    default -> x.squeeze(a).unsqueeze(b);
                }
            } catch (KisoException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }
}
