#!/usr/bin/env python3
"""Summarises bench/query/run.sh's results file: per concurrency, min / median / max of queries/s, p50 and
p99 for vst and the peer, and of the ratio vst / peer of each repetition (queries/s: higher is better;
p50 and p99: peer / vst, so above 1.0 means vst is faster there too).

  summarise.py RESULTS   (lines: 'rep tool concurrency qps p50_ms p99_ms load1')
"""
import statistics
import sys
from collections import defaultdict


def mmm(values):
    if not values:
        return "-"
    return "%s / %s / %s" % tuple(fmt(v) for v in (min(values), statistics.median(values), max(values)))


def fmt(v):
    return "%.0f" % v if v >= 100 else "%.2f" % v if v >= 1 else "%.3f" % v


def main():
    rows = defaultdict(dict)
    loads = []
    for line in open(sys.argv[1]):
        rep, tool, conc, qps, p50, p99, load = line.split()
        rows[(int(conc), tool)][int(rep)] = (float(qps), float(p50), float(p99))
        loads.append(float(load))
    concs = sorted({c for c, _ in rows})
    print("| clients | vst q/s | peer q/s | ratio q/s | vst p50 ms | peer p50 ms | ratio p50 | vst p99 ms | peer p99 ms | ratio p99 |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for c in concs:
        vst = rows.get((c, "vst"), {})
        peer = rows.get((c, "peer"), {})
        reps = sorted(set(vst) & set(peer))
        cols = [str(c)]
        for i in range(3):
            cols.append(mmm([v[i] for v in vst.values()]))
            cols.append(mmm([v[i] for v in peer.values()]))
            if i == 0:
                ratio = [vst[r][0] / peer[r][0] for r in reps if peer[r][0] > 0]
            else:
                ratio = [peer[r][i] / vst[r][i] for r in reps if vst[r][i] > 0]
            cols.append(mmm(ratio) + ("x" if ratio else ""))
        print("| " + " | ".join(cols) + " |")
    if loads:
        print("\nload average (1 min) during the runs: min %.2f, median %.2f, max %.2f"
              % (min(loads), statistics.median(loads), max(loads)))


if __name__ == "__main__":
    main()
