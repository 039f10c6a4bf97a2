#!/usr/bin/env python3
"""NumPy reference for ExactKnn: the same brute force (squared L2 via ||x||^2 - 2 q.x + ||q||^2,
top-k by argpartition) on the same data, blocked so memory stays bounded."""
import sys
import time

import numpy as np


def blas_libraries():
    """The BLAS libraries this process has mapped after a matrix product (what NumPy really runs)."""
    a = np.ones((64, 64), dtype=np.float32)
    a @ a
    with open("/proc/self/maps") as m:
        libs = {line.split()[-1] for line in m if "blas" in line.lower() and "/" in line}
    return ", ".join(sorted(libs)) or "unknown"


if sys.argv[1] == "--blas":
    print(blas_libraries())
    sys.exit(0)

base_file, query_file, nq, k = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
x = np.load(base_file, mmap_mode="r")
x = np.ascontiguousarray(x)
q = np.load(query_file)[:nq]
xn = (x.astype(np.float32) ** 2).sum(axis=1)


def run():
    out = np.empty((len(q), k), dtype=np.int64)
    for s in range(0, len(q), 100):
        qb = q[s:s + 100]
        d = xn[None, :] - 2.0 * (qb @ x.T)
        part = np.argpartition(d, k, axis=1)[:, :k]
        order = np.argsort(np.take_along_axis(d, part, axis=1), axis=1)
        out[s:s + 100] = np.take_along_axis(part, order, axis=1)
    return out


run()
c0 = time.process_time()
t0 = time.perf_counter()
ids = run()
s = time.perf_counter() - t0
cpu = time.process_time() - c0
flops = 2.0 * len(q) * x.shape[0] * x.shape[1]
print(f"knn numpy {flops / s / 1e9:8.2f} GFLOP/s  {s:.2f} s wall, {flops / cpu / 1e9:8.2f} GFLOP per CPU-second"
      f"  ({len(q)} queries x {x.shape[0]} x {x.shape[1]}, k={k}; {blas_libraries()})")
np.savetxt(base_file + ".numpy-ids.txt", ids, fmt="%d")
