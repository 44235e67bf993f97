"""Word segmentation (underthesea) as a verifier: it runs only on the sentence around a
candidate match that needs it, and each sentence is segmented once.

Vietnamese writes syllables, not words: "nhân dân vận động" holds the syllables "dân vận" but
the words "nhân dân | vận động". A fast scan finds candidates; these functions decide.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .normalize import normalize_text

_SENTENCE_END = re.compile(r"[.!?;:\n](?=\s)")


def sentence_around(text: str, start: int, end: int) -> tuple[int, str]:
    """The sentence holding ``text[start:end]`` and its offset in ``text``."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)),
               default=max(0, start - 400))  # fmt: skip
    right = _SENTENCE_END.search(text, end, end + 400)
    return left, text[left : right.end() if right else min(len(text), end + 400)]


@lru_cache(maxsize=65536)
def word_spans(sentence: str) -> tuple[tuple[int, int], ...] | None:
    """(start, end) of each word of ``sentence``; None if the segmenter changed the text."""
    from underthesea import word_tokenize

    spans, at = [], 0
    for word in word_tokenize(sentence):
        at = sentence.find(word, at)
        if at < 0:
            return None
        spans.append((at, at + len(word)))
        at += len(word)
    return tuple(spans)


def is_one_word(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` starts and ends on word boundaries ("Trương Hòa Bình" fails for
    "Hòa Bình")."""
    offset, sentence = sentence_around(text, start, end)
    spans = word_spans(sentence)
    if spans is None:
        return True
    starts, ends = {s for s, _ in spans}, {e for _, e in spans}
    return start - offset in starts and end - offset in ends


def crosses_a_word(text: str, start: int, end: int) -> bool:
    """A word straddles the start or the end of ``text[start:end]`` ("nhân dân | vận động" for
    "dân vận"); a longer word around the whole span ("Dân vận khéo") does not count."""
    offset, sentence = sentence_around(text, start, end)
    spans = word_spans(sentence)
    if spans is None:
        return False
    start, end = start - offset, end - offset
    return any(s < start < e or s < end < e for s, e in spans)


@cache
def dictionary() -> frozenset[str]:
    """Lower-cased words of underthesea's Viet74K dictionary, in the project's normal form."""
    from underthesea.corpus import viet_dict_74K

    return frozenset(normalize_text(word).lower() for word in viet_dict_74K.words)
