"""Report rendering time: `make reports` on the demo corpus (ingest plus every default report,
`.venv` already installed), and a batch of the 34 province profiles run serially (one worker)
against in parallel (one worker per core).

    .venv/bin/python bench/reports.py [--runs 3] [--write]

Each `make reports` run starts from nothing processed or rendered (data/processed and reports/
emptied into a temporary copy of the project's inputs). Target: under 2 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

from analysis import ingest
from analysis.schedule import Job, run_jobs
from benchmarks_md import update_section

ROOT = Path(__file__).resolve().parents[1]


def time_make_reports(runs: int) -> list[float]:
    """Seconds of `make reports` in a scratch copy of the project sharing this `.venv`."""
    seconds = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch) / "project"
            shutil.copytree(
                ROOT,
                copy,
                symlinks=True,
                ignore=shutil.ignore_patterns(".venv", ".git", "processed", "reports"),
            )
            (copy / "data" / "processed").mkdir()
            (copy / "reports").mkdir()
            (copy / ".venv").symlink_to(ROOT / ".venv")
            (ROOT / ".venv" / ".installed").touch()  # installed: make must not reinstall
            started = time.perf_counter()
            done = subprocess.run(
                ["make", "-C", str(copy), "reports"], capture_output=True, text=True
            )
            seconds.append(time.perf_counter() - started)
            if done.returncode != 0:
                raise SystemExit(f"make reports failed:\n{done.stdout}\n{done.stderr}")
            rendered = len(list((copy / "reports").glob("*/*.html")))
            print(f"make reports: {seconds[-1]:.1f} s, {rendered} reports")
    return seconds


def time_profiles(workers: int) -> tuple[float, int]:
    """Seconds for the 34 province profiles with ``workers`` at a time, and how many were ok."""
    with tempfile.TemporaryDirectory() as scratch:
        processed = Path(scratch) / "processed"
        ingest([ROOT / "data" / "raw"], processed, progress=False)
        jobs = [
            Job("province_profile", {"province": name, "province_system": "34"})
            for name in _provinces_34()
        ]
        started = time.perf_counter()
        results = run_jobs(
            jobs, out_dir=Path(scratch) / "reports", data_dir=processed, workers=workers
        )
        elapsed = time.perf_counter() - started
    ok = sum(r.status == "ok" for r in results)
    print(f"34 profiles, {workers} worker(s): {elapsed:.1f} s, {ok} ok")
    return elapsed, ok


def _provinces_34() -> list[str]:
    from analysis.provinces import load_gazetteer

    return list(load_gazetteer().current)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="update BENCHMARKS.md")
    args = parser.parse_args()
    make = time_make_reports(args.runs)
    serial, serial_ok = time_profiles(1)
    cores = os.cpu_count() or 1
    parallel, parallel_ok = time_profiles(cores)
    median = statistics.median(make)
    section = "\n".join(
        [
            f"Measured {date.today():%Y-%m-%d} on {cores} cores with `bench/reports.py`.",
            "",
            "| what | time |",
            "|---|---|",
            f"| `make reports` on the demo corpus (ingest + 5 default reports + index), median of "
            f"{len(make)} | **{median:.1f} s** ({', '.join(f'{s:.1f}' for s in make)}); "
            f"target < 120 s |",
            f"| 34 province profiles, 1 worker | {serial:.1f} s ({serial / 34:.1f} s per report, "
            f"{serial_ok} ok) |",
            f"| 34 province profiles, {cores} workers | {parallel:.1f} s ({parallel_ok} ok): "
            f"**{serial / parallel:.2f}x** faster |",
        ]
    )
    print(section)
    if args.write:
        update_section("bench:reports", "Reports", section)


if __name__ == "__main__":
    main()
