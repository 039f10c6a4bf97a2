#!/usr/bin/env python3
"""The peer of bench/query/run.sh: C redis-py client processes, each a closed loop of the same KNN
FT.SEARCH vst sends (same query vectors, same command shape), for a fixed time after a common start.

  peer.py HOST PORT INDEX QUERY_FVECS CONCURRENCY SECONDS K

Prints one line: 'queries=N seconds=S qps=Q p50_ms=A p99_ms=B errors=E'.
"""
import multiprocessing as mp
import struct
import sys
import time

import redis


def read_fvecs(path):
    out = []
    with open(path, "rb") as f:
        data = f.read()
    pos = 0
    while pos < len(data):
        (dims,) = struct.unpack_from("<i", data, pos)
        pos += 4
        out.append(data[pos:pos + 4 * dims])
        pos += 4 * dims
    return out


def client(host, port, index, blobs, seconds, k, offset, barrier, results):
    r = redis.Redis(host=host, port=port)
    r.ping()
    query = "*=>[KNN %d @vector $BLOB AS score]" % k
    lat = []
    errors = 0
    i = offset
    barrier.wait()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        t0 = time.perf_counter_ns()
        try:
            r.execute_command("FT.SEARCH", index, query, "PARAMS", 2, "BLOB", blobs[i % len(blobs)],
                              "RETURN", 1, "score", "LIMIT", 0, k, "DIALECT", 2)
            lat.append(time.perf_counter_ns() - t0)
        except redis.RedisError:
            errors += 1
        i += 1
    results.put((lat, errors))


def percentile(sorted_values, q):
    if not sorted_values:
        return 0.0
    idx = max(0, min(len(sorted_values) - 1, int(-(-q * len(sorted_values) // 1)) - 1))
    return sorted_values[idx]


def main():
    host, port, index, qfile = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    conc, seconds, k = int(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
    blobs = read_fvecs(qfile)
    ctx = mp.get_context("fork")
    barrier = ctx.Barrier(conc)
    results = ctx.Queue()
    procs = [ctx.Process(target=client, args=(host, port, index, blobs, seconds, k,
                                              c * len(blobs) // conc, barrier, results))
             for c in range(conc)]
    for p in procs:
        p.start()
    lat = []
    errors = 0
    for _ in procs:
        part, e = results.get()
        lat.extend(part)
        errors += e
    for p in procs:
        p.join()
    lat.sort()
    print("queries=%d seconds=%.3f qps=%.1f p50_ms=%.3f p99_ms=%.3f errors=%d" % (
        len(lat), seconds, len(lat) / seconds, percentile(lat, 0.5) / 1e6, percentile(lat, 0.99) / 1e6, errors))


if __name__ == "__main__":
    main()
