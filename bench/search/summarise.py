#!/usr/bin/env python3
"""Turns the run directories of bench/search/run.sh into docs/measurements.md (called by run.sh)."""
import argparse
import csv
import json
import os


def fnum(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return float("nan")


def fmt(v, digits=0):
    if v != v:  # NaN
        return "—"
    return f"{v:,.{digits}f}"


def checkpoints(d):
    """checkpoints.jsonl (one JSON object a line), or the checkpoints.json array older runs wrote."""
    lines = os.path.join(d, "checkpoints.jsonl")
    if os.path.exists(lines):
        with open(lines, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    with open(os.path.join(d, "checkpoints.json"), encoding="utf-8") as f:
        return json.load(f)


def has_checkpoints(d):
    return any(os.path.exists(os.path.join(d, n)) for n in ("checkpoints.jsonl", "checkpoints.json"))


def read_run(d):
    run = json.load(open(os.path.join(d, "run.json")))
    cps = {c["name"]: c for c in checkpoints(d)}
    steps = {r["name"]: r for r in csv.DictReader(open(os.path.join(d, "steps.csv"), encoding="utf-8"))}
    timeline = list(csv.DictReader(open(os.path.join(d, "timeline.csv"), encoding="utf-8")))
    return run, cps, steps, timeline


def latency(step):
    """The step's latency summary ("op:n=..,p50=..,p99=..") as a dict of floats."""
    text = step["latency_ms"]
    if ":" not in text:
        return {}
    return {k: fnum(v) for k, v in (kv.split("=") for kv in text.split(":", 1)[1].split(","))}


def seconds(run):
    from datetime import datetime
    start, end = (datetime.fromisoformat(run[k][:26].rstrip("Z")) for k in ("startedAt", "endedAt"))
    return (end - start).total_seconds()


def config_of(scenario):
    # bench_<algo><m>_<dims>d_<n>
    _, kind, dims, n = scenario.split("_")
    algo = "FLAT" if kind == "flat" else "HNSW M " + kind[4:]
    return algo, int(dims[:-1]), int(n)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("runs")
    p.add_argument("out")
    for a in ("started", "cpu", "cores", "mem", "kernel", "java", "server", "command"):
        p.add_argument("--" + a)
    p.add_argument("--load", nargs=2)
    a = p.parse_args()
    latest = {}
    for name in sorted(os.listdir(a.runs)):  # timestamped names: a later run of a scenario wins
        d = os.path.join(a.runs, name)
        if has_checkpoints(d):
            run = read_run(d)
            if run[0].get("outcome") == "completed":
                latest[run[0]["scenario"]] = run
    rows = list(latest.values())
    rows.sort(key=lambda r: (config_of(r[0]["scenario"])[1], config_of(r[0]["scenario"])[2],
                             config_of(r[0]["scenario"])[0]))
    module = rows[0][0]["server"]["modules"].get("search", "?") if rows else "?"
    elapsed = sum(seconds(r[0]) for r in rows)
    started = min((r[0]["startedAt"][:19] + "Z" for r in rows), default=a.started)
    L = []
    L.append("# valkey-search as vst measures it")
    L.append("")
    L.append(f"Produced by `{a.command}` (vst itself: `./vst run --valkey-server … --module …` on the scenarios "
             "the script writes), started {started}; the {count} runs took {elapsed:.0f} s in all. Regenerate "
             "with the same command; `BENCH_QUICK=1` runs one small configuration.".format(
                 started=started, count=len(rows), elapsed=elapsed))
    L.append("")
    L.append(f"- Server: {a.server} with valkey-search {module} (`../shared/valkey-search`), started by vst "
             "on loopback, no persistence.")
    L.append(f"- Machine: {a.cpu}, {a.cores} cores, {a.mem} GB RAM, {a.kernel}; {a.java}.")
    before, after = float(a.load[0].split()[0]), float(a.load[1].split()[0])
    # The load after includes the benchmark's own server and client; the load before is everyone else's.
    if before > 1.0:
        L.append(f"- **The machine was busy** (load average {before} before, {after} after, on {a.cores} cores): "
                 "rates and latencies are low and noisy; memory figures and recall do not depend on load.")
    else:
        L.append(f"- Load average {before} before and {after} after the runs, on {a.cores} cores (the benchmark's "
                 "own server and client share them).")
    L.append("- Data: vst's seeded synthetic datasets (`synthetic-<dims>`, L2), keys `vec:<id>`, one FLOAT32 "
             "vector field per hash. Client: 2 threads / 4 connections / batches of 200 for ingest; queries "
             "1 thread, 1 connection, one query at a time, 1,000 queries per row, 30 % verified against exact "
             "ground truth over the live vectors.")
    L.append("- HNSW: EF_CONSTRUCTION 200, default INITIAL_CAP (the module allocates in blocks of 10,240 "
             "vectors, so small indexes carry a preallocated block).")
    L.append("")
    L.append("## Memory per vector after ingest (bytes)")
    L.append("")
    L.append("Against the empty server before the run. `keyspace data` = growth of used_memory_dataset less "
             "the index; `keyspace overhead` = growth of used_memory_overhead (hash table, key objects); "
             "`index` = growth of `search_used_memory_bytes` (INFO SEARCH); `allocator waste` = "
             "allocator_active − allocator_allocated at the checkpoint (outside used_memory); client buffers "
             "(`mem_clients_normal`) are reported beside, not per vector, where the run recorded them.")
    L.append("")
    L.append("| index | dims | vectors | total | keyspace data | keyspace overhead | index | allocator waste "
             "| client buffers (B) |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for run, cps, steps, tl in rows:
        algo, dims, n = config_of(run["scenario"])
        c = cps["cp_full"]
        live = c["liveVectors"]
        pv = c["perVector"] or {}
        base = tl[0]
        fig = c["figures"]
        overhead = (fnum(fig.get("used_memory_overhead_bytes")) - fnum(base.get("used_memory_overhead_bytes"))) / live
        clients = fnum(fig.get("mem_clients_normal_bytes"))
        if clients == clients:
            overhead -= (clients - fnum(base.get("mem_clients_normal_bytes"))) / live
        keyspace = fnum(pv.get("keyspaceBytes"))
        waste = fnum(fig.get("allocator_active_bytes")) - fnum(fig.get("allocator_allocated_bytes"))
        L.append(f"| {algo} | {dims} | {n:,} | {fmt(fnum(pv.get('totalBytes')))} | {fmt(keyspace - overhead)} | "
                 f"{fmt(overhead)} | {fmt(fnum(pv.get('indexBytes')))} | {fmt(waste / live)} | {fmt(clients)} |")
    L.append("")
    L.append("## Build rate and time to searchable")
    L.append("")
    L.append("Time to searchable = from the end of the ingest step until FT.INFO reports `state: ready` and "
             "num_docs ≥ the live vectors. It is near zero here: the module has indexed every acknowledged "
             "write by the time the step ends. `ingest p99 per batch` is the latency of a pipelined batch of "
             "200 HSETs.")
    L.append("")
    L.append("| index | dims | vectors | vectors/s | ingest p99 per batch (ms) | time to searchable (s) "
             "| search index (MiB) |")
    L.append("|---|---:|---:|---:|---:|---:|---:|")
    for run, cps, steps, tl in rows:
        algo, dims, n = config_of(run["scenario"])
        s = steps["ingest"]
        lat = latency(s)
        idx = fnum(cps["cp_full"]["figures"].get("search_used_memory_bytes")) / 1048576
        L.append(f"| {algo} | {dims} | {n:,} | {fmt(fnum(s['ops_per_s']))} | {fmt(lat.get('p99', float('nan')), 1)} | "
                 f"{fmt(fnum(s['time_to_searchable_s']), 3)} | {fmt(idx, 1)} |")
    L.append("")
    L.append("## Recall@10 and query latency per EF_RUNTIME")
    L.append("")
    L.append("Client-side latency (HdrHistogram, from the intended start), one query in flight. FLAT is exact, "
             "so its recall must be 1.")
    L.append("")
    L.append("| index | dims | vectors | ef_runtime | recall@10 | p50 (ms) | p99 (ms) | queries/s |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    for run, cps, steps, tl in rows:
        algo, dims, n = config_of(run["scenario"])
        for name, s in steps.items():
            if s["workload"] != "query":
                continue
            ef = name[len("query_ef"):] if name.startswith("query_ef") else "—"
            lat = latency(s)
            L.append(f"| {algo} | {dims} | {n:,} | {ef} | {fmt(fnum(s['recall']), 4)} | "
                     f"{fmt(lat.get('p50', float('nan')), 2)} | {fmt(lat.get('p99', float('nan')), 2)} | {fmt(fnum(s['ops_per_s']))} |")
    L.append("")
    L.append("## Memory back after shrinking to 25 %")
    L.append("")
    L.append("Random 75 % of the vectors deleted, then MEMORY PURGE. `returned` = share of what the deleted "
             "vectors cost (at the full checkpoint's price per vector) that left used_memory. valkey-search "
             "1.0.3 reports no reclaimable-memory figure in INFO SEARCH, so none is shown.")
    L.append("")
    L.append("| index | dims | vectors | used_memory full → 25 % (MiB) | returned | index full → 25 % (MiB) "
             "| RSS full → 25 % (MiB) |")
    L.append("|---|---:|---:|---:|---:|---:|---:|")
    for run, cps, steps, tl in rows:
        algo, dims, n = config_of(run["scenario"])
        full, small = cps["cp_full"]["figures"], cps["cp_shrunk"]["figures"]
        cmp = cps["cp_shrunk"].get("comparison") or {}

        def mib(fig, k):
            return fmt(fnum(fig.get(k)) / 1048576, 1)
        L.append(f"| {algo} | {dims} | {n:,} | {mib(full, 'used_memory_bytes')} → {mib(small, 'used_memory_bytes')} "
                 f"| {fmt(fnum(cmp.get('reclaimedPercent')), 1)} % | {mib(full, 'search_used_memory_bytes')} → "
                 f"{mib(small, 'search_used_memory_bytes')} | {mib(full, 'used_memory_rss_bytes')} → "
                 f"{mib(small, 'used_memory_rss_bytes')} |")
    L.append("")
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("\n".join(L))


if __name__ == "__main__":
    main()
