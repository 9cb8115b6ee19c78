"""OpenBLAS (through numpy) on the shapes and transposes of Kiso's GemmBench, same protocol.

Prints one line per case, in GemmBench's form, so the two outputs line up:

    openblas gemm n=fc784 op=NT threads=1 gflops=93.1 best=97.0

C = op(A) op(B) in float32, m x k times k x n; "TN" multiplies A^T (A stored k x m), "NT" B^T (B
stored n x k), as numpy views, so OpenBLAS gets the transpose flags, not copies. A case is timed
in batches of back-to-back calls lasting at least 25 ms, after at least 2 s of warm-up; the median
and the best of --reps batches are printed (GFLOP/s = 2 m n k / seconds).

Run (numpy reads the thread count at import; unset OPENBLAS_CORETYPE so that OpenBLAS picks its
AVX-512 kernels on this machine):

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 \\
        /usr/bin/python3 tools/bench/openblas_gemm.py --sizes 512,1024,conv,fc4320,fc784 --ops NN,TN,NT
"""
import argparse
import os
import statistics
import time

import numpy as np

SHAPES = {  # name: (m, k, n)
    "conv": (57600, 25, 30),
    "fc4320": (100, 4320, 100),
    "fc784": (100, 784, 100),
}

ap = argparse.ArgumentParser()
ap.add_argument("--sizes", default="512,1024,conv,fc4320,fc784")
ap.add_argument("--ops", default="NN")
ap.add_argument("--reps", type=int, default=21)
args = ap.parse_args()
threads = os.environ.get("OPENBLAS_NUM_THREADS", "?")
rng = np.random.default_rng(0)

for size in args.sizes.split(","):
    m, k, n = SHAPES[size] if size in SHAPES else (int(size),) * 3
    for op in args.ops.split(","):
        a = rng.standard_normal((k, m) if op[0] == "T" else (m, k), dtype=np.float32)
        b = rng.standard_normal((n, k) if op[1] == "T" else (k, n), dtype=np.float32)
        opa = a.T if op[0] == "T" else a
        opb = b.T if op[1] == "T" else b
        c = np.empty((m, n), dtype=np.float32)

        def call():
            np.matmul(opa, opb, out=c)

        start = time.perf_counter()
        calls = 0
        while time.perf_counter() - start < 2.0:
            call()
            calls += 1
        batch = max(1, int(np.ceil(0.025 / ((time.perf_counter() - start) / calls))))
        rates = []
        for _ in range(args.reps):
            t0 = time.perf_counter()
            for _ in range(batch):
                call()
            rates.append(2.0 * m * n * k * batch / (time.perf_counter() - t0) / 1e9)
        err = np.abs(c - opa.astype(np.float64) @ opb.astype(np.float64)).max()
        print("openblas gemm n=%s op=%s threads=%s gflops=%.1f best=%.1f err=%.1e"
              % (size, op, threads, statistics.median(rates), max(rates), err), flush=True)
