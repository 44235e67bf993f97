import pandas as pd

from analysis import load_corpus
from analysis.overview import corpus_summary, format_summary
from conftest import DEMO


def test_summary_of_the_demo_corpus():
    articles = load_corpus(DEMO)
    summary = corpus_summary(articles)
    assert summary["articles"] == len(articles) == 64
    assert summary["unique_articles"] == 62
    assert summary["by_year"].index.tolist() == list(range(2018, 2026))
    assert summary["by_source"].to_dict() == {
        "Tổ Quốc": 26, "Chinhphu.vn": 14, "Nhân Dân": 12, "ĐCSVN": 12
    }  # fmt: skip
    assert summary["field_share"]["published"] == 1.0
    assert summary["syllables"] == int(articles["n_syllables"].sum())
    assert summary["first"] == articles["published"].min()
    text = format_summary(summary)
    assert "Số bài / Articles: 64 (62 không trùng / unique)" in text
    assert "Tổ Quốc" in text and "2025" in text


def test_summary_of_an_empty_corpus():
    empty = load_corpus([])
    summary = corpus_summary(empty)
    assert summary["articles"] == 0 and summary["first"] is None
    assert "Số bài / Articles: 0" in format_summary(summary)
    assert isinstance(summary["by_year"], pd.Series)
