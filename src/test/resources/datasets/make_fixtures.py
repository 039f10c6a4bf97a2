#!/usr/bin/env python3
"""Writes the small committed fixtures read by io.vst.dataset.FixtureFilesTest.

Values follow value(i, j) = ((i*131 + j*71) % 1000) / 37.0 - 13.5, rounded to float32; the test
recomputes them in Java and compares bit for bit. Needs Debian's python3-h5py and python3-numpy.
"""
import h5py
import numpy as np

ROWS, DIMS, QUERIES, K = 20, 8, 3, 5


def value(i, j):
    return ((i * 131 + j * 71) % 1000) / 37.0 - 13.5


def matrix(rows, offset=0):
    return np.array([[value(i + offset, j) for j in range(DIMS)] for i in range(rows)], dtype=np.float32)


train = matrix(ROWS)
test = matrix(QUERIES, offset=500)
d = ((test[:, None, :].astype(np.float64) - train[None, :, :]) ** 2).sum(-1)
neighbors = np.argsort(d, axis=1, kind="stable")[:, :K].astype(np.int32)
# ann-benchmarks stores Euclidean (not squared) distances for euclidean datasets
distances = np.sqrt(np.take_along_axis(d, neighbors, axis=1)).astype(np.float32)

with h5py.File("small.hdf5", "w") as f:
    f.attrs["type"] = "dense"
    f.attrs["distance"] = "euclidean"
    f.attrs["dimension"] = DIMS
    f.attrs["point_type"] = "float"
    f.create_dataset("train", data=train)
    f.create_dataset("test", data=test)
    f.create_dataset("neighbors", data=neighbors)
    f.create_dataset("distances", data=distances)

with open("small.fvecs", "wb") as out:
    for row in train:
        np.array([DIMS], dtype="<i4").tofile(out)
        row.astype("<f4").tofile(out)

with open("small.ivecs", "wb") as out:
    for row in neighbors:
        np.array([K], dtype="<i4").tofile(out)
        row.astype("<i4").tofile(out)

np.save("small.npy", train)
