"""Benchmark the data lessons' analysis on one core: load, clean, RFM, cohorts and Pareto share, with peak memory.

Usage: .venv/bin/python scripts/benchmark_analysis.py [--scales 1 10] [--repeat 3]

Each case runs in its own subprocess pinned to one CPU, so the peak resident memory (ru_maxrss) is
that case's alone. Scale 10 is the real file repeated ten times in memory (about 5.4 million order
lines) with CustomerIDs and invoice numbers shifted per copy, so customers and invoices stay distinct.
The goal for the real file (scale 1) is RFM + cohorts + Pareto in at most 2 s and at most 2 GB.
This is a report, not a test: the numbers depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

GOAL_SECONDS = 2.0
GOAL_BYTES = 2 * 1024**3


def scaled_copy(raw, factor: int):
    """``factor`` copies of the raw lines; copy k shifts CustomerID by k x 100,000 and invoice numbers by k x 1,000,000."""
    import pandas as pd

    if factor == 1:
        return raw
    letters = raw["InvoiceNo"].str.extract(r"^([A-Za-z]*)", expand=False)
    numbers = raw["InvoiceNo"].str.replace(r"^[A-Za-z]*", "", regex=True).astype("int64")
    copies = []
    for k in range(factor):  # a loop over copies, not rows
        copy = raw.copy()
        copy["CustomerID"] = raw["CustomerID"] + k * 100_000
        copy["InvoiceNo"] = letters + (numbers + k * 1_000_000).astype("str")
        copies.append(copy)
    return pd.concat(copies, ignore_index=True)


def run_case(scale: int, repeat: int) -> dict:
    """Time every step (best of ``repeat``) for one scale; runs inside the child process."""
    import resource

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    from retention.cleaning import clean_transactions
    from retention.cohorts import retention_matrix
    from retention.concentration import top_share
    from retention.customers import customer_revenue
    from retention.data import load_online_retail
    from retention.rfm import rfm_segments

    def best(function):
        times, result = [], None
        for _ in range(repeat):
            start = time.perf_counter()
            result = function()
            times.append(time.perf_counter() - start)
        return min(times), result

    load_s, raw = best(load_online_retail)
    build_s, data = best(lambda: scaled_copy(raw, scale))
    clean_s, clean = best(lambda: clean_transactions(data))
    rfm_s, segments = best(lambda: rfm_segments(clean))
    cohort_s, matrix = best(lambda: retention_matrix(clean))
    pareto_s, share = best(lambda: top_share(customer_revenue(clean), 0.2))
    return {
        "scale": scale,
        "rows": len(data),
        "customers": int(segments.shape[0]),
        "load_s": load_s,
        "build_copy_s": build_s if scale > 1 else 0.0,
        "clean_s": clean_s,
        "rfm_s": rfm_s,
        "cohort_s": cohort_s,
        "pareto_s": pareto_s,
        "analysis_s": rfm_s + cohort_s + pareto_s,
        "top20_share": share,
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(run_case(args.child, args.repeat)))
        return 0
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    print(f"{'scale':>5} {'rows':>10} {'load':>6} {'clean':>6} {'RFM':>6} {'cohort':>6} {'pareto':>6} {'R+C+P':>6} {'peak RSS':>9}")
    ok = True
    for scale in args.scales:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(scale), "--repeat", str(args.repeat)],
            check=True, capture_output=True, text=True, env=env,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{r['scale']:>5} {r['rows']:>10,} {r['load_s']:>5.2f}s {r['clean_s']:>5.2f}s {r['rfm_s']:>5.2f}s "
            f"{r['cohort_s']:>5.2f}s {r['pareto_s']:>5.2f}s {r['analysis_s']:>5.2f}s {r['peak_rss_bytes'] / 1e9:>7.2f}GB"
        )
        if scale == 1:
            ok = r["analysis_s"] <= GOAL_SECONDS and r["peak_rss_bytes"] <= GOAL_BYTES
    print(f"goal for the real file (RFM + cohort + Pareto <= {GOAL_SECONDS:g} s, peak <= 2 GB): {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
