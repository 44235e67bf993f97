"""Load a corpus: files and folders of mixed formats -> one row per article (pandas).

Formats by extension: ``.txt`` scraped pages, ``.jsonl``/``.ndjson`` and ``.json`` records,
``.csv``, ``.parquet``, ``.html``/``.htm``. Hidden files and ``README*``/``*.md`` notes are
ignored. A file that cannot be read is skipped with a warning naming it and the problem; the
rest of the corpus still loads.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from hashlib import blake2b
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from tqdm.auto import tqdm

from .dedup import find_duplicates
from .encoding import DecodeError, decode_bytes
from .normalize import normalize_text, syllable_counts
from .pages import parse_page
from .records import filled_fields, records_fields, resolve_mapping
from .schema import ARTICLES_SCHEMA, FILES_SCHEMA, contract_table, from_arrow, to_arrow
from .webpages import parse_html

log = logging.getLogger(__name__)

FORMATS = {
    ".txt": "page", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv",
    ".parquet": "parquet", ".html": "html", ".htm": "html",
}  # fmt: skip
HAND_OVER_EVERY = 50  # articles
LARGE_PAGE_BYTES = 1_000_000  # a single article page above this is suspicious
_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,200})?/?>|&(?:[a-z]{2,8}|#\d{2,5});")


@dataclass(frozen=True)
class ReadOptions:
    """How records are read: ``mapping`` article field -> record field, and a date format."""

    mapping: Mapping[str, str] | None = None
    date_format: str | None = None

    def __post_init__(self) -> None:
        resolve_mapping((), self.mapping)  # unknown article fields fail before any reading

    def fingerprint(self) -> str:
        return json.dumps([dict(self.mapping or {}), self.date_format], sort_keys=True)


@dataclass
class FileResult:
    """What one input file gave: its articles (rows) and its file-level warnings.

    ``hand_over``, when set, is called with the result every :data:`HAND_OVER_EVERY` articles
    while the file is read, and may take articles out of ``articles`` (a large file then never
    holds all its articles at once); ``n_articles`` counts them all.
    """

    path: str
    file_hash: str
    format: str | None
    encoding: str | None = None
    articles: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: bool = False
    n_articles: int = 0
    hand_over: Callable[[FileResult], None] | None = field(default=None, repr=False)

    def skip(self, kind: str, message: str) -> FileResult:
        self.skipped = True
        self.warnings.insert(0, f"{kind}: {message}")
        return self

    def summary(self) -> dict:
        return {
            "path": self.path, "file_hash": self.file_hash, "format": self.format,
            "encoding": self.encoding, "status": "skipped" if self.skipped else "loaded",
            "n_articles": self.n_articles, "warnings": self.warnings,
        }  # fmt: skip


def input_files(
    paths: Iterable[str | Path], *, exclude: Iterable[str | Path] = ()
) -> tuple[list[Path], list[str]]:
    """Files under ``paths`` (recursively, symlinks followed, each once, sorted within a folder)
    and the problems met: paths that do not exist, folders that cannot be listed.

    Hidden names (``.*``, ``~*``, ``__*``), ``README*`` and ``*.md`` are not inputs; neither is
    anything under ``exclude`` (the output folder, say).
    """
    excluded = {os.path.realpath(p) for p in exclude}
    found: dict[str, Path] = {}  # real path -> path as named
    problems = []
    for root in map(Path, paths):
        if root.is_file():
            found.setdefault(os.path.realpath(root), root)
        elif root.is_dir():
            for path in _walk(root, excluded, problems):
                found.setdefault(os.path.realpath(path), path)
        else:
            problems.append(f"{root}: not found")
    return list(found.values()), problems


def _walk(root: Path, excluded: set[str], problems: list[str]) -> Iterator[Path]:
    seen = set(excluded)

    def unlistable(error: OSError) -> None:
        problems.append(f"{error.filename}: cannot list folder ({error.strerror})")

    for folder, subfolders, names in os.walk(root, onerror=unlistable, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:  # a symlink loop, or an excluded folder
            subfolders.clear()
            continue
        seen.add(real)
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(_HIDDEN))
        for name in sorted(names):
            if not name.startswith(_HIDDEN) and not _is_note(name):
                yield Path(folder) / name


_HIDDEN = (".", "~", "__")


def _is_note(name: str) -> bool:
    return name.upper().startswith("README") or name.lower().endswith(".md")


def format_of(path: Path) -> str | None:
    """The input format an extension stands for, None when unknown."""
    return FORMATS.get(path.suffix.lower())


def display_path(path: Path) -> str:
    """The path as stored: relative to the working directory when inside it."""
    absolute = Path(os.path.abspath(path))  # symlinks kept as named
    try:
        return absolute.relative_to(os.getcwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def file_hash(data: bytes) -> str:
    return blake2b(data, digest_size=16).hexdigest()


def read_file(
    path: Path,
    options: ReadOptions = ReadOptions(),
    *,
    hand_over: Callable[[FileResult], None] | None = None,
) -> FileResult:
    """Read and parse one file; problems become warnings, never exceptions."""
    try:
        data = [path.read_bytes()]  # handed over, not kept: parse_file lets go once decoded
    except OSError as err:
        return unreadable(path, err)
    return parse_file(path, data.pop(), options, hand_over=hand_over)


def unreadable(path: Path, error: OSError) -> FileResult:
    result = FileResult(display_path(path), "", format_of(path))
    return result.skip("read_error", f"cannot read file: {error.strerror or error}")


def parse_file(
    path: Path,
    data: bytes,
    options: ReadOptions = ReadOptions(),
    *,
    hand_over: Callable[[FileResult], None] | None = None,
) -> FileResult:
    """The articles and warnings of one file's ``data`` (see :class:`FileResult` for
    ``hand_over``). Once decoded, the bytes are no longer held here: :func:`read_file` hands
    them over, so that a large file is not held twice while its articles are read."""
    fmt = format_of(path)
    result = FileResult(display_path(path), file_hash(data), fmt, hand_over=hand_over)
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        return result.skip("unknown_extension", f"'{path.suffix}' is not a known format ({known})")
    if fmt == "parquet":
        return _no_articles_is_a_skip(_read_parquet(result, data, options))
    try:
        decoded, size = decode_bytes(data), len(data)
    except DecodeError as err:
        return result.skip(err.kind, err.reason)
    del data
    result.encoding = decoded.encoding
    if decoded.replaced:
        result.warnings.append(
            f"invalid_bytes: {decoded.replaced} byte sequences are not UTF-8; replaced with U+FFFD"
        )
    if decoded.is_legacy:
        result.warnings.append(
            f"legacy_encoding: converted from {decoded.encoding.upper()} to Unicode"
        )
    if fmt in ("page", "html") and size > LARGE_PAGE_BYTES:
        result.warnings.append(
            f"large_file: {size / 1e6:.1f} MB for one page (over "
            f"{LARGE_PAGE_BYTES / 1e6:.0f} MB); parsed, check it is one article"
        )
    readers = {"page": _read_page, "html": _read_html, "jsonl": _read_jsonl,
               "json": _read_json, "csv": _read_csv}  # fmt: skip
    return _no_articles_is_a_skip(readers[fmt](result, decoded.text, options))


def _no_articles_is_a_skip(result: FileResult) -> FileResult:
    if result.n_articles or result.skipped:
        return result
    return result.skip("no_articles", "the file holds no article with a title, lead or body")


def _read_page(result: FileResult, text: str, options: ReadOptions) -> FileResult:
    _add_article(result, parse_page(normalize_text(text, keep_lines=True)))
    return result


def _read_html(result: FileResult, text: str, options: ReadOptions) -> FileResult:
    _add_article(result, parse_html(text))
    return result


def _read_jsonl(result: FileResult, text: str, options: ReadOptions) -> FileResult:
    def records() -> Iterator[tuple[int, object]]:
        for number, line in enumerate(_lines(text), start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as err:
                yield (
                    number,
                    _Malformed(
                        f"malformed_record: line {number} is not valid JSON ({err.msg}, "
                        f"column {err.colno}); skipped"
                    ),
                )

    return _read_records(result, records(), options, unit="line")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text``, one at a time (``str.split`` would copy them all at once)."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        yield text[start:end]
        start = end + 1


def _read_json(result: FileResult, text: str, options: ReadOptions) -> FileResult:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":  # JSON Lines in a .json file
            return _read_jsonl(result, text, options)
        return result.skip(
            "malformed_file", f"not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}"
        )
    if isinstance(data, dict):  # one record, or an export such as {"articles": [...]}
        lists = [v for v in data.values() if isinstance(v, list) and v]
        records = [v for v in lists if _is_record(v[0], options)]
        data = records[0] if records else [data]
    if not isinstance(data, list):
        return result.skip("malformed_file", "JSON is neither an object nor a list of objects")
    return _read_records(result, enumerate(data, start=1), options, unit="item")


def _is_record(item: object, options: ReadOptions) -> bool:
    """A dict with a field that holds an article's text, by its name or by the mapping."""
    if not isinstance(item, dict):
        return False
    fields = resolve_mapping(filled_fields(item), options.mapping).values()
    return any(name in item for name in fields)


def _read_csv(result: FileResult, text: str, options: ReadOptions) -> FileResult:
    try:
        separator = csv.Sniffer().sniff(text[:65536], delimiters=",;\t|").delimiter
    except csv.Error:
        separator = ","
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", pd.errors.ParserWarning)
        try:
            frame = pd.read_csv(
                io.StringIO(text), sep=separator, dtype=str, keep_default_na=False,
                on_bad_lines="warn",
            )  # fmt: skip
        except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as err:
            return result.skip("malformed_file", f"not readable as CSV: {err}")
    for warning in caught:
        if issubclass(warning.category, pd.errors.ParserWarning):
            for line in str(warning.message).strip().splitlines():
                result.warnings.append(f"malformed_record: {line.strip().rstrip('.')}; skipped")
    return _read_frame(result, frame, options)


def _read_parquet(result: FileResult, data: bytes, options: ReadOptions) -> FileResult:
    try:
        frame = pd.read_parquet(io.BytesIO(data))
    except Exception as err:  # pyarrow raises several unrelated types for corrupt files
        return result.skip("malformed_file", f"not readable as Parquet: {err}")
    return _read_frame(result, frame, options)


def _read_frame(result: FileResult, frame: pd.DataFrame, options: ReadOptions) -> FileResult:
    records = frame.to_dict(orient="records")
    return _read_records(result, enumerate(records, start=1), options, unit="row")


class _Malformed(str):
    """The warning for a record that could not be decoded, in its place among the records."""


# Characters of text in the records normalised together: RE2 then pays off (each call compiles
# its pattern in about 7 ms), and the records held at once stay a few megabytes.
NORMALISED_AT_ONCE = 500_000


def _records_in_chunks(records: Iterable[tuple[int, object]]) -> Iterator[list[tuple[int, object]]]:
    """``records`` in lists of about :data:`NORMALISED_AT_ONCE` characters of text each."""
    chunk, characters = [], 0
    for number, record in records:
        chunk.append((number, record))
        if isinstance(record, dict):
            characters += sum(len(value) for value in record.values() if isinstance(value, str))
        if characters >= NORMALISED_AT_ONCE:
            yield chunk
            chunk, characters = [], 0
    if chunk:
        yield chunk


def _read_records(result: FileResult, records, options: ReadOptions, *, unit: str) -> FileResult:
    seen_fields: set[str] = set()
    mappings_of: dict[tuple[str, ...], dict[str, str]] = {}  # filled fields -> their mapping
    for chunk in _records_in_chunks(records):
        objects = [r for _, r in chunk if isinstance(r, dict)]
        mappings = []
        for record in objects:
            seen_fields.update(record)
            filled = tuple(filled_fields(record))
            if filled not in mappings_of:
                mappings_of[filled] = resolve_mapping(filled, options.mapping)
            mappings.append(mappings_of[filled])
        fields = iter(
            records_fields(zip(objects, mappings, strict=True), date_format=options.date_format)
        )
        for number, record in chunk:
            if isinstance(record, _Malformed):
                result.warnings.append(record)
            elif not isinstance(record, dict):
                result.warnings.append(
                    f"malformed_record: {unit} {number} is not an object; skipped"
                )
            elif not _add_article(result, next(fields), record=number):
                result.warnings.append(
                    f"no_text: {unit} {number} has no title, lead or body; skipped"
                )
    for article_field, record_field in (options.mapping or {}).items():
        if seen_fields and record_field not in seen_fields:
            result.warnings.append(
                f"mapping: no record has field {record_field!r} (mapped to {article_field})"
            )
    return result


def _add_article(result: FileResult, fields: dict, record: int | None = None) -> bool:
    """Append the article made of ``fields``; False when it has no text at all."""
    parts = [fields.get(key) for key in ("title", "lead", "body")]
    text = "\n".join(part for part in parts if part)
    if not text:
        return False
    article_warnings = list(fields.get("warnings", ()))
    markup = _MARKUP.search(text) if "<" in text or "&" in text else None  # a quick test first
    if markup:
        article_warnings.append(
            f"markup: text contains HTML markup such as {markup[0][:40]!r}; kept as literal text"
        )
    url = fields.get("url")
    encoded = text.encode()
    doc_id = blake2b(f"{url or ''}\x1f".encode(), digest_size=8)
    doc_id.update(encoded)  # as BLAKE2b(url, "\x1f", text) at once, without a copy of the text
    result.articles.append({
        "doc_id": doc_id.hexdigest(),
        "record": record, "format": result.format, "source": fields.get("source"),
        "url": url, "title": fields.get("title"),
        "category": fields.get("category"), "published": fields.get("published"),
        "author": fields.get("author"), "lead": fields.get("lead"),
        "body": fields.get("body"), "captions": fields.get("captions", []), "text": text,
        "content_hash": blake2b(encoded, digest_size=16).hexdigest(),
        "warnings": article_warnings,
    })  # fmt: skip
    result.n_articles += 1
    if result.hand_over is not None and len(result.articles) >= HAND_OVER_EVERY:
        result.hand_over(result)
    return True


_PARSED = [c for c in ARTICLES_SCHEMA.names if c not in ("path", "file_hash", "n_syllables",
                                                          "duplicate_of")]  # fmt: skip


def article_rows(results: Iterable[FileResult]) -> pa.Table:
    """The parsed articles of ``results``, with their file's path and hash, as an articles table
    (``duplicate_of`` null), built a column at a time: no pandas frame of Python objects."""
    results = [r for r in results if r.articles]
    articles = [article for r in results for article in r.articles]
    columns = {name: [article[name] for article in articles] for name in _PARSED}
    columns["path"] = [r.path for r in results for _ in r.articles]
    columns["file_hash"] = [r.file_hash for r in results for _ in r.articles]
    columns["n_syllables"] = syllable_counts(columns["text"])
    columns["duplicate_of"] = pa.nulls(len(articles), pa.string())
    return contract_table(columns, ARTICLES_SCHEMA)


def assemble(rows: pa.Table, files: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The articles and files tables: rows ordered, ids given, duplicates marked, types checked."""
    articles = from_arrow(ordered_articles(rows, Counter()))
    articles["duplicate_of"] = find_duplicates(articles).astype(articles["doc_id"].dtype)
    files_table = pd.DataFrame(files, columns=FILES_SCHEMA.names).sort_values("path")
    return articles, from_arrow(to_arrow(files_table, FILES_SCHEMA))


def ordered_articles(rows: pa.Table, seen: Counter) -> pa.Table:
    """``rows`` of an articles table ordered by path and record (a stable sort, nulls first),
    ``duplicate_of`` null, and a ``doc_id`` already in ``seen`` (base ids, counted as they are
    given) suffixed ``-2``, ``-3``, ... so that ids stay unique across the batches of one
    corpus."""
    order = pc.sort_indices(rows, [("path", "ascending", "at_start"),
                                   ("record", "ascending", "at_start")])  # fmt: skip
    articles = rows.take(order)
    doc_ids = []
    for doc_id in articles["doc_id"].to_pylist():
        doc_id = doc_id.split("-", 1)[0]  # cached rows may carry a suffix
        seen[doc_id] += 1
        doc_ids.append(doc_id if seen[doc_id] == 1 else f"{doc_id}-{seen[doc_id]}")
    articles = _replaced(articles, "doc_id", pa.array(doc_ids, pa.string()))
    return _replaced(articles, "duplicate_of", pa.nulls(len(articles), pa.string()))


def _replaced(table: pa.Table, name: str, values: pa.Array) -> pa.Table:
    """``table`` with the column ``name`` replaced by ``values``, its field kept."""
    column = table.schema.get_field_index(name)
    return table.set_column(column, table.schema.field(column), values)


def log_problems(results: Iterable[FileResult]) -> None:
    for result in results:
        for warning in result.warnings:
            log.warning("%s: %s", result.path, warning)


@dataclass(frozen=True)
class Corpus:
    """A loaded corpus: one row per article and one row per input file."""

    articles: pd.DataFrame
    files: pd.DataFrame


def read_corpus(
    paths: str | Path | Iterable[str | Path],
    *,
    mapping: Mapping[str, str] | None = None,
    date_format: str | None = None,
    progress: bool | None = None,
) -> Corpus:
    """The articles and files tables of everything under ``paths`` (see :func:`load_corpus`)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    options = ReadOptions(mapping, date_format)
    files, problems = input_files(paths)
    for problem in problems:
        log.warning("%s", problem)
    results = [read_file(path, options) for path in progress_bar(files, progress)]
    log_problems(results)
    return Corpus(*assemble(article_rows(results), [r.summary() for r in results]))


def load_corpus(
    paths: str | Path | Iterable[str | Path],
    *,
    mapping: Mapping[str, str] | None = None,
    date_format: str | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """All articles under ``paths`` as one DataFrame with the columns of ``ARTICLES_SCHEMA``.

    ``mapping`` names record fields for article fields (``{"lead": "sapo"}``) and
    ``date_format`` (strptime syntax) fixes how record dates are read. Files that could not
    be read are logged; :func:`read_corpus` also returns the table of files.
    """
    return read_corpus(paths, mapping=mapping, date_format=date_format, progress=progress).articles


def progress_bar(files: list[Path], progress: bool | None, *, desc: str = "read"):
    """Files with a progress bar: on request, or by default only on a terminal."""
    return tqdm(files, unit="file", desc=desc, disable=None if progress is None else not progress)
