package dev.kiso.tensor;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The row walk: it visits exactly the offsets the strides describe, and merges axes when it can. */
class StridedLoopTest {

    @Test
    void visitsEveryOffsetInRowMajorOrder() {
        Random rng = new Random(2);
        for (int trial = 0; trial < 200; trial++) {
            int[] shape = Views.randomShape(rng, 4, 4);
            Tensor x = Views.randomLayout(rng, shape);
            Tensor y = Views.randomLayout(rng, shape);
            StridedLoop loop = new StridedLoop(x.shape(), new int[] {x.offset(), y.offset()}, x.strides(), y.strides());
            List<int[]> visited = new ArrayList<>();
            for (int r = 0; r < loop.rows(); r++, loop.advance()) {
                for (int e = 0; e < loop.rowLength(); e++) {
                    visited.add(new int[] {loop.offset(0) + e * loop.stride(0), loop.offset(1) + e * loop.stride(1)});
                }
            }
            assertThat(visited).hasSize(x.size());
            for (int k = 0; k < visited.size(); k++) {
                int[] index = Views.unravel(k, shape);
                assertThat(visited.get(k)).containsExactly(x.offsetOf(index), y.offsetOf(index));
            }
        }
    }

    @Test
    void contiguousOperandsBecomeOneFlatRow() {
        Tensor x = Tensor.zeros(4, 5, 6);
        StridedLoop loop = new StridedLoop(x.shape(), new int[] {0, 0}, x.strides(), x.strides());
        assertThat(loop.rows()).isEqualTo(1);
        assertThat(loop.rowLength()).isEqualTo(120);
        assertThat(loop.stride(0)).isEqualTo(1);
    }

    @Test
    void aBroadcastScalarStaysOneRowWithStrideZero() {
        Tensor x = Tensor.zeros(4, 5);
        Tensor s = Tensor.scalar(3f).broadcastTo(4, 5);
        StridedLoop loop = new StridedLoop(x.shape(), new int[] {0, 0}, x.strides(), s.strides());
        assertThat(loop.rows()).isEqualTo(1);
        assertThat(loop.stride(1)).isZero();
    }

    @Test
    void aBiasBroadcastRunsRowByRowWithUnitStrides() {
        Tensor x = Tensor.zeros(8, 3);
        Tensor b = Tensor.zeros(3).broadcastTo(8, 3);
        StridedLoop loop = new StridedLoop(x.shape(), new int[] {0, 0}, x.strides(), b.strides());
        assertThat(loop.rows()).isEqualTo(8);
        assertThat(loop.rowLength()).isEqualTo(3);
        assertThat(loop.stride(0)).isEqualTo(1);
        assertThat(loop.stride(1)).isEqualTo(1);
    }

    @Test
    void emptyShapesHaveNoRows() {
        StridedLoop loop = new StridedLoop(new int[] {3, 0, 2}, new int[] {0}, new int[] {0, 2, 1});
        assertThat(loop.rows()).isZero();
    }
}
