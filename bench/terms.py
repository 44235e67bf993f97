"""Term query speed: `count_terms` for 50 terms over the processed corpus, read from Parquet,
verify path included, against GNU `grep -F -i -o -f terms.txt` over the same text.

    .venv/bin/python bench/terms.py [--runs 3] [--write]

The corpus is ``../shared/corpora`` ingested into a temporary folder. Throughput is MB of the
articles' ``text`` (UTF-8) per second; medians over ``--runs``.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

from analysis import ingest, load_processed
from analysis.segment import word_spans
from analysis.terms import TermMatcher, count_terms
from benchmarks_md import update_section

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
TERMS = [
    "cải cách thủ tục hành chính", "thủ tục hành chính", "dân vận", "dân vận khéo",
    "chuyển đổi số", "tinh gọn bộ máy", "tinh giản biên chế", "tiếp công dân", "khiếu nại",
    "tố cáo", "nông thôn mới", "tham nhũng", "lãng phí", "dịch vụ công trực tuyến", "một cửa",
    "dân chủ ở cơ sở", "chính phủ điện tử", "chính quyền điện tử", "xây dựng Đảng",
    "giảm nghèo", "an ninh trật tự", "quốc phòng", "thi đua khen thưởng", "y tế", "giáo dục",
    "thiên tai", "biến đổi khí hậu", "sạt lở", "bão lũ", "đầu tư công", "giải ngân",
    "giải phóng mặt bằng", "doanh nghiệp", "kinh tế - xã hội", "tăng trưởng", "xuất khẩu",
    "ngân sách", "cán bộ", "công chức", "đảng viên", "kỷ luật", "thanh tra", "kiểm tra",
    "an toàn giao thông", "phòng chống dịch", "COVID-19", "dân tộc thiểu số", "tôn giáo",
    "môi trường", "đất đai",
]  # fmt: skip


def median_seconds(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def measure(runs: int) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "processed"
        ingest([CORPORA], out, progress=False)
        text_path, terms_path = Path(scratch) / "text.txt", Path(scratch) / "terms.txt"
        texts = load_processed(out, ["text"])["text"]
        text_path.write_text("\n".join(texts), "utf-8")
        terms_path.write_text("\n".join(TERMS) + "\n", "utf-8")
        megabytes = text_path.stat().st_size / 1e6

        def ours():
            word_spans.cache_clear()  # every run pays for its segmentation
            articles = load_processed(out, ["doc_id", "text"])
            return count_terms(articles, TERMS)

        def grep():
            command = ["grep", "-F", "-i", "-o", "-f", str(terms_path), str(text_path)]
            environment = {**os.environ, "LC_ALL": "C.UTF-8"}
            done = subprocess.run(command, capture_output=True, env=environment, check=True)
            return done.stdout.count(b"\n")

        seconds, counts = median_seconds(ours, runs)
        grep_seconds, grep_matches = median_seconds(grep, runs)
        verified = _verified_share(texts)
    return {
        "megabytes": megabytes, "articles": len(texts), "runs": runs, "seconds": seconds,
        "matches": int(counts["count"].sum()), "grep_seconds": grep_seconds,
        "grep_matches": grep_matches, "verified": verified,
    }  # fmt: skip


def _verified_share(texts) -> float:
    """Share of candidate matches that needed word segmentation."""
    matcher = TermMatcher(TERMS)
    checked = total = 0
    original = matcher._needs_check

    def counting(*args):
        nonlocal checked, total
        total += 1
        needed = original(*args)
        checked += needed
        return needed

    matcher._needs_check = counting
    for text in texts:
        for _ in matcher.matches(text):
            pass
    return checked / max(total, 1)


def table(m: dict) -> str:
    ours, grep = m["megabytes"] / m["seconds"], m["megabytes"] / m["grep_seconds"]
    return "\n".join([
        f"Measured {date.today():%Y-%m-%d} with `.venv/bin/python bench/terms.py --runs "
        f"{m['runs']} --write`: 50 terms over `../shared/corpora` ({m['articles']:,} articles, "
        f"{m['megabytes']:.1f} MB of text), medians.",
        "",
        "| | seconds | MB/s | matches |",
        "|---|---|---|---|",
        f"| `count_terms` (Parquet read, scan, verify path) | {m['seconds']:.2f} | {ours:.1f} | "
        f"{m['matches']:,} |",
        f"| `grep -F -i -o -f terms.txt` (LC_ALL=C.UTF-8) | {m['grep_seconds']:.2f} | "
        f"{grep:.1f} | {m['grep_matches']:,} |",
        "",
        f"Ratio: {ours / grep:.2f} of grep's throughput (target ≥ 0.5). "
        f"{m['verified']:.1%} of the candidate matches needed word segmentation. grep counts "
        "syllable matches, inside other words included; `count_terms` counts words (a term of "
        "several syllables also inside a longer word), "
        "each term on its own.",
    ])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="update BENCHMARKS.md")
    args = parser.parse_args()
    logging.getLogger("analysis").setLevel(logging.ERROR)
    section = table(measure(args.runs))
    print(section)
    if args.write:
        update_section("bench:terms", "Term queries", section)


if __name__ == "__main__":
    main()
