"""Distinctive words of a subset of articles (log-likelihood keyness with Williams' correction,
as quanteda's ``textstat_keyness(measure="lr")``) and collocates of a term, on segmented words.

Word segmentation (underthesea) is slow, so it runs on demand, only for the articles asked
about, and each article's words are cached by its text: in memory, and on disk within
:func:`word_cache` so that the next report (another process) finds them.
"""

from __future__ import annotations

import math
import os
import uuid
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from hashlib import blake2b
from importlib.metadata import version
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .terms import normalize_term

_CACHE_SIZE = 100_000  # articles whose words are kept; keyed by a hash, not by the text
_segmented: OrderedDict[bytes, tuple[str, ...]] = OrderedDict()


def words(text: str) -> tuple[str, ...]:
    """The lower-cased words of ``text`` (punctuation and numbers left out), cached."""
    from underthesea import word_tokenize

    key = blake2b(text.encode(), digest_size=16).digest()
    if key in _segmented:
        _segmented.move_to_end(key)
        return _segmented[key]
    tokens = (token.lower() for line in text.split("\n") for token in word_tokenize(line))
    result = tuple(token for token in tokens if any(char.isalpha() for char in token))
    _segmented[key] = result
    if len(_segmented) > _CACHE_SIZE:
        _segmented.popitem(last=False)
    return result


@contextmanager
def word_cache(folder: str | Path) -> Iterator[None]:
    """Words segmented before, read from ``folder``; those segmented within, added to it (one
    file per process, written atomically; a folder that cannot be written is only read)."""
    folder = Path(folder) / f"words-underthesea-{version('underthesea')}"
    for shard in sorted(folder.glob("*.parquet")):
        try:
            table = pq.read_table(shard)
        except (OSError, pa.ArrowInvalid):  # a shard being written elsewhere, or damaged
            continue
        for key, found in zip(table["key"].to_pylist(), table["words"].to_pylist(), strict=True):
            _segmented.setdefault(key, tuple(found))
    known = set(_segmented)
    try:
        yield
    finally:
        new = [key for key in _segmented if key not in known]
        if new:
            _write_shard(folder, new)


def _write_shard(folder: Path, keys: list[bytes]) -> None:
    table = pa.table(
        {
            "key": pa.array(keys, pa.binary(16)),
            "words": pa.array([list(_segmented[k]) for k in keys], pa.list_(pa.string())),
        }
    )
    name = f"{os.getpid()}-{uuid.uuid4().hex}.parquet"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{name}.tmp"
        pq.write_table(table, temporary)
        temporary.replace(folder / name)
    except OSError:  # a read-only data folder: the words stay in this process only
        pass


@cache
def stopwords() -> frozenset[str]:
    from underthesea.datasets.stopwords import filepath

    with open(filepath, encoding="utf-8") as lines:
        return frozenset(normalize_term(line) for line in lines if line.strip())


def _counts(texts: Iterable[str]) -> Counter:
    counter: Counter = Counter()
    for text in texts:
        counter.update(words(text))
    return counter


def log_likelihood(
    a: float, b: float, total_a: float, total_b: float, *, williams: bool = True
) -> float:
    """Signed G² of a word seen ``a`` times in the target (``total_a`` words) and ``b`` times in
    the reference (``total_b``): positive when the word is more frequent in the target. The
    2x2 table's G², with Williams' correction by default (as quanteda's "lr" measure)."""
    n = total_a + total_b
    table = ((a, total_a - a), (b, total_b - b))
    rows, columns = (total_a, total_b), (a + b, n - a - b)
    g2 = 2 * sum(
        observed * math.log(observed * n / (rows[i] * columns[j]))
        for i, row in enumerate(table) for j, observed in enumerate(row) if observed > 0
    )  # fmt: skip
    if williams and 0 < columns[0] < n:
        g2 /= 1 + (n / rows[0] + n / rows[1] - 1) * (n / columns[0] + n / columns[1] - 1) / (6 * n)
    return g2 if a / total_a >= b / total_b else -g2


def keyness(
    articles: pd.DataFrame,
    target: pd.Series,
    *,
    top_n: int = 30,
    min_count: int = 3,
    drop_stopwords: bool = True,
) -> pd.DataFrame:
    """Words that distinguish the articles where ``target`` (a boolean Series aligned with
    ``articles``) is true from the others: ``word, target, reference, G2, p`` sorted by G2."""
    target = target.reindex(articles.index).fillna(False).astype(bool)
    inside, outside = _counts(articles.loc[target, "text"]), _counts(articles.loc[~target, "text"])
    total_in, total_out = sum(inside.values()), sum(outside.values())
    if not total_in or not total_out:
        raise ValueError("keyness needs words both in the target and in the reference")
    skip = stopwords() if drop_stopwords else frozenset()
    rows = []
    for word, a in inside.items():
        if a < min_count or word in skip:
            continue
        g2 = log_likelihood(a, outside[word], total_in, total_out)
        rows.append((word, a, outside[word], g2, math.erfc(math.sqrt(abs(g2) / 2))))
    table = pd.DataFrame(rows, columns=["word", "target", "reference", "G2", "p"])
    return table.sort_values("G2", ascending=False).head(top_n).reset_index(drop=True)


def collocates(
    articles: pd.DataFrame,
    term: str,
    *,
    window: int = 5,
    top_n: int = 20,
    min_count: int = 2,
    drop_stopwords: bool = True,
) -> pd.DataFrame:
    """Words found within ``window`` words of ``term`` more often than elsewhere in the articles
    that hold it: ``word, near, elsewhere, G2``. Only those articles are segmented."""
    term = normalize_term(term)
    near: Counter = Counter()
    total: Counter = Counter()
    for text in articles["text"]:
        if term not in text.lower():
            continue
        tokens = words(text)
        total.update(tokens)
        found = _occurrences(tokens, term)
        inside = {i for first, last in found for i in range(first, last + 1)}
        around = {
            i
            for first, last in found
            for i in range(max(0, first - window), min(len(tokens), last + 1 + window))
        }
        near.update(tokens[i] for i in around - inside)
    skip = stopwords() if drop_stopwords else frozenset()
    near_total, all_total = sum(near.values()), sum(total.values())
    rows = []
    for word, a in near.items():
        if a < min_count or word in skip:
            continue
        b = total[word] - a
        g2 = log_likelihood(a, b, near_total, max(all_total - near_total, 1))
        rows.append((word, a, b, g2))
    table = pd.DataFrame(rows, columns=["word", "near", "elsewhere", "G2"])
    return table.sort_values("G2", ascending=False).head(top_n).reset_index(drop=True)


def _occurrences(tokens: tuple[str, ...], term: str) -> list[tuple[int, int]]:
    """(first, last) token of each place where consecutive tokens spell ``term``."""
    size = len(term.split())
    found = []
    for first in range(len(tokens)):
        last, joined = first, tokens[first]
        while len(joined.split()) < size and last + 1 < len(tokens):
            last += 1
            joined += " " + tokens[last]
        if joined == term:
            found.append((first, last))
    return found
