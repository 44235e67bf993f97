"""Duplicates: exact copies (same ``content_hash``) and near copies (syndicated articles with
small edits), found with MinHash LSH over syllable shingles (datasketch).

Two articles are near copies when the estimated Jaccard similarity of their sets of 3-word
shingles (lower-cased, split at whitespace) is at least :data:`NEAR_DUPLICATE_JACCARD`. Each
copy points to the earliest article of its group (by publication time, then path and record).
"""

from __future__ import annotations

from collections.abc import Iterator
from zlib import crc32

import numpy as np
import pandas as pd
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


def signatures(shingle_sets: list[np.ndarray]) -> Iterator[MinHash]:
    """A MinHash of each set of shingle hashes, fed in batches to bound memory on huge texts."""
    template = MinHash(num_perm=NUM_PERM, hashfunc=int)  # the hashes are taken as they are
    for hashes in shingle_sets:
        signature = template.copy()
        for start in range(0, len(hashes), _BATCH):
            signature.update_batch(hashes[start : start + _BATCH].tolist())
        yield signature


_BATCH = 4096  # datasketch holds a batch x NUM_PERM matrix of 64-bit values


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
    texts = articles["text"].tolist()

    first_with_hash: dict[str, int] = {}
    first_copy = [0] * len(articles)
    for i in order:
        first_copy[i] = first_with_hash.setdefault(hashes[i], i)
    originals = [i for i in order if first_copy[i] == i]
    earlier = _near_copies(originals, [texts[i] for i in originals])

    duplicate_of = []
    for i in range(len(articles)):
        first = first_copy[i]
        root = earlier.get(first, first)
        duplicate_of.append(None if root == i else doc_ids[root])
    return pd.Series(duplicate_of, index=articles.index, dtype=object)


def _near_copies(rows: list, texts: list[str]) -> dict:
    """Row -> the earliest row it nearly copies, for ``rows`` in chronological order."""
    candidates = [(row, s) for row, text in zip(rows, texts, strict=True)
                  if len(s := shingles(text)) >= MIN_SHINGLES]  # fmt: skip
    lsh = MinHashLSH(threshold=NEAR_DUPLICATE_JACCARD, num_perm=NUM_PERM)
    signature_of: dict = {}
    earlier: dict = {}
    computed = signatures([s for _, s in candidates])
    for (row, _), signature in zip(candidates, computed, strict=True):
        similar = [
            (similarity, other)
            for other in lsh.query(signature)
            if (similarity := signature.jaccard(signature_of[other])) >= NEAR_DUPLICATE_JACCARD
        ]
        if similar:
            best = max(similar, key=lambda pair: pair[0])[1]
            earlier[row] = earlier.get(best, best)
        lsh.insert(row, signature)
        signature_of[row] = signature
    return earlier
