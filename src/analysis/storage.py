"""Reading and writing ``data/processed/``: every output is written to a temporary file in the
same folder and renamed over the old one, so a killed run never leaves a half-written file."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .schema import from_arrow

ARTICLES_FILE = "articles.parquet"
FILES_FILE = "files.parquet"
REPORT_FILE = "ingest_report.json"


class Replacement:
    """Files written under temporary names beside their targets and renamed over them together
    by :meth:`commit`. Leaving the block deletes every temporary left, so a run that fails or
    does not commit leaves the targets as they were (a killed run's temporaries are removed by
    :func:`remove_stale_temporaries`)."""

    def __init__(self) -> None:
        self._temporaries: dict[Path, Path] = {}
        self._scratch: list[Path] = []

    def __enter__(self) -> Replacement:
        return self

    def __exit__(self, *exception) -> None:
        for temporary in [*self._temporaries.values(), *self._scratch]:
            temporary.unlink(missing_ok=True)

    def path(self, target: Path) -> Path:
        """The temporary path to write ``target`` to."""
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        self._temporaries[target] = temporary
        return temporary

    def scratch(self, target: Path) -> Path:
        """A temporary path named after ``target`` that :meth:`commit` leaves alone."""
        temporary = self.path(target)
        self._scratch.append(self._temporaries.pop(target))
        return temporary

    def commit(self) -> None:
        """Rename every temporary over its target, once all of them are on disk."""
        for temporary in self._temporaries.values():
            with open(temporary, "rb") as written:
                os.fsync(written.fileno())
        for target, temporary in list(self._temporaries.items()):
            os.replace(temporary, target)
            del self._temporaries[target]


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path to write; it replaces ``target`` only if the block succeeds."""
    with Replacement() as replacement:
        yield replacement.path(target)
        replacement.commit()


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete temporary files left by killed runs (whose process is gone); return them."""
    removed = []
    for temporary in folder.glob(".*.tmp"):
        pid = temporary.name.rsplit(".", 2)[-2]
        if pid.isdigit() and not _is_running(int(pid)):
            temporary.unlink(missing_ok=True)
            removed.append(temporary)
    return removed


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # no signal sent: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, owned by someone else
        pass
    return True


def write_together(writers: dict[Path, Callable[[Path], None]]) -> None:
    """Write several files, each into a temporary file first; rename them all only when every
    one is written, so the outputs change together within a moment."""
    with Replacement() as replacement:
        for target, write in writers.items():
            write(replacement.path(target))
        replacement.commit()


def parquet_writer(table: pa.Table) -> Callable[[Path], None]:
    return lambda path: pq.write_table(table, path, compression="zstd")


def table_writer(
    path: Path, schema: pa.Schema, metadata: dict[bytes, bytes], *, compression: str | None = "zstd"
) -> pq.ParquetWriter:
    """A Parquet file of ``schema`` written a row group per table, with ``metadata`` and the
    pandas metadata of the contract's types (so that ``pd.read_parquet`` gives them too)."""
    return pq.ParquetWriter(path, with_metadata(schema, metadata), compression=compression)


def with_metadata(schema: pa.Schema, metadata: dict[bytes, bytes]) -> pa.Schema:
    """``schema`` carrying ``metadata`` and the pandas metadata of its typed empty frame."""
    typed = pa.Table.from_pandas(from_arrow(schema.empty_table()), schema, preserve_index=False)
    return schema.with_metadata({**typed.schema.metadata, **metadata})


def json_writer(data: dict) -> Callable[[Path], None]:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return lambda path: path.write_text(text, "utf-8")


def load_processed(
    data_dir: str | Path = "data/processed",
    columns: Sequence[str] | None = None,
    *,
    table: str = "articles",
) -> pd.DataFrame:
    """A processed table (``articles`` or ``files``), reading only the ``columns`` asked for."""
    path = Path(data_dir) / f"{table}.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist: run `vnpolicy ingest` first")
    return from_arrow(pq.read_table(path, columns=list(columns) if columns else None))
