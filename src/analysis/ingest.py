"""Ingest: raw files -> ``data/processed/``: articles.parquet, files.parquet, one table per
annotation stage (legal_refs.parquet, province_mentions.parquet, ...) and ingest_report.json.

Streaming: files are read in path order and their articles handled in batches of about
:data:`BATCH_CHARACTERS` of text (typed, annotated, written as row groups), so memory grows
with the batch, not the corpus. Duplicates are marked at the end from what
:class:`~analysis.dedup.Sketches` kept of each article (its text already written).

Incremental: a file whose bytes (BLAKE2b) were parsed before by the same parser code and
options is not parsed again; its rows are taken from the previous ``articles.parquet``.
Changed and new files are parsed; deleted files drop out. Outputs are replaced together and
atomically: a failed or killed run leaves the previous ones.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import multiprocessing
import time
import uuid
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import suppress
from dataclasses import replace
from datetime import datetime
from functools import cache
from hashlib import blake2b
from importlib.resources import files as package_files
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import __version__
from .annotate import STAGES, Stage, annotate
from .corpus import (
    FileResult,
    ReadOptions,
    article_rows,
    display_path,
    file_hash,
    format_of,
    input_files,
    log_problems,
    ordered_articles,
    progress_bar,
    read_file,
)
from .dedup import Sketches, duplicate_of
from .schema import ARTICLES_SCHEMA, FILES_SCHEMA, from_arrow, to_arrow
from .storage import (
    ARTICLES_FILE,
    FILES_FILE,
    REPORT_FILE,
    Replacement,
    json_writer,
    parquet_writer,
    remove_stale_temporaries,
    table_writer,
    with_metadata,
)

BATCH_CHARACTERS = 300_000  # text handled at once: the memory of a run grows with this
ANNOTATION_ROWS = 10_000  # rows of one annotation table written at once
_CACHE_KEY = b"vnpolicy.cache_key"  # parquet metadata: parser code and options of the run
_RUN = b"vnpolicy.run"  # ... and the run's id: all tables of one run carry the same
_ROW_KEY = ["file_hash", "format", "record"]  # one article of one file's content
_STAGE_FILES = {stage.name: f"{stage.name}.parquet" for stage in STAGES}
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
    workers: int = 1,
) -> dict:
    """Read ``paths`` into ``out_dir`` and return the ingest report (also written as JSON).

    With ``workers`` above 1, that many processes annotate batches side by side while this one
    parses, sketches and writes (each loads the models: about 300 MB); the tables are the same.
    When no article at all could be read the previous outputs are left as they were.
    """
    started, clock = datetime.now().astimezone(), time.perf_counter()
    out = Path(out_dir)
    paths = [str(paths)] if isinstance(paths, (str, Path)) else [str(p) for p in paths]
    options = ReadOptions(mapping, date_format)
    cache_key = f"{parser_fingerprint()}:{options.fingerprint()}"
    had_outputs = out.is_dir()
    if had_outputs:
        remove_stale_temporaries(out)
    previous = _PreviousRun.load(out, cache_key)
    known = previous.file_summaries() if previous else {}

    found, problems = input_files(paths, exclude=[out])
    for problem in problems:
        log.warning("%s", problem)
    found = sorted(found, key=display_path)  # the order of the articles table
    keys = {path: _key(path) for path in found}
    reused = [{**known[key], "path": display_path(path)}
              for path, key in keys.items() if key in known]  # fmt: skip
    with Replacement() as outputs:
        if previous is not None and len(reused) == len(found) and previous.has_exactly(reused):
            files_table, articles_path = previous.files, out / ARTICLES_FILE
            tables = {name: pq.read_metadata(out / name).num_rows for name in previous.tables}
        else:
            stamp = {_CACHE_KEY: cache_key.encode(), _RUN: uuid.uuid4().hex.encode()}
            summaries = []
            with _TableWriter(outputs, out, stamp, workers=workers) as writer:
                for path in progress_bar(found, progress, desc="ingest"):
                    if keys[path] in known:
                        summaries.append({**known[keys[path]], "path": display_path(path)})
                        for rows in previous.rows_of(keys[path], display_path(path)):
                            writer.add(rows)
                    else:
                        result = read_file(path, options, hand_over=writer.add)
                        log_problems([result])
                        summaries.append(result.summary())
                        writer.add(result)
                files_table, tables = writer.finish(summaries)
            articles_path = outputs.path(out / ARTICLES_FILE)
        report = _report(paths, problems, files_table, articles_path, started=started)
        report.update(files_parsed=len(found) - len(reused), files_reused=len(reused))
        if report["articles"]:
            report["tables"] = {name: tables[name] for name in _PreviousRun.tables}
        report["duration_s"] = round(time.perf_counter() - clock, 3)
        if report["articles"]:
            json_writer(report)(outputs.path(out / REPORT_FILE))
            outputs.commit()
    if not report["articles"] and not had_outputs:
        with suppress(OSError):  # only if empty: the folder this run made for nothing
            out.rmdir()
    return report


def _key(path: Path) -> tuple[str, str | None] | None:
    """The cache key of a file: the hash of its bytes and its format (None if unreadable)."""
    try:
        return file_hash(path.read_bytes()), format_of(path)
    except OSError:
        return None


_SKETCHED_AND_ANNOTATED = ["doc_id", "content_hash", "published", "text"]


class _TableWriter:
    """The tables of one run, written batch by batch into the temporary files of ``outputs``:
    the articles without their duplicate marks, then, at :meth:`finish`, with them. With
    ``workers``, batches are annotated in other processes, a few at a time, and their tables
    written in the order of the batches."""

    def __init__(
        self, outputs: Replacement, out: Path, stamp: dict[bytes, bytes], *, workers: int = 1
    ) -> None:
        self._outputs, self._out, self._stamp = outputs, out, stamp
        self._unmarked = outputs.scratch(out / f"unmarked-{ARTICLES_FILE}")
        self._writers = {
            ARTICLES_FILE: table_writer(  # read back once, at finish: not worth compressing
                self._unmarked, ARTICLES_SCHEMA, stamp, compression=None
            ),
            **{_STAGE_FILES[stage.name]: table_writer(
                outputs.path(out / _STAGE_FILES[stage.name]), stage.schema, stamp
            ) for stage in STAGES},
        }  # fmt: skip
        self._rows = Counter({name: 0 for name in self._writers})
        self._pending: list[pa.Table | FileResult] = []
        self._pending_characters = 0
        self._seen: Counter = Counter()  # base doc_ids given so far
        self._sketches = Sketches()
        self._annotations: dict[str, list[pd.DataFrame]] = {stage.name: [] for stage in STAGES}
        self._annotating: deque[Future | dict[str, pd.DataFrame]] = deque()
        self._pool = None  # made last: nothing after it can fail before __exit__ shuts it down
        if workers > 1:
            context = multiprocessing.get_context("spawn")  # no fork of Arrow's threads
            self._pool = ProcessPoolExecutor(workers, mp_context=context)
        self._queued = 2 * workers if self._pool else 0  # batches not yet taken back: none idles

    def add(self, articles: pa.Table | FileResult) -> None:
        """Articles of one file, cached rows or a parsed result (whose articles are taken out
        of it); a batch is written once :data:`BATCH_CHARACTERS` of text are pending."""
        if isinstance(articles, FileResult):
            taken, articles.articles = articles.articles, []
            self._pending.append(replace(articles, articles=taken, hand_over=None))
            self._pending_characters += sum(len(article["text"]) for article in taken)
        elif len(articles):
            self._pending.append(articles)
            self._pending_characters += pc.sum(pc.utf8_length(articles["text"])).as_py()
        if self._pending_characters >= BATCH_CHARACTERS:
            self._write_batch()

    def _write_batch(self) -> None:
        parsed = [piece for piece in self._pending if isinstance(piece, FileResult)]
        pieces = [piece for piece in self._pending if isinstance(piece, pa.Table)]
        if any(result.articles for result in parsed):
            pieces.append(article_rows(parsed))
        self._pending, self._pending_characters = [], 0
        if not pieces:
            return
        table = ordered_articles(pa.concat_tables(pieces), self._seen)
        del parsed, pieces
        self._writers[ARTICLES_FILE].write_table(table)
        self._rows[ARTICLES_FILE] += len(table)
        articles = from_arrow(table.select(_SKETCHED_AND_ANNOTATED))
        self._sketches.add(articles)
        annotated = articles[["doc_id", "text", "published"]]
        self._annotating.append(self._pool.submit(annotate, annotated) if self._pool
                                else annotate(annotated))  # fmt: skip
        while len(self._annotating) > self._queued:
            self._take_annotations(self._annotating.popleft())
        del table, articles, annotated
        give_back_memory()

    def _take_annotations(self, batch: Future | dict[str, pd.DataFrame]) -> None:
        annotations = batch.result() if isinstance(batch, Future) else batch
        for stage in STAGES:
            if len(annotations[stage.name]):
                self._annotations[stage.name].append(annotations[stage.name])
            if sum(map(len, self._annotations[stage.name])) >= ANNOTATION_ROWS:
                self._write_annotations(stage)

    def _write_annotations(self, stage: Stage) -> None:
        """The pending rows of one annotation stage, as one row group (a conversion to Arrow
        per batch would cost more than the stage's own work on small batches)."""
        frames, self._annotations[stage.name] = self._annotations[stage.name], []
        if frames:
            frame = pd.concat(frames, ignore_index=True)
            self._writers[_STAGE_FILES[stage.name]].write_table(to_arrow(frame, stage.schema))
            self._rows[_STAGE_FILES[stage.name]] += len(frame)

    def finish(self, summaries: list[dict]) -> tuple[pd.DataFrame, dict[str, int]]:
        """Write the last batch, the articles with their duplicate marks and the files table
        of these file ``summaries``; return the files table and the rows of each table."""
        self._write_batch()
        while self._annotating:
            self._take_annotations(self._annotating.popleft())
        for stage in STAGES:
            self._write_annotations(stage)
        for writer in self._writers.values():
            writer.close()
        unmarked = pq.ParquetFile(self._unmarked)
        doc_ids = unmarked.read(columns=["doc_id"]).column(0).combine_chunks()
        marks = duplicate_of(self._sketches.roots(), doc_ids)
        column = ARTICLES_SCHEMA.get_field_index("duplicate_of")
        path = self._outputs.path(self._out / ARTICLES_FILE)
        with table_writer(path, ARTICLES_SCHEMA, self._stamp) as writer:
            start = 0
            for group in range(unmarked.num_row_groups):
                table = unmarked.read_row_group(group)
                values = marks.slice(start, len(table))
                writer.write_table(table.set_column(column, "duplicate_of", values))
                start += len(table)
                del table
                give_back_memory()
        files = pd.DataFrame(summaries, columns=FILES_SCHEMA.names).sort_values("path")
        files = to_arrow(files, FILES_SCHEMA).cast(with_metadata(FILES_SCHEMA, self._stamp))
        parquet_writer(files)(self._outputs.path(self._out / FILES_FILE))
        return from_arrow(files), {FILES_FILE: len(files), **self._rows}

    def __enter__(self) -> _TableWriter:
        return self

    def __exit__(self, *exception) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
        for writer in self._writers.values():
            writer.close()  # a no-op once closed


def give_back_memory() -> None:
    """Return the memory a batch freed to the OS (glibc's ``malloc_trim``, as Dask's workers
    do), so that it does not add up between the batches."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _glibc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


_LIBC = _glibc()


def _stamp(metadata: dict | None) -> tuple[bytes | None, bytes | None]:
    metadata = metadata or {}
    return metadata.get(_CACHE_KEY), metadata.get(_RUN)


class _PreviousRun:
    """The outputs of the last run, when written by the same parser code and options: its
    files table, and its articles read a row group at a time."""

    tables = (ARTICLES_FILE, FILES_FILE, *_STAGE_FILES.values())

    def __init__(self, out: Path) -> None:
        self.files = from_arrow(pq.read_table(out / FILES_FILE))
        self._articles = pq.ParquetFile(out / ARTICLES_FILE)
        keys = pq.read_table(out / ARTICLES_FILE, columns=_ROW_KEY).to_pandas()
        keys = keys.reset_index(names="row").drop_duplicates(_ROW_KEY)  # a file at two paths
        self._rows = {  # (file hash, format) -> the file's rows, in record order
            key: group.to_numpy() for key, group in keys.groupby(_ROW_KEY[:2])["row"]
        }
        sizes = [self._articles.metadata.row_group(i).num_rows
                 for i in range(self._articles.num_row_groups)]  # fmt: skip
        self._group_starts = np.cumsum([0, *sizes])
        self._last_group: tuple[int, pa.Table] | None = None

    @classmethod
    def load(cls, out: Path, cache_key: str) -> _PreviousRun | None:
        try:
            stamps = {_stamp(pq.read_schema(out / name).metadata) for name in cls.tables}
        except (OSError, ValueError):
            return None
        key, run = stamps.pop() if len(stamps) == 1 else (None, None)
        if key != cache_key.encode() or not run:  # other code or options, or a mixed set
            return None
        return cls(out)

    def file_summaries(self) -> dict[tuple[str, str | None], dict]:
        """(file hash, format) -> the file's summary, for files with all their rows present."""
        summaries = {}
        for summary in self.files.to_dict(orient="records"):
            key = (summary["file_hash"], summary["format"])
            if summary["n_articles"] == len(self._rows.get(key, ())):
                summaries[key] = {**summary, "warnings": list(summary["warnings"])}
        return summaries

    def has_exactly(self, summaries: list[dict]) -> bool:
        files = {(s["path"], s["file_hash"]) for s in summaries}
        return files == set(zip(self.files["path"], self.files["file_hash"], strict=True))

    def rows_of(self, key: tuple[str, str | None], path: str) -> Iterator[pa.Table]:
        """The article rows of the file with this cache key, at its current ``path``, a row
        group of the previous articles table at a time."""
        rows = self._rows.get(key, np.empty(0, np.int64))
        groups = np.searchsorted(self._group_starts, rows, side="right") - 1
        for group in np.unique(groups).tolist():
            here = rows[groups == group] - self._group_starts[group]
            articles = self._row_group(group).take(here).cast(ARTICLES_SCHEMA)
            column = ARTICLES_SCHEMA.get_field_index("path")
            yield articles.set_column(column, ARTICLES_SCHEMA.field(column),
                                      pa.array([path] * len(articles), pa.string()))  # fmt: skip

    def _row_group(self, group: int) -> pa.Table:
        """One row group, kept while the files of the run come in the order of the last."""
        if self._last_group is None or self._last_group[0] != group:
            self._last_group = (group, self._articles.read_row_group(group))
        return self._last_group[1]


def _report(paths, problems, files: pd.DataFrame, articles_path: Path, *, started) -> dict:
    """The ingest report, from the files table and a few columns of the articles (in Arrow:
    no Python object per article)."""
    articles = pq.read_table(articles_path, columns=[
        "doc_id", "published", "content_hash", "duplicate_of", "warnings"
    ])  # fmt: skip
    skipped = files[files["status"] == "skipped"]
    kinds = Counter(str(w).split(":", 1)[0] for warnings in files["warnings"] for w in warnings)
    parts = pc.split_pattern(pc.list_flatten(articles["warnings"]), ":", max_splits=1)
    for kind in pc.value_counts(pc.list_element(parts, 0)).to_pylist():
        kinds[kind["values"]] += kind["counts"]
    copies = articles.filter(pc.is_valid(articles["duplicate_of"]))
    originals = pc.index_in(copies["duplicate_of"], value_set=articles["doc_id"])
    same_text = pc.equal(copies["content_hash"], articles["content_hash"].take(originals))
    exact = pc.sum(same_text).as_py() or 0
    published = pc.min_max(articles["published"]).as_py().values()  # both None, or neither
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
        "published_range": [str(t) for t in published if t is not None] or None,
        "warnings_by_kind": dict(sorted(kinds.items())),
    }
