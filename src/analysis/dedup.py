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

from .codepoints import classes, code_points, in_groups

NEAR_DUPLICATE_JACCARD = 0.8
NUM_PERM = 128
MIN_SHINGLES = 20  # shorter texts are compared as exact copies only


def shingles(text: str) -> np.ndarray:
    """32-bit hashes of the text's lower-cased 3-word shingles (stable across runs; a repeated
    shingle repeats, which changes no minimum)."""
    return shingle_hashes([text])[0]


def shingle_hashes(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The shingle hashes of every text, one after another, and how many each text has.

    Words are split at whitespace as ``str.split`` does, punctuation attached, and hashed
    (CRC-32 of their UTF-8) with NumPy, the words of all the texts at once: no Python string
    per word."""
    lengths = [len(text) for text in texts]
    joined = f" {' '.join(texts)} ".lower()  # as the texts lower-cased one by one: " " is no
    if len(joined) != sum(lengths) + len(texts) + 1:  # letter; but "İ" became two characters
        lowered = [text.lower() for text in texts]
        lengths, joined = [len(text) for text in lowered], f" {' '.join(lowered)} "
    points = code_points(joined)
    space = classes(points, str.isspace).view(bool)
    edges = np.flatnonzero(space[1:] != space[:-1]) + 1
    starts, ends = edges[0::2], edges[1::2]  # of words: the text starts and ends with a space
    utf8_offset = np.zeros(len(points) + 1, np.int64)
    np.cumsum(_utf8_lengths(points), out=utf8_offset[1:])
    words = _crc32(np.frombuffer(joined.encode(), np.uint8), utf8_offset[starts],
                   utf8_offset[ends] - utf8_offset[starts]).astype(np.uint64)  # fmt: skip
    text_starts = np.cumsum([0] + [length + 1 for length in lengths[:-1]])
    text_of_word = np.searchsorted(text_starts, starts, side="right") - 1
    counts = np.maximum(np.bincount(text_of_word, minlength=len(texts)) - 2, 0)
    in_one_text = text_of_word[:-2] == text_of_word[2:]
    p = np.uint64(0x9E3779B1)
    hashes = (words[:-2] * p + words[1:-1]) * p + words[2:]
    return hashes[in_one_text].astype(np.uint32), counts


def _utf8_lengths(points: np.ndarray) -> np.ndarray:
    lengths = (points >= 0x80).view(np.uint8) + np.uint8(1)
    lengths += (points >= 0x800).view(np.uint8)
    lengths += (points >= 0x10000).view(np.uint8)
    return lengths


def _crc32(data: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``zlib.crc32`` of each ``data[start : start + length]``: of the short spans all at
    once, step k taking byte k of every span that long; of the few long ones (a URL, a pasted
    blob) one by one, so that no step runs for a byte of one span only."""
    hashes = np.empty(len(starts), np.uint32)
    long = np.flatnonzero(lengths > _LONG_WORD)
    for at in long.tolist():
        hashes[at] = crc32(data[starts[at] : starts[at] + lengths[at]])
    short = np.flatnonzero(lengths <= _LONG_WORD)
    shorter_by = (_LONG_WORD - lengths[short]).astype(np.uint8)  # 8 bits: a radix sort
    order = short[np.argsort(shorter_by, kind="stable")]  # the longest first
    starts, lengths = starts[order], lengths[order]
    crc = np.full(len(starts), 0xFFFFFFFF, np.uint32)
    longer_than = len(lengths) - np.searchsorted(lengths[::-1], np.arange(lengths.max(initial=0)),
                                                 side="right")  # fmt: skip
    table = _crc_table()
    for k, n in enumerate(longer_than.tolist()):
        crc[:n] = table[(crc[:n] ^ data[starts[:n] + k]) & 0xFF] ^ (crc[:n] >> 8)
    hashes[order] = crc ^ np.uint32(0xFFFFFFFF)
    return hashes


_LONG_WORD = 64  # bytes: longer words are hashed one by one (23 of the corpora's 2.4 million)


@cache
def _crc_table() -> np.ndarray:
    table = np.arange(256, dtype=np.uint32)
    for _ in range(8):
        table = np.where(table & 1, (table >> 1) ^ np.uint32(0xEDB88320), table >> 1)
    return table.astype(np.uint32)


@cache
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashfunc=int, scheme="affine32")


def signature(hashes: np.ndarray) -> np.ndarray:
    """The MinHash hash values of one set of shingle hashes (see :func:`signatures`); those of
    an empty MinHash for an empty set."""
    if not len(hashes):
        return _template().hashvalues.astype(np.uint32)
    return signatures(hashes, np.array([len(hashes)]))[0]


def signatures(hashes: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The MinHash hash values of each set of shingle hashes, the sets one after another in
    ``hashes`` (``counts``, none empty): those of datasketch's ``update_batch`` (scheme
    affine32: MurmurHash3's finaliser, then ``a * h + b`` modulo 2^32), computed for all the
    sets at once, as many permutations at a time as keep the matrix under 4 MB."""
    a, b = _template().permutations
    mixed = _fmix32(hashes.astype(np.uint32, copy=False))
    starts = np.cumsum(counts) - counts
    values = np.empty((NUM_PERM, len(counts)), np.uint32)
    step = max(1, min(NUM_PERM, _CELLS // max(1, len(mixed))))
    permuted = np.empty((step, len(mixed)), np.uint32)  # a row per permutation
    for first in range(0, NUM_PERM, step):
        a_part, b_part = a[first : first + step, None], b[first : first + step, None]
        rows = permuted[: len(a_part)]
        np.multiply(a_part, mixed, out=rows)  # in place: 4x faster than a new matrix
        np.add(rows, b_part, out=rows)
        values[first : first + step] = np.minimum.reduceat(rows, starts, axis=1)
    return values.T.copy()


_CELLS = 1 << 20  # 32-bit values of shingles x permutations computed at a time


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
        rows = self._added
        for texts in in_groups(_in_chunks(articles["text"])):
            hashes, counts = shingle_hashes(texts)
            signed = counts >= MIN_SHINGLES
            self._signatures.append(signatures(hashes[np.repeat(signed, counts)], counts[signed]))
            self._signed.append(rows + np.flatnonzero(signed))
            rows += len(texts)
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
        for start in range(0, len(pairs), _PAIRS_COMPARED):
            part = slice(start, start + _PAIRS_COMPARED)
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
_PAIRS_COMPARED = 4096  # signature pairs compared at a time


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
