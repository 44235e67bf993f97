"""The bundled demo corpus is what `make reports` shows: check it has what it promises."""

import json
import sqlite3
from importlib.resources import files

import pandas as pd
import pytest

from analysis import load_corpus
from analysis.dates import TIMEZONE
from analysis.normalize import normalize_text
from conftest import DEMO, ROOT


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    return load_corpus(DEMO)


def expected_items() -> list[dict]:
    items = []
    for path in sorted((ROOT / "tests" / "data").glob("demo_expected_*.jsonl")):
        items += [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    return items


def test_size_layouts_and_years(demo):
    assert len(demo) >= 60
    assert demo.groupby("format").size().to_dict() == {"page": 52, "jsonl": 12}
    assert set(demo["source"]) == {"Tổ Quốc", "Chinhphu.vn", "Nhân Dân", "ĐCSVN"}
    assert set(demo["published"].dt.year) == set(range(2018, 2026))
    assert demo["published"].notna().all() and demo["title"].notna().all()
    assert demo["warnings"].map(len).sum() == 0


def province_names(table: str) -> set[str]:
    database = files("vietnamadminunits").joinpath("data/dataset.db")
    with sqlite3.connect(str(database)) as db:
        return {row[0] for row in db.execute(f"select distinct provinceShort from {table}")}


def test_post_merger_articles_use_the_34_province_names(demo):
    new_names = province_names("admin_units") | {"TP.HCM", "TP. Hồ Chí Minh", "TPHCM"}
    after = [
        e for e in expected_items()
        if pd.Timestamp(e["published"]) >= pd.Timestamp("2025-07-01", tz=TIMEZONE)
    ]  # fmt: skip
    assert len(after) >= 10
    for item in after:
        same = (demo["path"] == item["file"]) & (
            demo["record"].fillna(0) == (item.get("record") or 0)
        )
        text = demo[same]["text"].iloc[0]
        assert "(cũ)" in text, item["file"]
        assert any(f"tỉnh {name}" in text or f"TP {name}" in text or name.startswith("TP")
                   and name in text for name in new_names), item["file"]  # fmt: skip


def test_covers_provinces_themes_documents_and_traps(demo):
    labelled = {name for item in expected_items() for name in item["provinces"]}
    assert len(labelled & province_names("admin_units_legacy")) >= 25
    text = "\n".join(demo["text"])
    for phrase in ["cải cách thủ tục hành chính", "Dân vận khéo", "tham nhũng", "tinh gọn bộ máy",
                   "tinh giản biên chế", "nông thôn mới", "chuyển đổi số", "tiếp công dân",
                   "khiếu nại", "Chỉ thị số 05-CT/TW", "Nghị định 61/2018/NĐ-CP",
                   "Thái Bình Dương", "Chủ tịch Hồ Chí Minh", "nhân dân vận động",
                   "Đồng Tháp Mười", "Điện Biên Phủ"]:  # fmt: skip
        assert phrase in text, phrase
    traps = [trap for item in expected_items() for trap in item["traps"]]
    assert len(traps) >= 30


RECORDS = [e for e in expected_items() if e.get("record")]


@pytest.mark.parametrize("expected", RECORDS, ids=lambda e: f"record{e['record']}")
def test_news_please_records_load_to_their_labels(demo, expected):
    row = demo[(demo["path"] == expected["file"]) & (demo["record"] == expected["record"])].iloc[0]
    assert row["title"] == normalize_text(expected["title"])
    assert row["published"] == pd.Timestamp(expected["published"]).tz_convert(TIMEZONE)
    assert row["source"] == expected["source"]
    assert (row["author"] if pd.notna(row["author"]) else None) == expected["author"]
    assert row["lead"].startswith(normalize_text(expected["lead_start"]))
    assert row["body"].startswith(normalize_text(expected["body_start"]))
    assert row["body"].endswith(normalize_text(expected["body_end"]))


def test_every_labelled_item_is_in_the_corpus(demo):
    items = expected_items()
    assert len(items) == len(demo)
    assert {e["file"] for e in items} == set(demo["path"])
