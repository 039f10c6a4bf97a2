#!/usr/bin/env bash
# Dataset benchmarks: reader MB/s against `cat file > /dev/null`, ExactKnn GFLOP/s against NumPy on
# OpenBLAS on the same data in the same run (three interleaved rounds), and synthetic generation rate.
# Needs python3-numpy, python3-h5py and libopenblas0-pthread (scripts/setup-system.sh installs them).
# Usage: bench/dataset/run.sh [N_BASE] [DIMS] [N_QUERIES]   (defaults 200000 128 1000)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${1:-200000}"; d="${2:-128}"; nq="${3:-1000}"; k=100
threads="$(nproc)"
py=/usr/bin/python3
[ -x "$py" ] || py=python3
work="$(mktemp -d "${TMPDIR:-/tmp}/vst-bench-dataset.XXXXXX")"
trap 'rm -rf "$work"' EXIT

cd "$root"
mvn -q -B -ntp -DskipTests compile
cp="$root/target/classes:$(mvn -q -B -ntp dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
mkdir -p "$work/classes"
javac -d "$work/classes" -cp "$cp" "$here/src/DatasetBench.java"
java_run() {
  local opts=()
  while [ "${1:-}" != "${1#-}" ]; do opts+=("$1"); shift; done
  java -Xmx2g "${opts[@]}" -cp "$work/classes:$cp" DatasetBench "$@"
}

echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "== data: $n x $d float32 base, $nq queries (numpy seed 1), $threads threads, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
# written in slices of 10,000 rows, so the generator holds one slice, not the whole set (or two copies)
"$py" - "$work" "$n" "$d" "$nq" <<'PY'
import sys, numpy as np, h5py
w, n, d, nq = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = np.random.default_rng(1)
step = 10000
base = np.lib.format.open_memmap(f"{w}/bench.npy", mode="w+", dtype=np.float32, shape=(n, d))
with open(f"{w}/bench.fvecs", "wb") as fv, h5py.File(f"{w}/bench.hdf5", "w") as h, \
        h5py.File(f"{w}/bench.chunked.hdf5", "w") as hc:
    h.attrs["distance"] = "euclidean"
    train = h.create_dataset("train", shape=(n, d), dtype=np.float32)
    small = min(n, 20000)
    chunked = hc.create_dataset("train", shape=(small, d), dtype=np.float32, chunks=(min(1000, small), d))
    for s in range(0, n, step):
        x = rng.standard_normal((min(step, n - s), d), dtype=np.float32)
        base[s:s + len(x)] = x
        train[s:s + len(x)] = x
        if s < small:
            chunked[s:min(small, s + len(x))] = x[: small - s]
        rec = np.empty((len(x), d + 1), dtype="<f4")
        rec[:, 1:] = x
        rec[:, 0] = np.array([d], "<i4").view("<f4")[0]
        rec.tofile(fv)
    base.flush()
np.save(f"{w}/bench.queries.npy", rng.standard_normal((nq, d), dtype=np.float32))
PY

echo "== reader throughput (page cache warm; best of 3 passes)"
for f in bench.npy bench.fvecs bench.hdf5 bench.chunked.hdf5; do cat "$work/$f" > /dev/null; done
for f in bench.npy bench.fvecs bench.hdf5; do
  bytes=$(stat -c %s "$work/$f")
  best=0
  for _ in 1 2 3; do
    t0=$(date +%s%N); cat "$work/$f" > /dev/null; t1=$(date +%s%N)
    mbs=$(( bytes / ( (t1 - t0) / 1000 + 1 ) ))
    [ "$mbs" -gt "$best" ] && best=$mbs
  done
  printf 'cat  %-12s %10d MB/s\n' "${f#bench.}" "$best"
done
java_run read "$work/bench.npy" "$work/bench.fvecs" "$work/bench.hdf5" "$work/bench.chunked.hdf5"

echo "== exact k-NN, squared L2, k=$k, same data: vst on its native BLAS, vst's own kernel (-Dvst.blas=off), NumPy"
# NumPy must run on OpenBLAS too: Debian's NumPy takes whichever libblas.so.3 update-alternatives selects
numpy_blas=$("$py" "$here/numpy_knn.py" --blas)
numpy_env=()
if [[ "$numpy_blas" != *openblas* ]]; then
  openblas=$(ldconfig -p | awk '/libopenblas\.so\.0 / { print $NF; exit }')
  if [ -z "$openblas" ]; then
    echo "bench: NumPy runs on $numpy_blas and no OpenBLAS is installed (apt-get install libopenblas0-pthread)" >&2
    exit 1
  fi
  numpy_env=(env "LD_PRELOAD=$openblas")
  echo "== NumPy ran on $numpy_blas; pointed at OpenBLAS with LD_PRELOAD=$openblas"
  numpy_blas=$("${numpy_env[@]}" "$py" "$here/numpy_knn.py" --blas)
fi
echo "== BLAS behind NumPy: $numpy_blas"
# three rounds, each running all three, so load from other processes hits them alike
for rep in 1 2 3; do
  java_run knn "$work/bench.npy" "$nq" "$k" "$threads" | sed 's/^knn java /knn blas /' | tee -a "$work/knn.txt"
  cp "$work/bench.npy.java-ids.txt" "$work/bench.npy.blas-ids.txt"
  java_run -Dvst.blas=off knn "$work/bench.npy" "$nq" "$k" "$threads" | sed 's/^knn java /knn own  /' | tee -a "$work/knn.txt"
  "${numpy_env[@]}" "$py" "$here/numpy_knn.py" "$work/bench.npy" "$work/bench.queries.npy" "$nq" "$k" | tee -a "$work/knn.txt"
done
# min / median / max of the three rounds, wall-clock and per CPU-second (less sensitive to other processes)
awk '
  function stats(a, m,   t) { if (a[1] > a[2]) { t = a[1]; a[1] = a[2]; a[2] = t }
                              if (a[2] > a[3]) { t = a[2]; a[2] = a[3]; a[3] = t }
                              if (a[1] > a[2]) { t = a[1]; a[1] = a[2]; a[2] = t }
                              return sprintf("%6.2f / %6.2f / %6.2f", a[1], a[2], a[3]) }
  $1 == "knn" { i = ++c[$2]; w[$2, i] = $3; cpu[$2, i] = $8 }
  END {
    for (j = 1; j <= 3; j++) { bw[j] = w["blas", j]; ow[j] = w["own", j]; nw[j] = w["numpy", j];
                               bc[j] = cpu["blas", j]; oc[j] = cpu["own", j]; ncu[j] = cpu["numpy", j];
                               rb[j] = w["blas", j] / w["numpy", j]; ro[j] = w["own", j] / w["numpy", j];
                               rbc[j] = cpu["blas", j] / cpu["numpy", j]; roc[j] = cpu["own", j] / cpu["numpy", j] }
    print "knn GFLOP/s, wall        min / median / max:  vst BLAS " stats(bw) "   vst own kernel " stats(ow) "   NumPy " stats(nw)
    print "knn GFLOP per CPU-second min / median / max:  vst BLAS " stats(bc) "   vst own kernel " stats(oc) "   NumPy " stats(ncu)
    print "knn ratio to NumPy (same round), wall:        vst BLAS " stats(rb) "   vst own kernel " stats(ro)
    print "knn ratio to NumPy (same round), CPU-second:  vst BLAS " stats(rbc) "   vst own kernel " stats(roc)
  }' "$work/knn.txt"
"$py" - "$work/bench.npy" "$k" <<'PY'
import sys, numpy as np
b = np.loadtxt(sys.argv[1] + ".numpy-ids.txt", dtype=np.int64, ndmin=2)
for name, f in (("vst BLAS", ".blas-ids.txt"), ("vst own kernel", ".java-ids.txt")):
    a = np.loadtxt(sys.argv[1] + f, dtype=np.int64, ndmin=2)
    same = sum(len(set(x) & set(y)) for x, y in zip(a, b))
    print(f"knn agreement: {same} of {a.size} neighbour ids identical between {name} and NumPy")
PY

echo "== generation"
# vst's HDF5 generator streams the vectors into the file: it runs in vst's default heap at any size
java_run -Xmx512m generate "$d" "$n" "$threads" "$work"
