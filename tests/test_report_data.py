"""Tests for analysis.report_data on the demo corpus (64 articles, one exact and one near copy)."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis.parameters import validate_parameters
from analysis.report_data import (
    ANNOTATIONS,
    ARTICLE_FIELDS,
    load_report_data,
    previous_period,
    select,
)
from analysis.storage import load_processed

EXACT_COPY = ("fa2ea80a24bce15e", "0d7756a6e0a43761")  # (copy, original)
NEAR_COPY = ("ef413153b709fe1b", "0b48e9d088647055")


@pytest.fixture(scope="module")
def processed(demo_processed):
    """The demo's articles as stored, with the day each was published (Vietnam time)."""
    articles = load_processed(demo_processed)
    return articles.assign(day=articles["published"].dt.strftime("%Y-%m-%d"))


@pytest.fixture(scope="module")
def mentions(demo_processed):
    return load_processed(demo_processed, table="province_mentions")


@pytest.fixture(scope="module")
def load(demo_processed):
    """Report data for the demo and these parameters (read once per module: tests only read)."""
    loaded = {}

    def run(include_duplicates: bool = False, **parameters):
        key = (include_duplicates, repr(sorted(parameters.items())))
        if key not in loaded:
            selection = validate_parameters({"data_dir": str(demo_processed), **parameters})
            loaded[key] = load_report_data(selection, include_duplicates=include_duplicates)
        return loaded[key]

    return run


def originals(processed: pd.DataFrame) -> pd.DataFrame:
    return processed[processed["duplicate_of"].isna()]


def assert_annotations_cut(data, demo_processed) -> None:
    """Every annotation table holds the rows of the kept articles, and only those."""
    kept = set(data.articles["doc_id"])
    for name in ANNOTATIONS:
        table = getattr(data, name)
        stored = load_processed(demo_processed, table=name)
        if name == "themes" and data.selection.themes:
            stored = stored[stored["theme"].isin(data.selection.themes)]
        assert set(table["doc_id"]) <= kept, name
        assert len(table) == stored["doc_id"].isin(kept).sum(), name
        assert table.index.tolist() == list(range(len(table))), name


def test_duplicates_left_out_by_default(load, processed, demo_processed):
    data = load()
    assert len(processed) == 64
    assert len(data.articles) == 62
    assert data.articles["duplicate_of"].isna().all()
    assert not {EXACT_COPY[0], NEAR_COPY[0]} & set(data.articles["doc_id"])
    assert {EXACT_COPY[1], NEAR_COPY[1]} <= set(data.articles["doc_id"])
    assert data.articles.columns.tolist() == ARTICLE_FIELDS
    assert_annotations_cut(data, demo_processed)


def test_the_demo_has_one_exact_and_one_near_copy(processed):
    copies = processed.dropna(subset=["duplicate_of"]).set_index("doc_id")
    assert copies["duplicate_of"].to_dict() == dict([EXACT_COPY, NEAR_COPY])
    hashes = processed.set_index("doc_id")["content_hash"]
    assert hashes[EXACT_COPY[0]] == hashes[EXACT_COPY[1]]
    assert hashes[NEAR_COPY[0]] != hashes[NEAR_COPY[1]]


def test_duplicates_kept_on_request(load, demo_processed):
    data = load(include_duplicates=True)
    assert len(data.articles) == 64
    copies = data.articles.dropna(subset=["duplicate_of"]).set_index("doc_id")
    assert copies["duplicate_of"].to_dict() == dict([EXACT_COPY, NEAR_COPY])
    assert EXACT_COPY[0] in set(data.province_mentions["doc_id"])
    assert_annotations_cut(data, demo_processed)


def test_report_data_properties(load):
    data = load()
    assert not data.empty
    assert data.selection.province_system == "34"  # no end date: the current system
    assert data.corpus["articles"] == 64
    assert data.corpus["duplicates"] == {"exact": 1, "near": 1}


def test_corpus_is_empty_without_an_ingest_report(demo_processed, tmp_path):
    for parquet in demo_processed.glob("*.parquet"):
        shutil.copy(parquet, tmp_path)
    data = load_report_data(validate_parameters({"data_dir": str(tmp_path)}))
    assert data.corpus == {}
    assert len(data.articles) == 62


def test_dates_inclusive_at_both_ends(load, processed):
    data = load(date_from="2024-09-14", date_to="2024-12-12")
    # 14/09 at 21:10 and 12/12 at 19:05 are in; 10/09 and 13/12 (a copy) are not
    assert sorted(data.articles["doc_id"]) == ["0d7756a6e0a43761", "d5d51480c190beef"]
    days = originals(processed)["day"]
    assert len(data.articles) == days.between("2024-09-14", "2024-12-12").sum()


def test_dates_with_duplicates(load):
    data = load(include_duplicates=True, date_from="2024-12-12", date_to="2024-12-13")
    assert sorted(data.articles["doc_id"]) == sorted(EXACT_COPY)
    assert load(date_from="2024-12-13", date_to="2024-12-13").empty


@pytest.mark.parametrize(
    ("date_from", "date_to"),
    [("2025-07-08", "2025-08-14"), ("2018-01-01", "2019-12-31"), ("2025-01-01", None),
     (None, "2020-04-02"), ("2025-11-24", None)],
)  # fmt: skip
def test_dates_match_a_direct_count(load, processed, date_from, date_to):
    data = load(date_from=date_from, date_to=date_to)
    days = originals(processed)["day"]
    expected = days.between(date_from or "0000", date_to or "9999")
    assert sorted(data.articles["doc_id"]) == sorted(originals(processed)[expected]["doc_id"])


def test_date_counts_by_hand(load):
    assert len(load(date_from="2025-07-08", date_to="2025-08-14").articles) == 4
    assert len(load(date_from="2025-07-08", date_to="2025-08-15").articles) == 4  # a copy
    assert len(load(date_to="2018-12-31").articles) == 7
    assert load(date_from="2025-11-24").empty


def test_sources(load, processed):
    nhan_dan = load(sources=["Nhân Dân"])
    assert len(nhan_dan.articles) == 12
    assert set(nhan_dan.articles["source"]) == {"Nhân Dân"}
    both = load(sources=["ĐCSVN", "Chinhphu.vn"])
    assert both.selection.sources == ("ĐCSVN", "Chinhphu.vn")
    assert both.articles["source"].value_counts().to_dict() == {"Chinhphu.vn": 14, "ĐCSVN": 10}
    wanted = originals(processed)["source"].isin(["ĐCSVN", "Chinhphu.vn"])
    assert len(both.articles) == wanted.sum()


def test_provinces_in_the_63_system(load, demo_processed):
    data = load(provinces=["Khánh Hòa"], province_system="63")
    assert sorted(data.articles["doc_id"]) == ["3012dc4ea193acbc", "a0692de5d8a8dd34"]
    assert_annotations_cut(data, demo_processed)


def test_provinces_in_the_34_system(load, mentions, demo_processed):
    data = load(provinces=["Khánh Hòa"], province_system="34")
    # a238c504 names Khánh Hòa only as the merged unit of the 34, and Ninh Thuận, merged into it
    assert sorted(data.articles["doc_id"]) == [
        "3012dc4ea193acbc", "a0692de5d8a8dd34", "a238c504b9aa7bcd"
    ]  # fmt: skip
    named = mentions[mentions["doc_id"] == "a238c504b9aa7bcd"]
    khanh_hoa = named[named["code_2025"] == "56"]
    assert set(khanh_hoa["surface"]) == {"Khánh Hòa", "Ninh Thuận"}
    assert khanh_hoa.loc[khanh_hoa["surface"] == "Khánh Hòa", "province_code"].isna().all()
    assert set(khanh_hoa.loc[khanh_hoa["surface"] == "Ninh Thuận", "province_code"]) == {"58"}
    assert_annotations_cut(data, demo_processed)


def test_an_old_province_in_the_34_system_stands_for_its_new_unit(load):
    assert load(provinces=["Tuyên Quang"], province_system="63").empty
    ha_giang = load(provinces=["Hà Giang"], province_system="63")
    assert ha_giang.articles["doc_id"].tolist() == ["046fe059920f4f08"]
    for name in ("Hà Giang", "Tuyên Quang"):
        data = load(provinces=[name], province_system="34")
        assert data.articles["doc_id"].tolist() == ["046fe059920f4f08"]


def test_provinces_any_of(load):
    data = load(provinces=["Khánh Hòa", "Hà Giang"], province_system="63")
    assert sorted(data.articles["doc_id"]) == [
        "046fe059920f4f08", "3012dc4ea193acbc", "a0692de5d8a8dd34"
    ]  # fmt: skip


def test_system_chosen_by_the_end_date(load):
    assert load(date_to="2025-06-30").selection.province_system == "63"
    assert load(date_to="2025-07-01").selection.province_system == "34"


def test_themes(load, demo_processed):
    data = load(themes=["citizen_reception"])
    stored = load_processed(demo_processed, table="themes")
    matching = set(stored.loc[stored["theme"] == "citizen_reception", "doc_id"])
    assert set(data.articles["doc_id"]) == matching  # no copy among them
    assert len(data.articles) == 7
    assert set(data.themes["theme"]) == {"citizen_reception"}
    assert len(data.themes) == 7
    assert_annotations_cut(data, demo_processed)


def test_themes_by_label(load):
    data = load(themes=["Tiếp công dân, khiếu nại, tố cáo", "emulation"])
    assert data.selection.themes == ("citizen_reception", "emulation")
    assert set(data.themes["theme"]) == {"citizen_reception", "emulation"}


def test_filters_combine(load, processed, demo_processed):
    data = load(sources=["Tổ Quốc"], date_from="2025-01-01", themes=["streamlining"])
    # 6 Tổ Quốc articles from 2025, 4 of them on streamlining
    assert sorted(data.articles["doc_id"]) == [
        "20cda96bb799af02", "959d0278d0c38ac1", "b34a2d028389d8f4", "cf056f4e47cd338d"
    ]  # fmt: skip
    themes = load_processed(demo_processed, table="themes")
    streamlining = set(themes.loc[themes["theme"] == "streamlining", "doc_id"])
    wanted = originals(processed).query("source == 'Tổ Quốc' and day >= '2025-01-01'")
    assert len(wanted) == 6
    assert set(data.articles["doc_id"]) == set(wanted["doc_id"]) & streamlining
    assert data.themes["theme"].tolist() == ["streamlining"] * 4
    assert_annotations_cut(data, demo_processed)


def test_select_cuts_loaded_data_again(load):
    everything = load()
    selection = validate_parameters(
        {"data_dir": str(everything.selection.data_dir), "sources": ["Nhân Dân"]}
    )
    cut = select(everything, selection)
    assert cut.selection is selection
    assert len(cut.articles) == 12
    assert set(cut.officials["doc_id"]) <= set(cut.articles["doc_id"])


def test_previous_period_of_whole_months_is_the_months_before(load):
    data = load(date_from="2025-07-01", date_to="2025-09-30", sources=["Tổ Quốc"])
    earlier = previous_period(data)
    assert earlier.selection.date_from == pd.Timestamp("2025-04-01", tz="Asia/Ho_Chi_Minh")
    assert earlier.selection.date_to == data.selection.date_from
    assert earlier.selection.sources == ("Tổ Quốc",)
    assert earlier.articles["doc_id"].tolist() == ["959d0278d0c38ac1"]  # 22/04/2025
    assert sorted(data.articles["doc_id"]) == [
        "20cda96bb799af02", "3b39206dd2d2f387", "cf056f4e47cd338d"
    ]  # fmt: skip


def test_previous_period_of_days_is_as_many_days_before(load):
    earlier = previous_period(load(date_from="2025-07-10", date_to="2025-07-19"))
    assert earlier.selection.date_from == pd.Timestamp("2025-06-30", tz="Asia/Ho_Chi_Minh")
    assert earlier.selection.date_to == pd.Timestamp("2025-07-10", tz="Asia/Ho_Chi_Minh")


def test_previous_period_of_one_day(load):
    earlier = previous_period(load(date_from="2024-12-13", date_to="2024-12-13"))
    assert earlier.selection.date_from == pd.Timestamp("2024-12-12", tz="Asia/Ho_Chi_Minh")
    assert earlier.articles["doc_id"].tolist() == ["0d7756a6e0a43761"]


@pytest.mark.parametrize("dates", [{}, {"date_from": "2025-01-01"}, {"date_to": "2025-06-30"}])
def test_previous_period_of_an_open_period_is_none(load, dates):
    assert previous_period(load(**dates)) is None
