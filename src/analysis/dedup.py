"""Duplicates: exact copies (same ``content_hash``) and near copies (syndicated articles with
small edits), found with MinHash LSH over syllable shingles (datasketch).

Two articles are near copies when the estimated Jaccard similarity of their sets of 3-word
shingles (lower-cased, split at whitespace) is at least :data:`NEAR_DUPLICATE_JACCARD`. Each
copy points to the earliest article of its group (by publication time, then path and record).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from zlib import crc32

import numpy as np
import pandas as pd
from datasketch import LeanMinHash, MinHash, MinHashLSH

NEAR_DUPLICATE_JACCARD = 0.8
NUM_PERM = 128
MIN_SHINGLES = 20  # shorter texts are compared as exact copies only


class _WordHashes(dict):
    """crc32 of each word, computed once per distinct word."""

    def __missing__(self, word: str) -> int:
        if len(self) > 2_000_000:
            self.clear()
        value = self[word] = crc32(word.encode())
        return value


_WORD_HASHES = _WordHashes()


def shingles(text: str) -> np.ndarray:
    """32-bit hashes of the text's lower-cased 3-word shingles (stable across runs; a repeated
    shingle repeats, which changes no minimum).

    Words are split at whitespace, punctuation attached: the same for every text, and four
    times faster than a syllable regular expression.
    """
    words = text.lower().split()
    if len(words) < 3:
        return np.empty(0, np.uint32)
    h = np.fromiter(map(_WORD_HASHES.__getitem__, words), np.uint64, len(words))
    p = np.uint64(0x9E3779B1)
    return ((h[:-2] * p + h[1:-1]) * p + h[2:]).astype(np.uint32)


@cache
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashfunc=int, scheme="affine32")


def signature(hashes: np.ndarray) -> LeanMinHash:
    """The MinHash (lean: its hash values only) of a set of shingle hashes. The values are
    those of datasketch's ``update_batch`` (scheme affine32: MurmurHash3's finaliser, then
    ``a * h + b`` modulo 2^32), computed on the array as it is instead of a Python list, in
    batches to bound memory on huge texts."""
    template = _template()
    a, b = template.permutations
    values = template.hashvalues
    mixed = _fmix32(hashes.astype(np.uint32, copy=False))
    for start in range(0, len(mixed), _BATCH):
        permuted = mixed[start : start + _BATCH, None] * a + b
        values = np.minimum(values, permuted.min(axis=0))
    return LeanMinHash(seed=template.seed, hashvalues=values, scheme=template.scheme)


_BATCH = 4096  # a batch x NUM_PERM matrix of 32-bit values at a time


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser, as datasketch applies it before its permutations."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def find_duplicates(articles: pd.DataFrame) -> pd.Series:
    """``duplicate_of`` for every row: the ``doc_id`` of its earliest copy, or None."""
    published = pd.to_datetime(articles["published"], utc=True)
    order = np.lexsort((  # chronological (unknown dates last), then by path and record
        articles["record"].fillna(-1).to_numpy(),
        articles["path"].to_numpy(),
        published.dt.tz_localize(None).to_numpy(),
    ))  # fmt: skip
    doc_ids = articles["doc_id"].tolist()
    hashes = articles["content_hash"].tolist()

    first_with_hash: dict[str, int] = {}
    first_copy = [0] * len(articles)
    for i in order:
        first_copy[i] = first_with_hash.setdefault(hashes[i], i)
    originals = [i for i in order if first_copy[i] == i]
    earlier = _near_copies(originals, _in_chunks(articles["text"], originals))

    duplicate_of = []
    for i in range(len(articles)):
        first = first_copy[i]
        root = earlier.get(first, first)
        duplicate_of.append(None if root == i else doc_ids[root])
    return pd.Series(duplicate_of, index=articles.index, dtype=object)


def _in_chunks(column: pd.Series, rows: list[int], size: int = 1000) -> Iterator[str]:
    """``column``'s values at ``rows``, read ``size`` at a time: the corpus's text is never
    all copied to Python strings at once."""
    for start in range(0, len(rows), size):
        yield from column.take(rows[start : start + size]).tolist()


def _near_copies(rows: list, texts: Iterable[str]) -> dict:
    """Row -> the earliest row it nearly copies, for ``rows`` in chronological order."""
    lsh = MinHashLSH(threshold=NEAR_DUPLICATE_JACCARD, num_perm=NUM_PERM)
    signature_of: dict = {}
    earlier: dict = {}
    for row, text in zip(rows, texts, strict=True):
        hashes = shingles(text)
        if len(hashes) < MIN_SHINGLES:
            continue
        sketch = signature(hashes)
        similar = [
            (similarity, other)
            for other in lsh.query(sketch)
            if (similarity := sketch.jaccard(signature_of[other])) >= NEAR_DUPLICATE_JACCARD
        ]
        if similar:
            best = max(similar, key=lambda pair: pair[0])[1]
            earlier[row] = earlier.get(best, best)
        lsh.insert(row, sketch)
        signature_of[row] = sketch
    return earlier
