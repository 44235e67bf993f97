import pandas as pd
import pytest

from analysis import load_corpus
from analysis.dates import TIMEZONE
from analysis.provinces import extract_mentions
from analysis.terms import TermMatcher, count_terms, group_counts, kwic
from analysis.themes import score_themes
from conftest import DEMO

TEXT = (
    'Toàn dân vận động; nhân dân vận động xây dựng. Thi đua "Dân vận khéo", công tác dân vận. '
    "Mở một cửa hàng; cơ chế một cửa. Cải cách thủ tục hành chính. DÂN VẬN. Hoà giải, hòa giải."
)


@pytest.mark.parametrize(
    ("term", "count"),
    [
        ("dân vận", 3),  # not in "toàn dân vận động" or "nhân dân vận động"
        ("Dân vận khéo", 1),
        ("một cửa", 1),  # not in "một cửa hàng"
        ("thủ tục hành chính", 1),  # inside the longer term too
        ("cải cách thủ tục hành chính", 1),
        ("hòa giải", 2),  # old and new tone marks, the text normalised as ingest stores it
        ("vận", 0),  # a syllable of the words "vận động" and "dân vận" only
    ],
)
def test_counts(term, count):
    from analysis.normalize import normalize_text

    found = TermMatcher([term]).count(normalize_text(TEXT))
    assert sum(found.values()) == count


def test_whole_syllables_and_words_only():
    assert TermMatcher(["an ninh"]).count("an ninh, bình an ninhx, AN NINH") == {"an ninh": 2}
    assert TermMatcher(["ninh"]).count("an ninh; Ninh Bình; tinh thần") == {}


def test_a_word_straddling_the_end_in_a_long_line():
    # "công trình" is a word: "đầu tư công" is not in this title (the segmenter given six
    # syllables either side of the match read "đầu tư công" as a word here)
    title = "[Inforgraphic] - Cơ chế hỗ trợ đầu tư công trình nước sạch tập trung trên địa bàn tỉnh"
    assert TermMatcher(["đầu tư công", "đầu tư"]).count(title) == {"đầu tư": 1}
    assert TermMatcher(["đầu tư công"]).count("giải ngân vốn đầu tư công trong năm") == {
        "đầu tư công": 1
    }


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("mặt trận tổ quốc", "Chủ tịch Mặt trận Tổ quốc Việt Nam Nguyễn Thiện Nhân cho rằng"),
        ("cao tốc", "Phát triển nhà và đô thị, Phát triển đường cao tốc, Cà phê"),
        ("môi trường", "trong việc bảo vệ môi trường sinh thái” - Bộ trưởng nói."),
    ],
)  # fmt: skip
def test_a_term_inside_a_longer_word_counts(term, text):
    # the segmenter reads "Tổ quốc Việt Nam", "đường cao tốc", "môi trường sinh thái" as words
    assert TermMatcher([term]).count(text) == {term: 1}


def test_count_terms_long_table_and_grouping():
    articles = pd.DataFrame({
        "doc_id": ["a", "b", "c"],
        "text": ["dân vận, dân vận", "chuyển đổi số", "không có gì"],
        "published": pd.to_datetime(["2020-01-05", "2020-01-20", "2020-02-01"]).tz_localize(
            TIMEZONE),
        "source": ["X", "Y", "X"], "category": [None, None, None], "n_syllables": [4, 3, 3],
    })  # fmt: skip
    counts = count_terms(articles, ["Dân vận", "chuyển đổi số"])
    assert counts.values.tolist() == [["a", "dân vận", 2], ["b", "chuyển đổi số", 1]]
    monthly = count_terms(articles, ["dân vận"], by="month").set_index("month")
    assert monthly.loc["2020-01", ["count", "articles", "total_articles"]].tolist() == [2, 1, 2]
    assert monthly.loc["2020-01", "per_1000_articles"] == 500
    assert monthly.loc["2020-01", "per_million_syllables"] == pytest.approx(2e6 / 7)
    assert monthly.loc["2020-02", "count"] == 0
    by_source = group_counts(counts, articles, by="source").set_index(["source", "term"])
    assert by_source.loc[("X", "dân vận"), "articles"] == 1
    with pytest.raises(ValueError, match="cannot group by"):
        count_terms(articles, ["dân vận"], by="weekday")


def test_grouping_by_province_and_kwic_on_the_demo():
    articles = load_corpus(DEMO)
    counts = count_terms(articles, ["dân vận"], by="province", mentions=extract_mentions(articles))
    assert set(counts["province"]) <= set(extract_mentions(articles)["name_2025"])
    assert counts["count"].sum() > 0
    lines = kwic(articles, "dân vận", window=20)
    assert len(lines) == count_terms(articles, ["dân vận"])["count"].sum()
    assert lines["match"].str.lower().eq("dân vận").all()
    assert (lines["left"].str.len() <= 20).all()


def test_grouping_by_theme():
    articles = load_corpus(DEMO)
    table = count_terms(articles, ["dân vận"], by="theme", themes=score_themes(articles))
    table = table.set_index("theme")
    assert table["count"].idxmax() == "mass_mobilisation"
    assert table.loc["mass_mobilisation", "per_1000_articles"] > 500


def test_no_terms_is_an_error():
    with pytest.raises(ValueError, match="no terms"):
        TermMatcher(["  "])


def test_grouping_no_articles_gives_an_empty_table():
    articles = pd.DataFrame(
        {
            "doc_id": pd.Series([], dtype="string[pyarrow]"),
            "text": pd.Series([], dtype="string[pyarrow]"),
            "n_syllables": pd.Series([], dtype="int32"),
            "source": pd.Series([], dtype="string[pyarrow]"),
        }
    )
    table = count_terms(articles, ["dân vận"], by="source")
    assert table.empty
    assert list(table.columns) == [
        "source",
        "term",
        "count",
        "articles",
        "total_articles",
        "total_syllables",
        "per_1000_articles",
        "per_million_syllables",
    ]
