import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from analysis import ARTICLES_SCHEMA, FILES_SCHEMA, load_corpus
from analysis.schema import (
    TABLES,
    SchemaError,
    contract_table,
    from_arrow,
    markdown_table,
    to_arrow,
)
from conftest import DEMO, ROOT

CONTRACT = [
    "doc_id", "path", "record", "format", "source", "url", "title", "category", "published",
    "author", "lead", "body", "captions", "text", "n_syllables", "content_hash",
    "duplicate_of", "warnings", "file_hash",
]  # fmt: skip


def test_the_contracted_columns_and_types():
    assert ARTICLES_SCHEMA.names == CONTRACT
    assert ARTICLES_SCHEMA.field("published").type == pa.timestamp("us", tz="Asia/Ho_Chi_Minh")
    assert ARTICLES_SCHEMA.field("captions").type == pa.list_(pa.string())
    assert FILES_SCHEMA.names == [
        "path", "file_hash", "format", "encoding", "status", "n_articles", "warnings"
    ]  # fmt: skip


def test_loaded_corpus_has_the_contracted_pandas_types():
    frame = load_corpus(DEMO)
    dtypes = {name: str(dtype) for name, dtype in frame.dtypes.items()}
    assert dtypes == {
        **{name: "str" for name in CONTRACT},
        "record": "Int32", "n_syllables": "Int32", "published": "datetime64[us, Asia/Ho_Chi_Minh]",
        "captions": "object", "warnings": "object",
    }  # fmt: skip
    assert all(isinstance(captions, np.ndarray) for captions in frame["captions"])


def test_schema_violations_are_errors():
    frame = from_arrow(ARTICLES_SCHEMA.empty_table())
    with pytest.raises(SchemaError, match="missing column"):
        to_arrow(frame.drop(columns="text"), ARTICLES_SCHEMA)
    row = {name: None for name in ARTICLES_SCHEMA.names}
    with pytest.raises(SchemaError, match="'doc_id' has nulls"):
        to_arrow(pd.DataFrame([row]), ARTICLES_SCHEMA)


def test_a_table_made_of_columns_has_the_contract_or_fails():
    columns = {
        "path": ["a.txt"], "file_hash": ["h"], "format": ["page"], "encoding": [None],
        "status": ["loaded"], "n_articles": np.array([3]), "warnings": [["w: x"]],
    }  # fmt: skip
    table = contract_table(columns, FILES_SCHEMA)
    assert table.schema.equals(FILES_SCHEMA, check_metadata=True)
    assert table.equals(to_arrow(pd.DataFrame(columns), FILES_SCHEMA))
    with pytest.raises(SchemaError, match="missing column"):
        contract_table({k: v for k, v in columns.items() if k != "path"}, FILES_SCHEMA)
    with pytest.raises(SchemaError, match="'status' has nulls"):
        contract_table({**columns, "status": [None]}, FILES_SCHEMA)
    with pytest.raises(SchemaError, match="contracted type"):
        contract_table({**columns, "n_articles": ["three"]}, FILES_SCHEMA)


def test_readme_documents_every_table():
    readme = (ROOT / "README.md").read_text("utf-8")
    for name, columns in TABLES.items():
        assert f"### `{name}.parquet`\n\n{markdown_table(columns)}" in readme
