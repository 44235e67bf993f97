"""Ingest: raw files -> ``data/processed/``: articles.parquet, files.parquet, one table per
annotation stage (legal_refs.parquet, province_mentions.parquet) and ingest_report.json.

Incremental: a file whose bytes (BLAKE2b) were parsed before by the same parser code and
options is not parsed again; its rows are taken from the previous ``articles.parquet``.
Changed and new files are parsed; deleted files drop out. Outputs are replaced atomically.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from hashlib import blake2b
from importlib.resources import files as package_files
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from . import __version__
from .annotate import STAGES, annotate
from .corpus import (
    FileResult,
    ReadOptions,
    article_rows,
    assemble,
    display_path,
    file_hash,
    format_of,
    input_files,
    log_problems,
    parse_file,
    progress_bar,
    unreadable,
)
from .schema import ARTICLES_SCHEMA, FILES_SCHEMA, from_arrow, to_arrow
from .storage import (
    ARTICLES_FILE,
    FILES_FILE,
    REPORT_FILE,
    json_writer,
    parquet_writer,
    remove_stale_temporaries,
    write_together,
)

_CACHE_KEY = b"vnpolicy.cache_key"  # parquet metadata: parser code and options of the run
_RUN = b"vnpolicy.run"  # ... and the run's id: both tables of one run carry the same
_ROW_KEY = ["file_hash", "format", "record"]  # one article of one file's content
log = logging.getLogger(__name__)


@cache
def parser_fingerprint() -> str:
    """Changes whenever the package's code or data changes: cached rows are then re-parsed."""
    digest = blake2b(__version__.encode(), digest_size=16)
    root = package_files("analysis")
    for path in sorted(Path(str(root)).rglob("*")):
        if path.suffix in (".py", ".yml"):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def ingest(
    paths: Iterable[str | Path] = ("data/raw",),
    out_dir: str | Path = "data/processed",
    *,
    mapping: Mapping[str, str] | None = None,
    date_format: str | None = None,
    progress: bool | None = None,
) -> dict:
    """Read ``paths`` into ``out_dir`` and return the ingest report (also written as JSON).

    When no article at all could be read the previous outputs are left as they were.
    """
    started, clock = datetime.now().astimezone(), time.perf_counter()
    out = Path(out_dir)
    paths = [str(paths)] if isinstance(paths, (str, Path)) else [str(p) for p in paths]
    options = ReadOptions(mapping, date_format)
    cache_key = f"{parser_fingerprint()}:{options.fingerprint()}"
    if out.is_dir():
        remove_stale_temporaries(out)
    previous = _PreviousRun.load(out, cache_key)
    known = previous.file_summaries() if previous else {}

    found, problems = input_files(paths, exclude=[out])
    for problem in problems:
        log.warning("%s", problem)
    parsed: list[FileResult] = []
    reused: list[dict] = []  # summaries of files whose rows come from the previous run
    for path in progress_bar(found, progress, desc="ingest"):
        try:
            data = path.read_bytes()
        except OSError as err:
            parsed.append(unreadable(path, err))
            continue
        key = (file_hash(data), format_of(path))
        if key in known:
            reused.append({**known[key], "path": display_path(path)})
        else:
            parsed.append(parse_file(path, data, options))
    log_problems(parsed)

    unchanged = previous is not None and not parsed and previous.has_exactly(reused)
    if unchanged:
        articles, files_table = previous.articles, previous.files
    else:
        summaries = reused + [r.summary() for r in parsed]
        rows = pd.concat([previous.rows_of(reused) if previous else None, article_rows(parsed)],
                         ignore_index=True)  # fmt: skip
        for result in parsed:
            result.articles.clear()  # the rows hold their text now, as Arrow strings
        articles, files_table = assemble(rows, summaries)
        del rows
    report = _report(paths, problems, files_table, articles, started=started)
    report.update(files_parsed=len(parsed), files_reused=len(reused))
    if not len(articles):
        report["duration_s"] = round(time.perf_counter() - clock, 3)
        return report
    writers = {}
    if unchanged:
        report["tables"] = {name: pq.read_metadata(out / name).num_rows for name in previous.tables}
    else:
        stamp = {_CACHE_KEY: cache_key.encode(), _RUN: uuid.uuid4().hex.encode()}
        tables = [
            (ARTICLES_FILE, articles, ARTICLES_SCHEMA),
            (FILES_FILE, files_table, FILES_SCHEMA),
        ]
        annotations = annotate(articles)
        tables += [(f"{stage.name}.parquet", annotations[stage.name], stage.schema)
                   for stage in STAGES]  # fmt: skip
        report["tables"] = {name: len(frame) for name, frame, _ in tables}
        for name, frame, schema in tables:
            table = to_arrow(frame, schema)
            table = table.replace_schema_metadata({**table.schema.metadata, **stamp})
            writers[out / name] = parquet_writer(table)
    report["duration_s"] = round(time.perf_counter() - clock, 3)
    write_together({**writers, out / REPORT_FILE: json_writer(report)})
    return report


def _stamp(metadata: dict | None) -> tuple[bytes | None, bytes | None]:
    metadata = metadata or {}
    return metadata.get(_CACHE_KEY), metadata.get(_RUN)


@dataclass(frozen=True)
class _PreviousRun:
    """The outputs of the last run, when written by the same parser code and options."""

    articles: pd.DataFrame
    files: pd.DataFrame
    tables = (ARTICLES_FILE, FILES_FILE, *(f"{stage.name}.parquet" for stage in STAGES))

    @classmethod
    def load(cls, out: Path, cache_key: str) -> _PreviousRun | None:
        articles_path, files_path = out / ARTICLES_FILE, out / FILES_FILE
        try:
            stamps = {_stamp(pq.read_schema(out / name).metadata) for name in cls.tables}
        except (OSError, ValueError):
            return None
        key, run = stamps.pop() if len(stamps) == 1 else (None, None)
        if key != cache_key.encode() or not run:  # other code or options, or a mixed pair
            return None
        return cls(from_arrow(pq.read_table(articles_path)), from_arrow(pq.read_table(files_path)))

    def file_summaries(self) -> dict[tuple[str, str | None], dict]:
        """(file hash, format) -> the file's summary, for files with all their rows present."""
        rows = self.articles.drop_duplicates(_ROW_KEY)
        counts = rows.groupby(["file_hash", "format"]).size().to_dict()
        summaries = {}
        for summary in self.files.to_dict(orient="records"):
            key = (summary["file_hash"], summary["format"])
            if summary["n_articles"] == counts.get(key, 0):
                summaries[key] = {**summary, "warnings": list(summary["warnings"])}
        return summaries

    def has_exactly(self, summaries: list[dict]) -> bool:
        files = {(s["path"], s["file_hash"]) for s in summaries}
        return files == set(zip(self.files["path"], self.files["file_hash"], strict=True))

    def rows_of(self, summaries: list[dict]) -> pd.DataFrame:
        """The article rows of these files, at their current paths."""
        rows = self.articles.drop_duplicates(_ROW_KEY).drop(columns="path")
        where = pd.DataFrame(summaries, columns=["file_hash", "format", "path"])
        return where.merge(rows, on=["file_hash", "format"])[ARTICLES_SCHEMA.names]


def _report(paths, problems, files: pd.DataFrame, articles: pd.DataFrame, *, started) -> dict:
    skipped = files[files["status"] == "skipped"]
    kinds = Counter()
    for warnings in [*files["warnings"], *articles["warnings"]]:
        kinds.update(str(w).split(":", 1)[0] for w in warnings)
    copies = articles[articles["duplicate_of"].notna()]
    original_hash = articles.set_index("doc_id")["content_hash"].reindex(copies["duplicate_of"])
    exact = int((copies["content_hash"].to_numpy() == original_hash.to_numpy()).sum())
    published = articles["published"].dropna()
    return {
        "version": __version__,
        "started": started.isoformat(timespec="seconds"),
        "inputs": paths,
        "input_problems": problems,
        "files_seen": len(files),
        "files_loaded": int((files["status"] == "loaded").sum()),
        "files_skipped": [
            {"path": row.path, "reason": row.warnings[0]} for row in skipped.itertuples()
        ],
        "articles": len(articles),
        "duplicates": {"exact": exact, "near": len(copies) - exact},
        "published_range": [str(published.min()), str(published.max())] if len(published) else None,
        "warnings_by_kind": dict(sorted(kinds.items())),
    }
