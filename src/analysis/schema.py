"""The data contract: the tables ingest writes to ``data/processed/``, written down once.

The README's column tables are generated from these definitions (``vnpolicy schema``) and a
test keeps the two equal.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from .dates import TIMEZONE


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str
    nullable: bool = True


_TEXT_LIST = pa.list_(pa.string())

ARTICLE_COLUMNS: tuple[Column, ...] = (
    Column("doc_id", pa.string(), "Stable id from the content: 16 hex digits of BLAKE2b(url, "
           "text); a repeated copy with the same url and text gets a suffix `-2`, `-3`, …",
           nullable=False),
    Column("path", pa.string(), "Input file, relative to the working directory when inside it",
           nullable=False),
    Column("record", pa.int32(), "1-based line (JSON Lines), row (CSV, Parquet) or item (JSON "
           "array) of the article in its file; null for a page"),
    Column("format", pa.string(), "Input format: `page`, `jsonl`, `json`, `csv`, `parquet`, "
           "`html`", nullable=False),
    Column("source", pa.string(), "Outlet, canonical name from `outlets.yml` (lead prefix, "
           "source field or web domain)"),
    Column("url", pa.string(), "Article URL when the input has one"),
    Column("title", pa.string(), "Title"),
    Column("category", pa.string(), "Section as the outlet labels it"),
    Column("published", pa.timestamp("us", tz=TIMEZONE), "Publication time in Vietnam time; "
           "null when the input does not say"),
    Column("author", pa.string(), "Author line as written (several joined by `, `)"),
    Column("lead", pa.string(), "Lead (sapo) without the outlet prefix `(Tổ Quốc) - `"),
    Column("body", pa.string(), "Body, one paragraph per line, without captions, author and "
           "page boilerplate"),
    Column("captions", _TEXT_LIST, "Photo captions and credits", nullable=False),
    Column("text", pa.string(), "Title, lead and body joined by newlines: every character "
           "offset stored in a later table points into this string", nullable=False),
    Column("n_syllables", pa.int32(), "Syllables in `text` (runs of letters, or numbers)",
           nullable=False),
    Column("content_hash", pa.string(), "32 hex digits of BLAKE2b(text): equal for exact copies",
           nullable=False),
    Column("duplicate_of", pa.string(), "`doc_id` of the earliest copy when this article is an "
           "exact or near duplicate (MinHash, see README), else null"),
    Column("warnings", _TEXT_LIST, "Problems found while reading this article, each "
           "`kind: message`", nullable=False),
    Column("file_hash", pa.string(), "BLAKE2b of the input file's bytes (the ingest cache key)",
           nullable=False),
)  # fmt: skip

FILE_COLUMNS: tuple[Column, ...] = (
    Column("path", pa.string(), "Input file", nullable=False),
    Column("file_hash", pa.string(), "BLAKE2b of its bytes", nullable=False),
    Column("format", pa.string(), "Format read from the extension (null when unknown)"),
    Column("encoding", pa.string(), "Detected text encoding (`utf-8`, `cp1258`, `tcvn3`, …)"),
    Column("status", pa.string(), "`loaded` or `skipped`", nullable=False),
    Column("n_articles", pa.int32(), "Articles read from it", nullable=False),
    Column("warnings", _TEXT_LIST, "Problems with the file, each `kind: message` (the skip "
           "reason first)", nullable=False),
)  # fmt: skip


LEGAL_REF_COLUMNS: tuple[Column, ...] = (
    Column("doc_id", pa.string(), "Article citing the document", nullable=False),
    Column("start", pa.int32(), "Offset of the citation in the article's `text`", nullable=False),
    Column("end", pa.int32(), "Offset just after it", nullable=False),
    Column("raw", pa.string(), "The citation as written, type word included "
           "(`Chỉ thị số 05-CT/TW`)", nullable=False),
    Column("type", pa.string(), "`chỉ thị`, `nghị quyết`, `nghị định`, `quyết định`, "
           "`thông tư`, `kết luận`, `thông báo`, `công điện`, `quy định`, `luật` or `bộ luật`; "
           "null when unstated"),
    Column("number", pa.string(), "Document number as written (`05`); null for a law cited by "
           "name"),
    Column("year", pa.int32(), "Year when the number or the law's name states it; for a short "
           "citation, the year of the full number cited in the article"),
    Column("issuer", pa.string(), "Issuer code: `TW`, `CP`, `TTg`, `QH15`, `BNV`, …"),
    Column("key", pa.string(), "The document written one way: its number (`05-CT/TW`, "
           "`61/2018/NĐ-CP`), a law's name and year (`Luật Tiếp công dân 2013`) or name (`Luật "
           "Thủ đô`), a short citation of no full number in the article as stated (`Chỉ thị 05`): "
           "group by it", nullable=False),
)  # fmt: skip

PROVINCE_MENTION_COLUMNS: tuple[Column, ...] = (
    Column("doc_id", pa.string(), "Article naming the province", nullable=False),
    Column("start", pa.int32(), "Offset of the name in the article's `text`", nullable=False),
    Column("end", pa.int32(), "Offset just after it", nullable=False),
    Column("surface", pa.string(), "The name as written (`TP.HCM`, `Đắc Lắc`)", nullable=False),
    Column("system", pa.string(), "`63` (the provinces until 30 June 2025) or `34` (from "
           "1 July 2025) - the system the name is used in", nullable=False),
    Column("province_code", pa.string(), "Code in the 63-province system; null for a merged "
           "unit of the 34"),
    Column("province_name", pa.string(), "Name in the 63-province system (vietnamadminunits' "
           "short name); null for a merged unit of the 34"),
    Column("code_2025", pa.string(), "Code of the unit in the 34-province system",
           nullable=False),
    Column("name_2025", pa.string(), "Name of the unit in the 34-province system",
           nullable=False),
)  # fmt: skip


THEME_COLUMNS: tuple[Column, ...] = (
    Column("doc_id", pa.string(), "Article", nullable=False),
    Column("theme", pa.string(), "Theme id from `themes.yml`", nullable=False),
    Column("hits", pa.int32(), "Matches of the theme's phrases in the article's `text`",
           nullable=False),
    Column("share", pa.float64(), "The theme's part of all theme matches of the article",
           nullable=False),
)  # fmt: skip


OFFICIAL_COLUMNS: tuple[Column, ...] = (
    Column("doc_id", pa.string(), "Article naming the official", nullable=False),
    Column("start", pa.int32(), "Offset in the article's `text` of the title, or of the name "
           "when the title follows it (`ông Lê Hữu Hoàng, Phó Chủ tịch UBND tỉnh`) or is shared "
           "with a name before it (`các Phó Thủ tướng A, B`)", nullable=False),
    Column("end", pa.int32(), "Offset just after the name, or after the title that follows it",
           nullable=False),
    Column("title", pa.string(), "Title as written (`Phó Thủ tướng Thường trực Chính phủ`), "
           "without an `ông` or `bà` before the name; `nguyên` or `cựu` (former) kept",
           nullable=False),
    Column("name", pa.string(), "Person's name (`Trương Hòa Bình`)", nullable=False),
    Column("foreign", pa.bool_(), "Whether the official serves a foreign state or body, named "
           "after a country other than Việt Nam (`Thủ tướng Nhật Bản Shinzo Abe`)",
           nullable=False),
)  # fmt: skip


DIRECTIVE_COLUMNS: tuple[Column, ...] = (
    Column("doc_id", pa.string(), "Article", nullable=False),
    Column("start", pa.int32(), "Offset of the sentence in the article's `text`",
           nullable=False),
    Column("end", pa.int32(), "Offset just after it", nullable=False),
    Column("text", pa.string(), "The directive sentence", nullable=False),
    Column("issuer", pa.string(), "Who directs: title and name as fully given in the article "
           "(`Phó Thủ tướng Thường trực Chính phủ Trương Hòa Bình`)", nullable=False),
    Column("addressee", pa.string(), "Who is directed: a province (name in its system), an "
           "organisation (`Bộ Nội vụ`) or `các cấp chính quyền`; null when unknown"),
    Column("continuation", pa.bool_(), "Part of a list begun by an earlier sentence",
           nullable=False),
    Column("themes", _TEXT_LIST, "Theme ids matched in the sentence", nullable=False),
    Column("legal_refs", _TEXT_LIST, "Keys of the documents the sentence cites",
           nullable=False),
)  # fmt: skip


def arrow_schema(columns: tuple[Column, ...]) -> pa.Schema:
    return pa.schema(
        pa.field(c.name, c.type, nullable=c.nullable, metadata={"description": c.description})
        for c in columns
    )


ARTICLES_SCHEMA = arrow_schema(ARTICLE_COLUMNS)
FILES_SCHEMA = arrow_schema(FILE_COLUMNS)
LEGAL_REFS_SCHEMA = arrow_schema(LEGAL_REF_COLUMNS)
PROVINCE_MENTIONS_SCHEMA = arrow_schema(PROVINCE_MENTION_COLUMNS)
THEMES_SCHEMA = arrow_schema(THEME_COLUMNS)
OFFICIALS_SCHEMA = arrow_schema(OFFICIAL_COLUMNS)
DIRECTIVES_SCHEMA = arrow_schema(DIRECTIVE_COLUMNS)
TABLES = {  # every table in data/processed/, by file stem
    "articles": ARTICLE_COLUMNS,
    "files": FILE_COLUMNS,
    "legal_refs": LEGAL_REF_COLUMNS,
    "province_mentions": PROVINCE_MENTION_COLUMNS,
    "themes": THEME_COLUMNS,
    "officials": OFFICIAL_COLUMNS,
    "directives": DIRECTIVE_COLUMNS,
}


class SchemaError(ValueError):
    """A table does not have the contracted columns."""


def to_arrow(frame: pd.DataFrame, schema: pa.Schema) -> pa.Table:
    """The frame as an Arrow table of exactly ``schema`` (columns, order, types, nulls)."""
    missing = [name for name in schema.names if name not in frame.columns]
    if missing:
        raise SchemaError(f"missing column(s): {', '.join(missing)}")
    for field in schema:
        if not field.nullable and frame[field.name].isna().any():
            raise SchemaError(f"column {field.name!r} has nulls but must not")
    try:
        return pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as err:
        raise SchemaError(f"a column does not have its contracted type: {err}") from None


def contract_table(columns: dict, schema: pa.Schema) -> pa.Table:
    """An Arrow table of exactly ``schema`` from its ``columns`` (lists, NumPy or Arrow arrays,
    by name), checked as :func:`to_arrow` checks a frame."""
    missing = [name for name in schema.names if name not in columns]
    if missing:
        raise SchemaError(f"missing column(s): {', '.join(missing)}")
    try:
        arrays = [_array(columns[field.name], field.type) for field in schema]
    except (pa.ArrowInvalid, pa.ArrowTypeError) as err:
        raise SchemaError(f"a column does not have its contracted type: {err}") from None
    for field, array in zip(schema, arrays, strict=True):
        if not field.nullable and array.null_count:
            raise SchemaError(f"column {field.name!r} has nulls but must not")
    return pa.Table.from_arrays(arrays, schema=schema)


def _array(values, type: pa.DataType) -> pa.Array:
    return values.cast(type) if isinstance(values, pa.Array) else pa.array(values, type)


_NULLABLE_INTEGERS = {pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype()}


def from_arrow(table: pa.Table) -> pd.DataFrame:
    """A pandas frame of a contract table; integer columns stay integers when they have nulls."""
    return table.to_pandas(types_mapper=_NULLABLE_INTEGERS.get)


def per_article(articles: pd.DataFrame, find, schema: pa.Schema) -> pd.DataFrame:
    """The table of ``schema`` made of what ``find(text, published)`` returns for each article,
    every row tagged with the article's ``doc_id``."""
    published = articles["published"] if "published" in articles else [None] * len(articles)
    rows = [
        {"doc_id": doc_id, **row}
        for doc_id, text, when in zip(articles["doc_id"], articles["text"], published, strict=True)
        for row in find(text, when)
    ]
    return pd.DataFrame(rows, columns=schema.names)


def markdown_table(columns: tuple[Column, ...]) -> str:
    """The README's documentation of a table."""
    rows = ["| column | type | description |", "|---|---|---|"]
    rows += [f"| `{c.name}` | {c.type} | {c.description} |" for c in columns]
    return "\n".join(rows)
