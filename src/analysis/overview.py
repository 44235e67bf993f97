"""Corpus overview: volume, coverage and extraction quality of a processed corpus."""

from __future__ import annotations

from collections import Counter

import pandas as pd

_QUALITY_FIELDS = ("title", "published", "source", "author", "category", "lead")


def corpus_summary(articles: pd.DataFrame, *, top: int = 10) -> dict:
    """Key figures and small tables describing ``articles`` (an articles.parquet frame)."""
    published = articles["published"].dropna()
    kinds = Counter(str(w).split(":", 1)[0] for ws in articles["warnings"] for w in ws)
    return {
        "articles": len(articles),
        "unique_articles": int(articles["duplicate_of"].isna().sum()),
        "first": published.min() if len(published) else None,
        "last": published.max() if len(published) else None,
        "by_year": published.dt.year.value_counts().sort_index(),
        "by_source": articles["source"].fillna("?").value_counts().head(top),
        "by_format": articles["format"].value_counts(),
        "field_share": pd.Series(
            {
                f: float(articles[f].notna().mean()) if len(articles) else 0.0
                for f in _QUALITY_FIELDS
            }  # fmt: skip
        ),
        "syllables": int(articles["n_syllables"].sum()),
        "warnings_by_kind": dict(sorted(kinds.items())),
    }


def format_summary(summary: dict) -> str:
    """The summary as plain text, labels in Vietnamese / English."""

    def table(series: pd.Series, fmt: str = "{}") -> str:
        return "\n".join(f"  {key!s:<28} {fmt.format(value)}" for key, value in series.items())

    span = f"{summary['first']:%d/%m/%Y} – {summary['last']:%d/%m/%Y}" if summary["first"] else "–"
    lines = [
        f"Số bài / Articles: {summary['articles']} "
        f"({summary['unique_articles']} không trùng / unique)",
        f"Thời gian / Period: {span}",
        f"Số âm tiết / Syllables: {summary['syllables']:,}",
        "Theo năm / By year:", table(summary["by_year"]),
        "Theo nguồn / By outlet:", table(summary["by_source"]),
        "Theo định dạng / By format:", table(summary["by_format"]),
        "Tỷ lệ có trường / Share with field:", table(summary["field_share"], "{:.0%}"),
    ]  # fmt: skip
    if summary["warnings_by_kind"]:
        lines += ["Cảnh báo / Warnings:", table(pd.Series(summary["warnings_by_kind"]))]
    return "\n".join(lines)
