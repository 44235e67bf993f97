"""Ingest throughput on the shared corpora: articles/s and MB/s, cold and unchanged re-runs.

    .venv/bin/python bench/ingest.py [--runs 5] [--write]

Each cold run ingests ``../shared/corpora`` and the seed page into a fresh folder; the re-run
ingests the same input again into the last folder (nothing to parse). The parse and duplicate
stages are also timed on their own. Medians over ``--runs``; ``--write`` puts the table into
BENCHMARKS.md between the ``bench:ingest`` markers.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import re
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from analysis import ingest
from analysis.corpus import article_rows, assemble, input_files, read_file

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
INPUTS = [SHARED / "corpora", SHARED / "seed"]
BENCHMARKS = ROOT / "BENCHMARKS.md"


def timed(function, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def measure(runs: int) -> dict:
    files, _ = input_files(INPUTS)
    input_mb = sum(f.stat().st_size for f in files) / 1e6
    cold, rerun, parse, assembling = [], [], [], []
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(runs):
            out = Path(scratch) / f"out{run}"
            seconds, report = timed(ingest, INPUTS, out, progress=False)
            cold.append(seconds)
            seconds, again = timed(ingest, INPUTS, out, progress=False)
            assert again["files_parsed"] == 0
            rerun.append(seconds)
            seconds, results = timed(lambda: [read_file(f) for f in files])
            parse.append(seconds)
            rows = article_rows(results)
            seconds, (articles, _) = timed(assemble, rows, [r.summary() for r in results])
            assembling.append(seconds)
    text_bytes = sum(len(text.encode()) for text in articles["text"])
    return {
        "articles": report["articles"], "files": len(files), "input_mb": input_mb,
        "text_mb": text_bytes / 1e6, "cold": statistics.median(cold), "cold_all": cold,
        "rerun": statistics.median(rerun), "parse": statistics.median(parse),
        "assemble": statistics.median(assembling), "runs": runs,
    }  # fmt: skip


def table(m: dict) -> str:
    rate = m["articles"] / m["cold"]
    rows = [
        f"Measured {date.today():%Y-%m-%d} with `.venv/bin/python bench/ingest.py --runs "
        f"{m['runs']} --write`: {cpu_model()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; one process (no parallelism, no word segmentation).",
        "",
        f"Input: `../shared/corpora` + seed, {m['files']} files, {m['input_mb']:.1f} MB on disk, "
        f"{m['articles']:,} articles, {m['text_mb']:.1f} MB of normalised `text` (UTF-8).",
        "",
        "| step (median of runs) | seconds | articles/s | MB/s of input |",
        "|---|---|---|---|",
        f"| cold `ingest` (parse, normalise, dedup, write) | {m['cold']:.2f} | {rate:,.0f} "
        f"| {m['input_mb'] / m['cold']:.2f} |",
        f"| of which parsing and normalising all files | {m['parse']:.2f} "
        f"| {m['articles'] / m['parse']:,.0f} | {m['input_mb'] / m['parse']:.2f} |",
        f"| of which ids, duplicates (MinHash) and types | {m['assemble']:.2f} "
        f"| {m['articles'] / m['assemble']:,.0f} | {m['input_mb'] / m['assemble']:.2f} |",
        f"| re-run on unchanged input (hash files, nothing parsed or rewritten) | "
        f"{m['rerun']:.2f} | | {m['input_mb'] / m['rerun']:.1f} |",
        "",
        "Cold runs (s): " + ", ".join(f"{s:.2f}" for s in m["cold_all"]) + ".",
    ]
    return "\n".join(rows)


def write(section: str) -> None:
    begin, end = "<!-- bench:ingest -->", "<!-- /bench:ingest -->"
    text = BENCHMARKS.read_text("utf-8") if BENCHMARKS.exists() else "# Benchmarks\n"
    block = f"{begin}\n{section}\n{end}"
    if begin in text:
        text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + f"\n\n## Ingest\n\n{block}\n"
    BENCHMARKS.write_text(text, "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="update BENCHMARKS.md")
    args = parser.parse_args()
    logging.getLogger("analysis").setLevel(logging.ERROR)  # the corpora's known bad records
    if not (SHARED / "corpora").is_dir():
        raise SystemExit(f"needs the shared corpora at {SHARED / 'corpora'}")
    section = table(measure(args.runs))
    print(section)
    if args.write:
        write(section)


if __name__ == "__main__":
    main()
