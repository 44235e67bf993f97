"""Policy analytics over Vietnamese government news: load, annotate and report."""

import os

__version__ = "0.1.0"

# Arrow on the C library's malloc (read when pyarrow first allocates): its default, mimalloc,
# keeps what each batch of an ingest freed, and an ingest then adds 120 MB instead of 43 MB
# (BENCHMARKS.md, "Streaming ingest"). Set the variable beforehand to choose otherwise.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

from .corpus import load_corpus  # noqa: E402
from .ingest import ingest  # noqa: E402
from .normalize import normalize_text  # noqa: E402
from .schema import ARTICLE_COLUMNS, ARTICLES_SCHEMA, FILE_COLUMNS, FILES_SCHEMA  # noqa: E402
from .storage import load_processed  # noqa: E402

__all__ = [
    "ARTICLES_SCHEMA",
    "ARTICLE_COLUMNS",
    "FILES_SCHEMA",
    "FILE_COLUMNS",
    "ingest",
    "load_corpus",
    "load_processed",
    "normalize_text",
]
