#!/usr/bin/env python3
"""Writes the bench's seeded vectors as TEXMEX fvecs: base.fvecs (N x D) and query.fvecs (Q x D).

  vectors.py DIR N Q D
"""
import os
import random
import struct
import sys


def write(path, rows, dims, rnd):
    head = struct.pack("<i", dims)
    fmt = "<%df" % dims
    with open(path, "wb") as f:
        for _ in range(rows):
            f.write(head)
            f.write(struct.pack(fmt, *[rnd.gauss(0.0, 1.0) for _ in range(dims)]))


def main():
    out, n, q, dims = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    os.makedirs(out, exist_ok=True)
    rnd = random.Random(42)
    write(os.path.join(out, "base.fvecs"), n, dims, rnd)
    write(os.path.join(out, "query.fvecs"), q, dims, rnd)


if __name__ == "__main__":
    main()
