"""Tests for analysis.views: the report tables, on small hand-made frames."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import views

DIGITAL_VI = "Chuyển đổi số, chính phủ điện tử"
DIGITAL_EN = "Digital transformation and e-government"
ADMIN_VI = "Cải cách hành chính, thủ tục hành chính"
ADMIN_EN = "Administrative reform and procedures"
ANTI_EN = "Anti-corruption and waste"


def vn_times(*texts: str | None) -> pd.Series:
    """Publication times as the processed tables hold them: Vietnam time, NaT when unknown."""
    return pd.Series(pd.to_datetime(list(texts), format="ISO8601")).dt.tz_localize(
        "Asia/Ho_Chi_Minh"
    )


def article_table(rows: list[tuple]) -> pd.DataFrame:
    """``doc_id, published, source, title, url`` rows."""
    frame = pd.DataFrame(rows, columns=["doc_id", "published", "source", "title", "url"])
    frame["published"] = vn_times(*frame["published"])
    return frame


def mention(doc_id, province_code, province_name, code_2025, name_2025, system="63") -> dict:
    return {"doc_id": doc_id, "system": system, "province_code": province_code,
            "province_name": province_name, "code_2025": code_2025,
            "name_2025": name_2025}  # fmt: skip


# periods and period_range


def test_periods_labels_month_quarter_year():
    published = vn_times("2024-12-31 23:30", "2025-03-01 00:00")
    assert views.periods(published, "month").tolist() == ["2024-12", "2025-03"]
    assert views.periods(published, "quarter").tolist() == ["2024Q4", "2025Q1"]
    assert views.periods(published, "year").tolist() == ["2024", "2025"]


def test_periods_use_vietnam_time():
    # 03:00 on 1 January in Hà Nội is still 31 December in UTC
    published = vn_times("2025-01-01 03:00")
    assert views.periods(published, "month").tolist() == ["2025-01"]
    assert views.periods(published, "year").tolist() == ["2025"]


def test_period_range_fills_gaps():
    published = vn_times("2025-03-01", None, "2024-12-31 23:30")
    assert views.period_range(published, "month") == ["2024-12", "2025-01", "2025-02", "2025-03"]
    assert views.period_range(published, "quarter") == ["2024Q4", "2025Q1"]
    assert views.period_range(published, "year") == ["2024", "2025"]
    assert views.period_range(vn_times("2023-05-02", "2025-01-09"), "year") == [
        "2023", "2024", "2025"
    ]  # fmt: skip


def test_period_range_of_no_dates_is_empty():
    assert views.period_range(vn_times(None, None), "month") == []


# articles_over_time

OVER_TIME = pd.DataFrame(
    {
        "doc_id": ["a", "b", "c", "d", "e"],
        "published": vn_times("2025-01-02", "2025-01-15", "2025-01-31 23:59", "2025-03-10", None),
        "source": ["A", "A", "B", "B", "A"],
    }
)


def test_articles_over_time_zeros_for_empty_periods():
    table = views.articles_over_time(OVER_TIME, "month")
    assert table.columns.tolist() == ["period", "articles"]
    assert table["period"].tolist() == ["2025-01", "2025-02", "2025-03"]
    assert table["articles"].tolist() == [3, 0, 1]
    assert table["articles"].dtype == "int64"


def test_articles_over_time_by_quarter():
    table = views.articles_over_time(OVER_TIME, "quarter")
    assert table.to_dict("list") == {"period": ["2025Q1"], "articles": [4]}


def test_articles_over_time_by_source():
    table = views.articles_over_time(OVER_TIME, "month", by="source")
    assert table.columns.tolist() == ["period", "source", "articles"]
    assert list(table.itertuples(index=False, name=None)) == [
        ("2025-01", "A", 2),
        ("2025-01", "B", 1),
        ("2025-02", "A", 0),
        ("2025-02", "B", 0),
        ("2025-03", "A", 0),
        ("2025-03", "B", 1),
    ]


def test_articles_over_time_without_dates_is_empty():
    table = views.articles_over_time(OVER_TIME.iloc[[4]], "month")
    assert table.columns.tolist() == ["period", "articles"]
    assert table.empty


# theme_shares and theme_totals

SHARE_ARTICLES = pd.DataFrame(
    {
        "doc_id": ["a", "b", "c", "d"],
        "published": vn_times("2025-01-05", "2025-01-20", "2025-03-10", None),
    }
)
SHARE_THEMES = pd.DataFrame(
    {
        "doc_id": ["a", "a", "b", "c", "c", "d"],
        "theme": [
            "digital",
            "admin_reform",
            "digital",
            "admin_reform",
            "anti_corruption",
            "digital",
        ],  # fmt: skip
        "share": [0.75, 0.25, 1.0, 0.5, 0.5, 1.0],
    }
)


def test_theme_shares_rows_sum_to_100():
    table = views.theme_shares(SHARE_ARTICLES, SHARE_THEMES, "month", language="en")
    assert table.index.tolist() == ["2025-01", "2025-03"]
    assert table.columns.tolist() == [DIGITAL_EN, ADMIN_EN, ANTI_EN]  # by summed share
    assert table.loc["2025-01"].tolist() == [87.5, 12.5, 0.0]
    assert table.loc["2025-03"].tolist() == [0.0, 50.0, 50.0]
    assert table.sum(axis=1).tolist() == [100.0, 100.0]


def test_theme_shares_labelled_in_vietnamese_by_default():
    table = views.theme_shares(SHARE_ARTICLES, SHARE_THEMES, "year")
    assert table.index.tolist() == ["2025"]
    assert table.columns.tolist() == [
        DIGITAL_VI, "Cải cách hành chính, thủ tục hành chính", "Phòng, chống tham nhũng, lãng phí"
    ]  # fmt: skip
    assert table.loc["2025"].tolist() == pytest.approx([100 * 1.75 / 3, 25.0, 100 * 0.5 / 3])


def test_theme_shares_without_matches_is_empty():
    assert views.theme_shares(SHARE_ARTICLES, SHARE_THEMES.iloc[[5]], "month").empty


def test_theme_totals():
    themes = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "c", "c", "d"],
            "theme": [
                "digital",
                "admin_reform",
                "digital",
                "admin_reform",
                "anti_corruption",
                "digital",
            ],  # fmt: skip
            "share": [0.5, 0.5, 1.0, 0.25, 0.75, 1.0],
        }
    )
    table = views.theme_totals(themes, language="en")
    assert table.to_dict("list") == {
        "theme": [DIGITAL_EN, ADMIN_EN, ANTI_EN],
        "articles": [3, 2, 1],
        "share": [62.5, 18.75, 18.75],
    }
    assert views.theme_totals(themes)["theme"].tolist()[0] == DIGITAL_VI


def test_theme_totals_of_nothing():
    table = views.theme_totals(SHARE_THEMES.iloc[0:0])
    assert table.columns.tolist() == ["theme", "articles", "share"]
    assert table.empty


def test_theme_label_falls_back_to_the_id():
    assert views.theme_label("digital", "en") == DIGITAL_EN
    assert views.theme_label("no_such_theme") == "no_such_theme"


# top_directives

DIRECTIVES = pd.DataFrame(
    {
        "doc_id": ["old", "new", "new", "mid", "gone"],
        "start": [10, 90, 5, 0, 0],
        "text": ["Chỉ đạo cũ.", "Chỉ đạo sau.", "Chỉ đạo trước.", "Chỉ đạo giữa.", "Không bài."],
        "issuer": [
            "Thủ tướng Phạm Minh Chính",
            "Phó Thủ tướng Trần Hồng Hà",
            None,
            "Bộ trưởng Bộ Nội vụ",
            "Thủ tướng",
        ],  # fmt: skip
        "addressee": ["Hà Nội", None, "Bộ Nội vụ", "các cấp chính quyền", None],
        "themes": [
            np.array(["digital"]),
            np.array(["admin_reform", "digital"]),
            np.array([], dtype=object),
            np.array(["admin_reform"]),
            np.array(["digital"]),
        ],  # fmt: skip
    }
)
DIRECTIVE_ARTICLES = article_table(
    [
        ("old", "2024-01-02 08:00", "Tổ Quốc", "Cũ", "https://toquoc.vn/old"),
        ("new", "2025-06-30 21:00", "Nhân Dân", "Mới", "https://nhandan.vn/new"),
        ("mid", "2024-11-11 11:00", "Chinhphu.vn", "Giữa", "https://baochinhphu.vn/mid"),
    ]
)


def test_top_directives_newest_first_then_by_position():
    table = views.top_directives(DIRECTIVES, DIRECTIVE_ARTICLES)
    assert table.columns.tolist() == ["published", "source", "issuer", "addressee", "directive",
                                      "url"]  # fmt: skip
    assert table["directive"].tolist() == ["Chỉ đạo trước.", "Chỉ đạo sau.", "Chỉ đạo giữa.",
                                           "Chỉ đạo cũ."]  # fmt: skip
    assert table["source"].tolist() == ["Nhân Dân", "Nhân Dân", "Chinhphu.vn", "Tổ Quốc"]
    assert table["url"].tolist()[-1] == "https://toquoc.vn/old"
    assert table["published"].iloc[0] == pd.Timestamp("2025-06-30 21:00", tz="Asia/Ho_Chi_Minh")
    assert table.index.tolist() == [0, 1, 2, 3]


def test_top_directives_of_a_theme():
    table = views.top_directives(DIRECTIVES, DIRECTIVE_ARTICLES, theme="digital")
    assert table["directive"].tolist() == ["Chỉ đạo sau.", "Chỉ đạo cũ."]
    assert table["issuer"].tolist() == ["Phó Thủ tướng Trần Hồng Hà", "Thủ tướng Phạm Minh Chính"]
    assert views.top_directives(DIRECTIVES, DIRECTIVE_ARTICLES, theme="emulation").empty


def test_top_directives_top_n():
    table = views.top_directives(DIRECTIVES, DIRECTIVE_ARTICLES, theme="admin_reform", top_n=1)
    assert table["directive"].tolist() == ["Chỉ đạo sau."]


# provinces

MENTIONS = pd.DataFrame(
    [
        mention("a", "01", "Hà Nội", "01", "Hà Nội"),
        mention("a", "01", "Hà Nội", "01", "Hà Nội"),
        mention("b", "01", "Hà Nội", "01", "Hà Nội"),
        mention("b", "02", "Hà Giang", "08", "Tuyên Quang"),
        mention("c", None, None, "08", "Tuyên Quang", system="34"),  # a 34-only name
        mention("d", None, None, "08", "Tuyên Quang", system="34"),
        mention("x", "04", "Cao Bằng", "04", "Cao Bằng"),  # an article outside the selection
    ]
)
NAMING = pd.DataFrame({"doc_id": ["a", "b", "c", "d", "e"]})


def test_province_names():
    legacy = views.province_names("63")
    current = views.province_names("34")
    assert (len(legacy), len(current)) == (63, 34)
    assert legacy.name == current.name == "province"
    assert legacy.index.is_monotonic_increasing and current.index.is_monotonic_increasing
    assert legacy.iloc[:3].to_dict() == {"01": "Hà Nội", "02": "Hà Giang", "04": "Cao Bằng"}
    assert legacy["08"] == current["08"] == "Tuyên Quang"
    assert "02" not in current.index  # Hà Giang merged into Tuyên Quang
    assert current["79"] == "Hồ Chí Minh"


def test_province_counts_63():
    table = views.province_counts(NAMING, MENTIONS, "63")
    assert table.columns.tolist() == ["code", "province", "articles", "mentions"]
    assert len(table) == 63
    assert set(table["code"]) == set(views.province_names("63").index)
    assert list(table.head(3).itertuples(index=False, name=None)) == [
        ("01", "Hà Nội", 2, 3),
        ("02", "Hà Giang", 1, 1),
        ("04", "Cao Bằng", 0, 0),  # named only outside the selection
    ]
    # the 34-only mentions of Tuyên Quang count for no 63-system province
    assert table.set_index("code").loc["08"].tolist() == ["Tuyên Quang", 0, 0]
    assert table["articles"].sum() == 3
    assert table["mentions"].sum() == 4
    assert table["articles"].dtype == table["mentions"].dtype == "int64"


def test_province_counts_34():
    table = views.province_counts(NAMING, MENTIONS, "34")
    assert len(table) == 34
    assert set(table["code"]) == set(views.province_names("34").index)
    assert list(table.head(3).itertuples(index=False, name=None)) == [
        ("08", "Tuyên Quang", 3, 3),  # Hà Giang (63) and Tuyên Quang (34)
        ("01", "Hà Nội", 2, 3),
        ("04", "Cao Bằng", 0, 0),
    ]
    assert table["articles"].sum() == 5
    assert (table.iloc[2:][["articles", "mentions"]] == 0).all().all()


def test_change_against():
    current = pd.DataFrame({"code": ["01", "02", "04"], "province": ["Hà Nội", "Hà Giang",
                           "Cao Bằng"], "articles": [5, 1, 3], "mentions": [9, 1, 3]})  # fmt: skip
    previous = pd.DataFrame({"code": ["04", "01", "02"], "province": ["Cao Bằng", "Hà Nội",
                            "Hà Giang"], "articles": [0, 2, 4], "mentions": [0, 2, 4]})  # fmt: skip
    table = views.change_against(current, previous)
    assert table.columns.tolist() == ["code", "province", "articles", "previous", "change"]
    assert list(table.itertuples(index=False, name=None)) == [
        ("01", "Hà Nội", 5, 2, 3),
        ("04", "Cao Bằng", 3, 0, 3),
        ("02", "Hà Giang", 1, 4, -3),
    ]


MATRIX_THEMES = pd.DataFrame(
    {
        "doc_id": ["a", "a", "b", "c"],
        "theme": ["digital", "admin_reform", "digital", "digital"],
        "share": [0.5, 0.5, 1.0, 1.0],
    }
)


def test_theme_province_matrix_63():
    matrix = views.theme_province_matrix(MATRIX_THEMES, MENTIONS, "63", language="en")
    assert matrix.index.name == "province"
    # Cao Bằng is named (in x) but x has no theme: a row of zeros
    assert matrix.index.tolist() == ["Hà Nội", "Hà Giang", "Cao Bằng"]
    assert matrix.columns.tolist() == [DIGITAL_EN, ADMIN_EN]
    assert matrix.to_numpy().tolist() == [[2, 1], [1, 0], [0, 0]]


def test_theme_province_matrix_34():
    matrix = views.theme_province_matrix(MATRIX_THEMES, MENTIONS, "34", top_n=2)
    assert matrix.index.tolist() == ["Tuyên Quang", "Hà Nội"]
    assert matrix.columns.tolist() == [DIGITAL_VI, ADMIN_VI]
    assert matrix.to_numpy().tolist() == [[2, 0], [2, 1]]


def test_theme_province_matrix_without_pairs_is_empty():
    assert views.theme_province_matrix(MATRIX_THEMES.iloc[0:0], MENTIONS, "63").empty


# legal references, directives and officials


def test_most_cited():
    refs = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "a", "c", "c", "d", "d"],
            "key": [
                "05-CT/TW",
                "05-CT/TW",
                "05-CT/TW",
                "61/2018/NĐ-CP",
                "61/2018/NĐ-CP",
                "Luật Tiếp công dân 2013",
                "X",
                "X",
            ],  # fmt: skip
            "type": ["chỉ thị", None, "chỉ thị", "nghị định", "nghị định", "luật", None, None],
        }
    )
    table = views.most_cited(refs)
    assert table.columns.tolist() == ["document", "type", "articles", "citations"]
    assert table["document"].tolist() == ["05-CT/TW", "61/2018/NĐ-CP", "X",
                                          "Luật Tiếp công dân 2013"]  # fmt: skip
    assert table["type"].tolist()[:2] == ["chỉ thị", "nghị định"]
    assert pd.isna(table["type"].iloc[2])  # never stated
    assert table["articles"].tolist() == [2, 2, 1, 1]
    assert table["citations"].tolist() == [3, 2, 2, 1]
    assert views.most_cited(refs, top_n=2)["document"].tolist() == ["05-CT/TW", "61/2018/NĐ-CP"]


def test_most_cited_of_nothing():
    table = views.most_cited(pd.DataFrame(columns=["doc_id", "key", "type"]))
    assert table.columns.tolist() == ["document", "type", "articles", "citations"]
    assert table.empty


def test_issuing_officials():
    directives = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "c", "c", "c", "d"],
            "issuer": ["Thủ tướng Phạm Minh Chính"] * 3 + ["Bộ trưởng Bộ Nội vụ"] * 3 + [None],
        }
    )
    table = views.issuing_officials(directives)
    assert table.columns.tolist() == ["issuer", "directives", "articles"]
    assert list(table.itertuples(index=False, name=None)) == [
        ("Thủ tướng Phạm Minh Chính", 3, 2),
        ("Bộ trưởng Bộ Nội vụ", 3, 1),
    ]
    assert views.issuing_officials(directives, top_n=1)["issuer"].tolist() == [
        "Thủ tướng Phạm Minh Chính"
    ]


def test_officials_named():
    officials = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "c"],
            "title": ["Thủ tướng", "Thủ tướng", "Thủ tướng", "Phó Thủ tướng"],
            "name": ["Phạm Minh Chính", "Phạm Minh Chính", "Phạm Minh Chính", "Trần Hồng Hà"],
        }
    )
    table = views.officials_named(officials)
    assert table.to_dict("list") == {
        "official": ["Thủ tướng Phạm Minh Chính", "Phó Thủ tướng Trần Hồng Hà"],
        "articles": [2, 1],
    }
    assert len(views.officials_named(officials, top_n=1)) == 1


# articles


def test_recent_articles_newest_first_undated_last():
    articles = article_table(
        [
            ("a", "2024-01-01 08:00", "Tổ Quốc", "Một", "https://toquoc.vn/1"),
            ("b", None, "ĐCSVN", "Hai", None),
            ("c", "2025-02-03 09:00", "Nhân Dân", "Ba", "https://nhandan.vn/3"),
            ("d", "2024-06-01 10:00", "Chinhphu.vn", "Bốn", "https://baochinhphu.vn/4"),
        ]
    )
    table = views.recent_articles(articles)
    assert table.columns.tolist() == ["published", "source", "title", "url"]
    assert table["title"].tolist() == ["Ba", "Bốn", "Một", "Hai"]
    assert table.index.tolist() == [0, 1, 2, 3]
    assert views.recent_articles(articles, top_n=2)["title"].tolist() == ["Ba", "Bốn"]


def test_field_coverage():
    articles = pd.DataFrame(
        {
            "title": ["a", "b", "c", "d"],
            "published": vn_times("2025-01-01", None, None, "2025-01-02"),
            "source": ["A", "B", None, "C"],
            "author": [None, None, None, "Minh"],
            "category": [None, None, None, None],
            "url": ["u1", "u2", "u3", "u4"],
        }
    )
    table = views.field_coverage(articles)
    assert table.to_dict("list") == {
        "field": ["title", "published", "source", "author", "category", "url"],
        "share": [100.0, 50.0, 75.0, 25.0, 0.0, 100.0],
    }
    assert views.field_coverage(articles.iloc[0:0])["share"].tolist() == [0.0] * 6


def test_warnings_table_file_problems_first_and_once():
    files = pd.DataFrame(
        {
            "path": ["raw/a.csv", "raw/b.txt"],
            "warnings": [np.array(["encoding: guessed cp1258"]), np.array([], dtype=object)],
        }
    )
    articles = pd.DataFrame(
        {
            "path": ["raw/a.csv", "raw/a.csv", "raw/c.jsonl"],
            "warnings": [
                np.array(["published: no date", "published: no date"]),
                np.array([], dtype=object),
                np.array(["title missing", "source: unknown outlet x.vn"]),
            ],
        }
    )
    table = views.warnings_table(articles, files)
    assert table.columns.tolist() == ["path", "kind", "warning"]
    assert list(table.itertuples(index=False, name=None)) == [
        ("raw/a.csv", "encoding", "encoding: guessed cp1258"),
        ("raw/a.csv", "published", "published: no date"),
        ("raw/c.jsonl", "title missing", "title missing"),
        ("raw/c.jsonl", "source", "source: unknown outlet x.vn"),
    ]


def test_warnings_table_without_warnings():
    none = pd.DataFrame({"path": ["raw/a.csv"], "warnings": [np.array([], dtype=object)]})
    table = views.warnings_table(none, none)
    assert table.columns.tolist() == ["path", "kind", "warning"]
    assert table.empty


@pytest.mark.parametrize("granularity", ["month", "quarter", "year"])
def test_articles_over_time_totals_match(granularity):
    table = views.articles_over_time(OVER_TIME, granularity, by="source")
    assert table["articles"].sum() == 4  # the undated article is left out
