"""Accuracy of the annotation stages on the labelled set in tests/data/labelled/.

    .venv/bin/python bench/accuracy.py [--errors] [--write]

Province mentions: precision and recall of (start, surface, system, 63 name, 34 name) tuples.
Legal references: F1 of (start, key) pairs. Terms: share of (item, term) pairs whose count is
exact, for the fixed term list of the labels. Directives (whole articles): precision and recall
of sentence starts, and the share of found ones with the right issuer and addressee.
``--write`` updates BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

import pandas as pd

from analysis.dates import TIMEZONE
from analysis.directives import find_directives
from analysis.legal_refs import find_legal_refs
from analysis.normalize import normalize_text
from analysis.provinces import find_mentions
from analysis.terms import TermMatcher
from benchmarks_md import update_section

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "tests" / "data" / "labelled"
TERMS = [
    "cải cách thủ tục hành chính", "thủ tục hành chính", "dân vận", "dân vận khéo",
    "chuyển đổi số", "tinh gọn bộ máy", "tinh giản biên chế", "tiếp công dân", "khiếu nại",
    "tố cáo", "nông thôn mới", "tham nhũng", "dịch vụ công trực tuyến", "một cửa",
    "dân chủ ở cơ sở",
]  # fmt: skip


def labelled_items() -> list[dict]:
    items = []
    for name in ("snippets.jsonl", "articles.jsonl"):
        path = LABELLED / name
        if path.exists():
            items += [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    return items


def evaluate(items: list[dict], *, show_errors: bool = False) -> dict:
    matcher = TermMatcher(TERMS)
    counts = {"p_tp": 0, "p_fp": 0, "p_fn": 0, "l_tp": 0, "l_fp": 0, "l_fn": 0,
              "d_tp": 0, "d_fp": 0, "d_fn": 0, "issuer": 0, "addressee": 0,
              "t_exact": 0, "t_pairs": 0}  # fmt: skip
    for item in items:
        # ingest stores normalised text: "Thanh Hoá" is "Thanh Hóa" (same length, same offsets)
        text, published = normalize_text(item["text"], keep_lines=True), item["published"]
        published = pd.Timestamp(published, tz=TIMEZONE)
        got = {(m["start"], m["surface"], m["system"], m["province_name"], m["name_2025"])
               for m in find_mentions(text, published)}  # fmt: skip
        want = {(p["start"], normalize_text(p["surface"]), p["system"], p["province"],
                 p["province_2025"]) for p in item["provinces"]}  # fmt: skip
        _tally(counts, "p", got, want, item, show_errors)
        got = {(r["start"], r["key"]) for r in find_legal_refs(text)}
        want = {(r["start"], r["key"]) for r in item["legal_refs"]}
        _tally(counts, "l", got, want, item, show_errors)
        if "directives" in item:
            got = {d["start"]: d for d in find_directives(text, published)}
            want = {d["start"]: d for d in item["directives"]}
            _tally(counts, "d", set(got), set(want), item, show_errors)
            for start in set(got) & set(want):
                for field in ("issuer", "addressee"):
                    same = got[start][field] == want[start][field]
                    counts[field] += same
                    if show_errors and not same:
                        print(f"{item['id']} {field} at {start}: {got[start][field]!r} for "
                              f"{want[start][field]!r}")  # fmt: skip
        found = matcher.count(text)
        for term in TERMS:
            exact = found.get(term, 0) == item["terms"].get(term, 0)
            counts["t_exact"] += exact
            counts["t_pairs"] += 1
            if show_errors and not exact:
                print(f"{item['id']} term {term!r}: {found.get(term, 0)} for "
                      f"{item['terms'].get(term, 0)}")  # fmt: skip
    p_tp, p_fp, p_fn = counts["p_tp"], counts["p_fp"], counts["p_fn"]
    l_tp, l_fp, l_fn = counts["l_tp"], counts["l_fp"], counts["l_fn"]
    d_tp, d_fp, d_fn = counts["d_tp"], counts["d_fp"], counts["d_fn"]
    return {
        "items": len(items),
        "traps": sum(bool(item.get("trap")) for item in items),
        "mentions": p_tp + p_fn,
        "province_precision": p_tp / max(p_tp + p_fp, 1),
        "province_recall": p_tp / max(p_tp + p_fn, 1),
        "legal_refs": l_tp + l_fn,
        "legal_f1": 2 * l_tp / max(2 * l_tp + l_fp + l_fn, 1),
        "directives": d_tp + d_fn,
        "directive_precision": d_tp / max(d_tp + d_fp, 1),
        "directive_recall": d_tp / max(d_tp + d_fn, 1),
        "issuer_accuracy": counts["issuer"] / max(d_tp, 1),
        "addressee_accuracy": counts["addressee"] / max(d_tp, 1),
        "term_pairs": counts["t_pairs"],
        "term_exact": counts["t_exact"] / max(counts["t_pairs"], 1),
    }


def _tally(counts: dict, kind: str, got: set, want: set, item: dict, show: bool) -> None:
    counts[f"{kind}_tp"] += len(got & want)
    counts[f"{kind}_fp"] += len(got - want)
    counts[f"{kind}_fn"] += len(want - got)
    if show and got != want:
        print(f"{item['id']} {kind}: missing {sorted(want - got)} extra {sorted(got - want)}")


def table(result: dict) -> str:
    return "\n".join([
        f"Measured {date.today():%Y-%m-%d} with `.venv/bin/python bench/accuracy.py --write` on "
        f"{result['items']} labelled items ({result['traps']} built around traps).",
        "",
        "| stage | measure | value | target |",
        "|---|---|---|---|",
        f"| provinces ({result['mentions']} mentions) | precision | "
        f"{result['province_precision']:.3f} | ≥ 0.97 |",
        f"| | recall | {result['province_recall']:.3f} | ≥ 0.97 |",
        f"| legal references ({result['legal_refs']}) | F1 | {result['legal_f1']:.3f} | ≥ 0.95 |",
        f"| terms ({result['term_pairs']} item-term pairs) | exact counts | "
        f"{result['term_exact']:.1%} | ≥ 98% |",
        f"| directive sentences ({result['directives']}, 10 articles) | precision | "
        f"{result['directive_precision']:.3f} | |",
        f"| | recall | {result['directive_recall']:.3f} | |",
        f"| | issuer right | {result['issuer_accuracy']:.1%} | |",
        f"| | addressee right | {result['addressee_accuracy']:.1%} | |",
    ])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print every disagreement")
    parser.add_argument("--write", action="store_true", help="update BENCHMARKS.md")
    args = parser.parse_args()
    section = table(evaluate(labelled_items(), show_errors=args.errors))
    print(section)
    if args.write:
        update_section("bench:accuracy", "Annotation accuracy", section)


if __name__ == "__main__":
    main()
