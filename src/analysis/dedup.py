"""Duplicates: exact copies (same ``content_hash``) and near copies (syndicated articles with
small edits), found with MinHash LSH over syllable shingles.

Two articles are near copies when the estimated Jaccard similarity of their sets of 3-word
shingles (lower-cased, split at whitespace) is at least :data:`NEAR_DUPLICATE_JACCARD`. Each
copy points to the earliest article of its group (by publication time, then the order the
articles were added in). The signatures and the LSH bands are datasketch's (``MinHash`` with
scheme affine32, ``MinHashLSH``'s band layout), computed on NumPy arrays: 512 bytes kept per
article instead of datasketch's objects and index (about 3 KB), so that a corpus's duplicates
are found from its :class:`Sketches` once its text has left memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from zlib import crc32

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from datasketch import MinHash, MinHashLSH

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


def signature(hashes: np.ndarray) -> np.ndarray:
    """The MinHash hash values of a set of shingle hashes: those of datasketch's
    ``update_batch`` (scheme affine32: MurmurHash3's finaliser, then ``a * h + b`` modulo
    2^32), computed on the array as it is instead of a Python list, in batches to bound
    memory on huge texts."""
    template = _template()
    a, b = template.permutations
    values = template.hashvalues
    mixed = _fmix32(hashes.astype(np.uint32, copy=False))
    for start in range(0, len(mixed), _BATCH):
        permuted = mixed[start : start + _BATCH, None] * a + b
        values = np.minimum(values, permuted.min(axis=0))
    return values.astype(np.uint32)


_BATCH = 4096  # a batch x NUM_PERM matrix of 32-bit values at a time


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser, as datasketch applies it before its permutations."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


class Sketches:
    """What duplicate detection keeps of each article added: its content hash, publication
    time and signature (none for a text under :data:`MIN_SHINGLES` shingles), never its
    text. Add articles in batches; ties in publication time go to the one added first."""

    def __init__(self) -> None:
        self._hashes: list[np.ndarray] = []
        self._published: list[np.ndarray] = []
        self._signatures: list[np.ndarray] = []  # of the signed articles only
        self._signed: list[np.ndarray] = []  # their positions
        self._added = 0

    def add(self, articles: pd.DataFrame) -> None:
        """Sketch ``articles`` (columns ``content_hash``, ``published``, ``text``)."""
        published = pd.to_datetime(articles["published"], utc=True).dt.tz_localize(None)
        self._published.append(published.to_numpy("datetime64[ns]"))
        self._hashes.append(np.array(articles["content_hash"].tolist(), dtype="S"))
        signatures, signed = [], []
        for row, text in enumerate(_in_chunks(articles["text"]), start=self._added):
            hashes = shingles(text)
            if len(hashes) >= MIN_SHINGLES:
                signatures.append(signature(hashes))
                signed.append(row)
        self._signatures.append(np.array(signatures, np.uint32).reshape(-1, NUM_PERM))
        self._signed.append(np.array(signed, np.int64))
        self._added += len(articles)

    def roots(self) -> np.ndarray:
        """For every article added, the position of the earliest article it copies exactly or
        nearly (its own position when it copies none)."""
        if not self._added:
            return np.empty(0, np.int64)
        published, hashes = np.concatenate(self._published), np.concatenate(self._hashes)
        order = np.lexsort((np.arange(len(hashes)), published))  # chronological, unknown last
        _, first, group = np.unique(hashes[order], return_index=True, return_inverse=True)
        roots = np.empty(len(order), np.int64)
        roots[order] = order[first[group]]  # the earliest with the same content hash
        self._signatures = [np.concatenate(self._signatures)]  # the parts let go
        self._signed = [np.concatenate(self._signed)]
        signature_of = np.full(len(order), -1)
        signature_of[self._signed[0]] = np.arange(len(self._signed[0]))
        originals = order[roots[order] == order]
        originals = originals[signature_of[originals] >= 0]  # signed, chronological
        near = _near_copies(self._signatures[0], signature_of[originals])
        root_of = np.arange(len(order))  # an exact root -> its own root among near copies
        root_of[originals[near >= 0]] = originals[near[near >= 0]]
        return root_of[roots]


def _in_chunks(column: pd.Series, size: int = 1000) -> Iterator[str]:
    """``column``'s values, read ``size`` at a time: a batch's text is never all copied to
    Python strings at once."""
    for start in range(0, len(column), size):
        yield from column.iloc[start : start + size].tolist()


def find_duplicates(articles: pd.DataFrame) -> pd.Series:
    """``duplicate_of`` for every row: the ``doc_id`` of its earliest copy, or None (ties in
    publication time go to the earlier row)."""
    sketches = Sketches()
    sketches.add(articles)
    doc_ids = pa.array(articles["doc_id"], pa.string())
    marks = duplicate_of(sketches.roots(), doc_ids).to_pylist()
    return pd.Series(marks, index=articles.index, dtype=object)


def duplicate_of(roots: np.ndarray, doc_ids: pa.Array) -> pa.Array:
    """The ``duplicate_of`` column from :meth:`Sketches.roots` and every row's ``doc_id``:
    the ``doc_id`` of the row's root, null where the row is its own root."""
    own = pa.array(roots == np.arange(len(roots)))
    return pc.if_else(own, pa.nulls(len(roots), pa.string()), doc_ids.take(pa.array(roots)))


def _near_copies(signatures: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
    """For the ``rows`` of ``signatures`` (default: all) in chronological order: the position
    in ``rows`` of the earliest each nearly copies (following copies of copies), or -1.
    Candidates are the pairs that share a band of datasketch's ``MinHashLSH`` layout; a
    candidate counts when its estimated Jaccard similarity reaches the threshold, and a copy
    of several goes to the most similar, then the earliest. Pairs are formed for a range of
    later rows at a time, so that a large cluster of look-alike texts (N² pairs) never holds
    them all at once."""
    rows = np.arange(len(signatures)) if rows is None else rows
    lsh = MinHashLSH(threshold=NEAR_DUPLICATE_JACCARD, num_perm=NUM_PERM)
    bands = [_Band(signatures[rows, start:end]) for start, end in lsh.hashranges]
    load = np.cumsum(sum(band.n_earlier for band in bands))  # candidate pairs up to each row
    ends = np.searchsorted(load, np.arange(_PAIRS_AT_ONCE, load[-1] if len(load) else 0,
                                           _PAIRS_AT_ONCE), side="right")  # fmt: skip
    best = np.full(len(rows), -1, np.int64)
    for first, last in zip(np.r_[0, ends], np.r_[ends, len(rows)], strict=True):
        pairs = np.unique(np.concatenate([band.pairs(first, last) for band in bands]))
        later, earlier = pairs // len(rows), pairs % len(rows)
        equal = np.zeros(len(pairs), np.int64)
        for start in range(0, len(pairs), _BATCH):
            part = slice(start, start + _BATCH)
            same = signatures[rows[later[part]]] == signatures[rows[earlier[part]]]
            equal[part] = same.sum(axis=1)
        similar = equal / np.float64(NUM_PERM) >= NEAR_DUPLICATE_JACCARD
        later, earlier, equal = later[similar], earlier[similar], equal[similar]
        order = np.lexsort((earlier, -equal, later))  # per copy: most similar, then earliest
        copies, first_of_each = np.unique(later[order], return_index=True)
        best[copies] = earlier[order][first_of_each]
    roots = np.full(len(rows), -1, np.int64)
    for copy in np.flatnonzero(best >= 0).tolist():  # chronological: originals resolved first
        original = best[copy]
        roots[copy] = original if roots[original] < 0 else roots[original]
    return roots


_PAIRS_AT_ONCE = 1 << 19  # candidate pairs formed at a time (4 MB of int64)


class _Band:
    """One LSH band of signatures in chronological order: the rows sharing its values."""

    def __init__(self, values: np.ndarray) -> None:
        values = np.ascontiguousarray(values)
        keys = values.view(np.dtype((np.void, values.itemsize * values.shape[1]))).ravel()
        self._by_key = np.argsort(keys, kind="stable")  # equal keys together, oldest first
        sorted_keys = keys[self._by_key]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        sizes = np.diff(np.r_[starts, len(keys)])
        self.n_earlier = np.empty(len(keys), np.int64)  # earlier rows with the same values
        self.n_earlier[self._by_key] = np.arange(len(keys)) - np.repeat(starts, sizes)
        self._group_start = np.empty(len(keys), np.int64)  # in key order
        self._group_start[self._by_key] = np.repeat(starts, sizes)

    def pairs(self, first: int, last: int) -> np.ndarray:
        """``later * n + earlier`` for each later row in ``[first, last)`` and each earlier
        row that shares the band's values with it."""
        counts = self.n_earlier[first:last]
        later = np.repeat(np.arange(first, last), counts)
        offset = np.arange(len(later)) - np.repeat(np.cumsum(counts) - counts, counts)
        earlier = self._by_key[np.repeat(self._group_start[first:last], counts) + offset]
        return later * len(self.n_earlier) + earlier
