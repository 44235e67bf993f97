"""Ingest throughput on the shared corpora: articles/s and MB/s, cold and unchanged re-runs.

    .venv/bin/python bench/ingest.py [--runs 5] [--write]

Each cold run ingests ``../shared/corpora`` and the seed page into a fresh folder, every
annotation stage included; the re-run ingests the same input again into the last folder
(nothing to parse); a third run ingests it into another fresh folder with one annotating
worker process per core. Parsing, duplicates, the one-pass annotation that ingest runs and
each annotation stage on its own are also timed, and the peak memory of one cold ingest is
read in a fresh process, beside the memory of a process that only loaded the code and
models, for the corpora and for four copies of them (memory should not grow with the
corpus); the four copies are also ingested once in one process and once with the workers.
Medians over ``--runs``; ``--write`` puts the table into BENCHMARKS.md between the
``bench:ingest`` markers.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from analysis import ingest
from analysis.annotate import STAGES, annotate
from analysis.corpus import article_rows, assemble, input_files, read_file
from analysis.segment import word_spans
from benchmarks_md import update_section

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
INPUTS = [SHARED / "corpora", SHARED / "seed"]


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


_WARM_UP = (  # code, gazetteer, dictionary and models loaded: one short article annotated;
    # analysis imported first, as `vnpolicy ingest` does, so that Arrow uses malloc
    "from analysis import ingest; import pandas as pd; from analysis.annotate import annotate; "
    "from analysis.segment import word_spans; "
    "annotate(pd.DataFrame({'doc_id': ['a'], 'published': [None], 'text': "
    "['Phó Thủ tướng yêu cầu tỉnh Hòa Bình đẩy mạnh công tác dân vận.']})); "
    "word_spans('Trương Hòa Bình nói'); "  # the segmenter's model loads on first use
)


def peak_memory_mb(out: Path, inputs: list[Path] = INPUTS, *, ingesting: bool = True) -> float:
    """Peak resident memory of a process that warms up and then (or not) ingests ``inputs``
    cold into ``out``: its VmHWM, which starts afresh at exec (``ru_maxrss`` would include
    the peak of this process, forked to start it)."""
    script = "import re, sys; " + _WARM_UP
    if ingesting:
        script += "ingest(sys.argv[1:-1], sys.argv[-1], progress=False); "
    script += "print(re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read())[1])"
    done = subprocess.run([sys.executable, "-c", script, *map(str, inputs), str(out)],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return int(done.stdout.split()[-1]) / 1e3  # kilobytes on Linux


def copies_of_the_corpora(folder: Path, n: int) -> list[Path]:
    """``n`` copies of the shared corpora under other names in ``folder``, and the seed."""
    folder.mkdir()
    for copy in range(n):
        for path in sorted((SHARED / "corpora").glob("*.jsonl")):
            shutil.copy(path, folder / f"copy{copy}-{path.name}")
    return [folder, SHARED / "seed"]


def measure(runs: int) -> dict:
    files, _ = input_files(INPUTS)
    input_mb = sum(f.stat().st_size for f in files) / 1e6
    cold, rerun, parse, assembling, one_pass, side_by_side = [], [], [], [], [], []
    workers = os.cpu_count() or 1
    stages: dict[str, list[float]] = {stage.name: [] for stage in STAGES}
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(runs):
            out = Path(scratch) / f"out{run}"
            word_spans.cache_clear()  # every cold run segments its text afresh
            seconds, report = timed(ingest, INPUTS, out, progress=False)
            cold.append(seconds)
            seconds, again = timed(ingest, INPUTS, out, progress=False)
            assert again["files_parsed"] == 0
            rerun.append(seconds)
            parallel = Path(scratch) / f"parallel{run}"
            side_by_side.append(timed(ingest, INPUTS, parallel, progress=False,
                                      workers=workers)[0])  # fmt: skip
            seconds, results = timed(lambda: [read_file(f) for f in files])
            parse.append(seconds)
            rows = article_rows(results)
            seconds, (articles, _) = timed(assemble, rows, [r.summary() for r in results])
            assembling.append(seconds)
            word_spans.cache_clear()
            one_pass.append(timed(annotate, articles)[0])
            for stage in STAGES:
                word_spans.cache_clear()
                stages[stage.name].append(timed(stage.extract, articles)[0])
        peak = peak_memory_mb(Path(scratch) / "peak")
        loaded = peak_memory_mb(Path(scratch) / "loaded", ingesting=False)
        four = copies_of_the_corpora(Path(scratch) / "four", 4)
        peak_four = peak_memory_mb(Path(scratch) / "peak4", four)
        word_spans.cache_clear()
        four_alone = timed(ingest, four, Path(scratch) / "four1", progress=False)[0]
        four_side_by_side = timed(ingest, four, Path(scratch) / "fourN", progress=False,
                                  workers=workers)[0]  # fmt: skip
    text_bytes = sum(len(text.encode()) for text in articles["text"])
    seed_bytes = sum(len(t.encode()) for t in articles.loc[articles["format"] == "page", "text"])
    return {
        "articles": report["articles"], "files": len(files), "input_mb": input_mb,
        "text_mb": text_bytes / 1e6, "cold": statistics.median(cold), "cold_all": cold,
        "rerun": statistics.median(rerun), "parse": statistics.median(parse),
        "assemble": statistics.median(assembling), "runs": runs, "peak_mb": peak,
        "loaded_mb": loaded, "annotate": statistics.median(one_pass), "peak_four_mb": peak_four,
        "text_four_mb": (4 * text_bytes - 3 * seed_bytes) / 1e6,
        "stages": {name: statistics.median(times) for name, times in stages.items()},
        "workers": workers, "side_by_side": statistics.median(side_by_side),
        "four_alone": four_alone, "four_side_by_side": four_side_by_side,
    }  # fmt: skip


def table(m: dict) -> str:
    rate = m["articles"] / m["cold"]
    added, added_four = m["peak_mb"] - m["loaded_mb"], m["peak_four_mb"] - m["loaded_mb"]
    rows = [
        f"Measured {date.today():%Y-%m-%d} with `.venv/bin/python bench/ingest.py --runs "
        f"{m['runs']} --write`: {cpu_model()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; one process unless stated.",
        "",
        f"Input: `../shared/corpora` + seed, {m['files']} files, {m['input_mb']:.1f} MB on disk, "
        f"{m['articles']:,} articles, {m['text_mb']:.1f} MB of normalised `text` (UTF-8).",
        "",
        "| step (median of runs) | seconds | articles/s | MB/s of input |",
        "|---|---|---|---|",
        f"| cold `ingest` (parse, normalise, dedup, annotate, write) | {m['cold']:.2f} "
        f"| {rate:,.0f} | {m['input_mb'] / m['cold']:.2f} |",
        f"| of which parsing and normalising all files | {m['parse']:.2f} "
        f"| {m['articles'] / m['parse']:,.0f} | {m['input_mb'] / m['parse']:.2f} |",
        f"| of which ids, duplicates (MinHash) and types | {m['assemble']:.2f} "
        f"| {m['articles'] / m['assemble']:,.0f} | {m['input_mb'] / m['assemble']:.2f} |",
        f"| of which annotation, every stage in one pass | {m['annotate']:.2f} "
        f"| {m['articles'] / m['annotate']:,.0f} | {m['input_mb'] / m['annotate']:.2f} |",
        *(
            f"| annotation stage `{name}` on its own | {seconds:.2f} | "
            f"{m['articles'] / seconds:,.0f} | {m['input_mb'] / seconds:.2f} |"
            for name, seconds in m["stages"].items()
        ),  # fmt: skip
        f"| re-run on unchanged input (hash files, nothing parsed or rewritten) | "
        f"{m['rerun']:.2f} | | {m['input_mb'] / m['rerun']:.1f} |",
        f"| cold `ingest(..., workers={m['workers']})`: annotation in {m['workers']} processes "
        f"(started, models loaded, within the time) | {m['side_by_side']:.2f} "
        f"| {m['articles'] / m['side_by_side']:,.0f} | {m['input_mb'] / m['side_by_side']:.2f} |",
        "",
        "Cold runs (s): " + ", ".join(f"{s:.2f}" for s in m["cold_all"]) + ".",
        "",
        f"Throughput of a cold ingest with every stage: {m['text_mb'] / m['cold']:.2f} MB of "
        f"text per second on one core (target ≥ 5); with {m['workers']} worker processes "
        f"{m['text_mb'] / m['side_by_side']:.2f} MB/s on {m['workers']} cores, "
        f"{m['text_mb'] / m['side_by_side'] / m['workers']:.2f} MB/s per core. Four copies "
        f"of the corpora ({m['text_four_mb']:.1f} MB of text, one run each): "
        f"{m['four_alone']:.1f} s in one process ({m['text_four_mb'] / m['four_alone']:.2f} "
        f"MB/s), {m['four_side_by_side']:.1f} s with {m['workers']} workers "
        f"({m['four_alone'] / m['four_side_by_side']:.2f}x).",
        "",
        "Peak memory of a cold ingest in a fresh process (VmHWM), beside a process with code, "
        "gazetteer, dictionary and models loaded (target: the ingest adds ≤ 3x its text):",
        "",
        "| input | text | peak | loaded | added by the ingest |",
        "|---|---|---|---|---|",
        f"| the corpora + seed | {m['text_mb']:.1f} MB | {m['peak_mb']:,.0f} MB "
        f"| {m['loaded_mb']:,.0f} MB | **{added:,.0f} MB ({added / m['text_mb']:.1f}x)** |",
        f"| four copies of the corpora + seed | {m['text_four_mb']:.1f} MB "
        f"| {m['peak_four_mb']:,.0f} MB | {m['loaded_mb']:,.0f} MB "
        f"| **{added_four:,.0f} MB ({added_four / m['text_four_mb']:.1f}x)** |",
    ]
    return "\n".join(rows)


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
        update_section("bench:ingest", "Ingest", section)


if __name__ == "__main__":
    main()
