package dev.kiso.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiso.KisoException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The worker pool behind {@link Parallel}: coverage, the documented partition, errors, nesting. */
class ParallelTest {
    private static final WorkerPool TWO = new WorkerPool(2);
    private static final WorkerPool THREE = new WorkerPool(3);

    @Test
    void threadBuffersAreOnePerThreadWithTheGuardAfterThemAndKeptWhenLargeEnough() {
        float[][] first = Parallel.threadBuffers(null, 100);
        assertThat(first.length).isEqualTo(Parallel.threads());
        int guard = Parallel.threads() > 1 ? Parallel.WRITE_GUARD : 0;
        assertThat(Parallel.writeGuard()).isEqualTo(guard);
        for (float[] buffer : first) {
            assertThat(buffer).hasSize(100 + guard);
        }
        float[] kept = first[0];
        assertThat(Parallel.threadBuffers(first, 50)[0]).isSameAs(kept);
        float[][] grown = Parallel.threadBuffers(first, 200);
        assertThat(grown[0]).isNotSameAs(kept).hasSize(200 + guard);
    }

    @Test
    void eachThreadRunsItsOwnBlockFromTheFrontAndTheOthersFromTheBack() {
        for (WorkerPool pool : List.of(TWO, THREE)) {
            for (int tasks : new int[] {1, 2, 5, 100, 117}) {
                for (int repeat = 0; repeat < 20; repeat++) {
                    List<List<Integer>> runs = new ArrayList<>();
                    for (int s = 0; s < pool.threads(); s++) {
                        runs.add(Collections.synchronizedList(new ArrayList<>()));
                    }
                    AtomicIntegerArray hits = new AtomicIntegerArray(tasks);
                    pool.forTasks(tasks, (slot, task) -> {
                        runs.get(slot).add(task);
                        hits.incrementAndGet(task);
                    });
                    int blocks = Math.min(pool.threads(), tasks);
                    for (int task = 0; task < tasks; task++) {
                        assertThat(hits.get(task)).as("task %d of %d", task, tasks).isEqualTo(1);
                    }
                    for (int b = 0; b < blocks; b++) {
                        int front = WorkerPool.chunkStart(tasks, blocks, b);
                        int end = WorkerPool.chunkStart(tasks, blocks, b + 1);
                        int owned = 0;
                        for (int slot = 0; slot < pool.threads(); slot++) {
                            List<Integer> ran = runs.get(slot).stream().filter(t -> t >= front && t < end).toList();
                            List<Integer> inOrder = new ArrayList<>(ran);
                            Collections.sort(inOrder);
                            if (slot == b) {   // the owner: a prefix of its block, front first
                                assertThat(ran).as("slot %d, own block of %d tasks", slot, tasks).isEqualTo(inOrder);
                                assertThat(ran.isEmpty() || ran.get(0) == front).isTrue();
                                owned = ran.size();
                            } else {           // a thief: from the end down
                                Collections.reverse(inOrder);
                                assertThat(ran).as("slot %d, block %d of %d tasks", slot, b, tasks).isEqualTo(inOrder);
                            }
                        }
                        // what the owner ran is [front, front + owned); the thieves took the rest
                        for (int slot = 0; slot < pool.threads(); slot++) {
                            if (slot != b) {
                                int firstStolen = front + owned;
                                assertThat(runs.get(slot)).as("slot %d stole block %d's front", slot, b)
                                        .noneMatch(t -> t >= front && t < firstStolen);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void aThreadThatIsThereStartsOnItsOwnBlock() {
        // Task 0 (the caller's first) waits until the worker has started a task, so the worker
        // cannot be late: its first task must then be the first of block 1.
        AtomicInteger workerFirst = new AtomicInteger(-1);
        TWO.forTasks(10, (slot, task) -> {
            if (slot == 1) {
                workerFirst.compareAndSet(-1, task);
            }
            if (task == 0) {
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (workerFirst.get() < 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            }
        });
        assertThat(workerFirst.get()).isEqualTo(5);
    }

    @Test
    void everyIndexRunsExactlyOnce() {
        for (WorkerPool pool : List.of(TWO, THREE)) {
            for (int n : new int[] {0, 1, 2, 3, 7, 100, 1001}) {
                for (int grain : new int[] {1, 4, 50}) {
                    AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(n, 1));
                    for (int repeat = 0; repeat < 20; repeat++) {
                        pool.forRange(n, grain, (start, end) -> {
                            for (int i = start; i < end; i++) {
                                hits.incrementAndGet(i);
                            }
                        });
                    }
                    for (int i = 0; i < n; i++) {
                        assertThat(hits.get(i)).as("n=%d grain=%d index %d", n, grain, i).isEqualTo(20);
                    }
                }
            }
        }
    }

    @Test
    void chunksFollowTheDocumentedCut() {
        List<String> chunks = Collections.synchronizedList(new ArrayList<>());
        THREE.forRange(10, 1, (start, end) -> chunks.add(start + ".." + end));
        assertThat(chunks).containsExactlyInAnyOrder("0..3", "3..6", "6..10");
        chunks.clear();
        THREE.forRange(10, 4, (start, end) -> chunks.add(start + ".." + end)); // ceil(10/4) = 3 chunks
        assertThat(chunks).containsExactlyInAnyOrder("0..3", "3..6", "6..10");
        chunks.clear();
        THREE.forRange(10, 6, (start, end) -> chunks.add(start + ".." + end)); // 2 chunks
        assertThat(chunks).containsExactlyInAnyOrder("0..5", "5..10");
        chunks.clear();
        THREE.forRange(10, 100, (start, end) -> chunks.add(start + ".." + end));
        assertThat(chunks).containsExactly("0..10");
    }

    @Test
    void exceptionsReachTheCaller() {
        assertThatThrownBy(() -> TWO.forRange(8, 1, (start, end) -> {
            if (start > 0) {
                throw new IllegalStateException("chunk starting at " + start);
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("chunk starting at 4");
        AtomicIntegerArray hits = new AtomicIntegerArray(8);
        TWO.forRange(8, 1, (start, end) -> hits.incrementAndGet(start)); // the pool still works
        assertThat(hits.get(0) + hits.get(4)).isEqualTo(2);
    }

    @Test
    void nestedAndConcurrentCallsComplete() throws InterruptedException {
        AtomicIntegerArray hits = new AtomicIntegerArray(64);
        Runnable job = () -> TWO.forRange(8, 1, (start, end) -> {
            for (int outer = start; outer < end; outer++) {
                int base = outer * 8;
                TWO.forRange(8, 1, (s, e) -> {
                    for (int i = s; i < e; i++) {
                        hits.incrementAndGet(base + i);
                    }
                });
            }
        });
        Thread other = new Thread(job);
        other.start();
        job.run();
        other.join();
        for (int i = 0; i < 64; i++) {
            assertThat(hits.get(i)).isEqualTo(2);
        }
    }

    @Test
    void everyTaskRunsOnceAndNoSlotRunsTwoTasksAtATime() {
        for (WorkerPool pool : List.of(TWO, THREE)) {
            for (int tasks : new int[] {0, 1, 2, 5, 64}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(tasks, 1));
                AtomicIntegerArray inSlot = new AtomicIntegerArray(pool.threads());
                AtomicIntegerArray overlaps = new AtomicIntegerArray(1);
                AtomicIntegerArray badSlots = new AtomicIntegerArray(1);
                for (int repeat = 0; repeat < 20; repeat++) {
                    pool.forTasks(tasks, (slot, task) -> {
                        if (slot < 0 || slot >= pool.threads()) {
                            badSlots.incrementAndGet(0);
                            return;
                        }
                        if (inSlot.incrementAndGet(slot) != 1) {
                            overlaps.incrementAndGet(0);
                        }
                        hits.incrementAndGet(task);
                        Thread.onSpinWait();
                        inSlot.decrementAndGet(slot);
                    });
                }
                assertThat(badSlots.get(0)).as("slots outside 0..%d", pool.threads() - 1).isZero();
                assertThat(overlaps.get(0)).as("two tasks at once in one slot").isZero();
                for (int t = 0; t < tasks; t++) {
                    assertThat(hits.get(t)).as("%d threads, %d tasks, task %d", pool.threads(), tasks, t).isEqualTo(20);
                }
            }
        }
    }

    @Test
    void aFasterThreadTakesMoreTasks() {
        // The worker is stalled inside its first task until every task has been claimed: the caller
        // must take all the others rather than leave a fixed share to the stalled thread.
        AtomicIntegerArray perSlot = new AtomicIntegerArray(2);
        AtomicInteger started = new AtomicInteger();
        TWO.forTasks(40, (slot, task) -> {
            started.incrementAndGet();
            perSlot.incrementAndGet(slot);
            long giveUp = System.nanoTime() + 10_000_000_000L;
            while (slot == 1 && started.get() < 40 && System.nanoTime() < giveUp) {
                Thread.onSpinWait();
            }
        });
        assertThat(perSlot.get(0) + perSlot.get(1)).isEqualTo(40);
        assertThat(perSlot.get(1)).as("tasks run by the stalled worker").isLessThanOrEqualTo(1);
        assertThat(perSlot.get(0)).isGreaterThanOrEqualTo(39);
    }

    @Test
    void tasksOfABusyPoolRunInOrderInSlotZero() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        TWO.forRange(2, 1, (start, end) -> {
            if (start == 0) {
                TWO.forTasks(4, (slot, task) -> seen.add(slot + ":" + task));   // nested: the pool is busy
            }
        });
        assertThat(seen).containsExactly("0:0", "0:1", "0:2", "0:3");
        assertThatThrownBy(() -> TWO.forTasks(6, (slot, task) -> {
            if (task == 5) {
                throw new IllegalStateException("task " + task);
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("task 5");
    }

    @Test
    void sharedPoolHonoursItsSize() {
        assertThat(Parallel.threads()).isGreaterThanOrEqualTo(1);
        int[] sum = new int[1];
        Parallel.forRange(1, 1, (start, end) -> sum[0] += end - start);
        assertThat(sum[0]).isEqualTo(1);
    }

    @Test
    void badThreadCountsAreRejected() {
        assertThatThrownBy(() -> new WorkerPool(0)).isInstanceOf(KisoException.class)
                .hasMessageContaining("at least 1");
        String old = System.getProperty("kiso.threads");
        try {
            System.setProperty("kiso.threads", "two");
            assertThatThrownBy(Parallel::configuredThreads).isInstanceOf(KisoException.class)
                    .hasMessageContaining("kiso.threads").hasMessageContaining("'two'");
            System.setProperty("kiso.threads", "3");
            assertThat(Parallel.configuredThreads()).isEqualTo(3);
        } finally {
            if (old == null) {
                System.clearProperty("kiso.threads");
            } else {
                System.setProperty("kiso.threads", old);
            }
        }
    }
}
