"""One pass over the articles gives the same tables as each stage on its own."""

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis.annotate import STAGES, annotate

LABELLED = Path(__file__).parent / "data" / "labelled"


@pytest.fixture(scope="module")
def articles() -> pd.DataFrame:
    items = [json.loads(line) for name in ("articles.jsonl", "snippets.jsonl")
             for line in (LABELLED / name).read_text("utf-8").splitlines()]  # fmt: skip
    return pd.DataFrame({
        "doc_id": [item["id"] for item in items],
        "text": [item["text"] for item in items],
        "published": pd.to_datetime([item["published"] for item in items]).tz_localize(
            "Asia/Ho_Chi_Minh"),
    })  # fmt: skip


def test_one_pass_equals_every_stage_on_its_own(articles):
    tables = annotate(articles)
    assert list(tables) == [stage.name for stage in STAGES]
    for stage in STAGES:
        pd.testing.assert_frame_equal(tables[stage.name], stage.extract(articles))
        assert list(tables[stage.name].columns) == stage.schema.names
    assert len(tables["directives"]) > 50 and len(tables["province_mentions"]) > 200


def test_no_articles_no_rows(articles):
    tables = annotate(articles.head(0))
    assert all(len(table) == 0 for table in tables.values())
