"""Texts as NumPy arrays of code points, a group of texts at a time: character classes come
from a lookup table, so that counting syllables or hashing words costs a few array passes
instead of a Python object per character or word."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache

import numpy as np

CHARACTERS_AT_ONCE = 1 << 18  # a group's arrays take a few MB


def in_groups(texts: Iterable[str], characters: int = CHARACTERS_AT_ONCE) -> Iterator[list[str]]:
    """``texts`` in consecutive lists of about ``characters`` characters (one text may be more)."""
    group, size = [], 0
    for text in texts:
        group.append(text)
        size += len(text)
        if size >= characters:
            yield group
            group, size = [], 0
    if group:
        yield group


def code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), np.uint32)


def classes(points: np.ndarray, classify: Callable[[str], int]) -> np.ndarray:
    """``classify(character)`` of every code point: looked up in a table for the Basic
    Multilingual Plane, called once for each distinct code point beyond it (emoji, rare)."""
    found = np.take(_table(classify), points, mode="clip")
    beyond = np.flatnonzero(points > 0xFFFF)
    if len(beyond):
        distinct, which = np.unique(points[beyond], return_inverse=True)
        found[beyond] = np.array([classify(chr(point)) for point in distinct.tolist()])[which]
    return found


@cache
def _table(classify: Callable[[str], int]) -> np.ndarray:
    return np.array([classify(chr(point)) for point in range(0x10000)], np.uint8)
