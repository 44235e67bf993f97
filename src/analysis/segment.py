"""Word segmentation (underthesea) as a verifier: it runs only around a candidate match that
needs it, on the few syllables either side of it within its sentence, and each such piece of
text is segmented once.

Vietnamese writes syllables, not words: "nhân dân vận động" holds the syllables "dân vận" but
the words "nhân dân | vận động". A fast scan finds candidates; these functions decide.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .normalize import normalize_text

_SENTENCE_END = re.compile(r"[.!?;:](?=\s)|\n")


def sentence_around(text: str, start: int, end: int) -> tuple[int, str]:
    """The sentence holding ``text[start:end]`` and its offset in ``text``."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)),
               default=max(0, start - 400))  # fmt: skip
    right = _SENTENCE_END.search(text, end, end + 400)
    return left, text[left : right.end() if right else min(len(text), end + 400)]


# Syllables either side of a candidate given to the segmenter. The CRF's features look two
# tokens either side; three syllables gave the same tables as six on the shared corpora except
# one theme hit that six got wrong ("đầu tư công" in "đầu tư công trình"), in a third less
# time (0.8 to 0.9 s of segmenting against 1.2 to 1.4 s).
CONTEXT = 3
# Whole space-separated tokens only: a token glued to the candidate ("TP." of "TP.Hà Nội")
# is left out, for the segmenter reads "TP.Hà" as a word (measured: fewer right answers).
_SYLLABLES_BEFORE = re.compile(rf"(?:\S+\s+){{0,{CONTEXT}}}$")
_SYLLABLES_AFTER = re.compile(rf"(?:\s+\S+){{0,{CONTEXT}}}")


def context_around(text: str, start: int, end: int) -> tuple[int, str]:
    """``text[start:end]`` with up to ``CONTEXT`` syllables either side, within its sentence,
    and its offset in ``text``: all the segmenter needs to place the words at its edges."""
    left, sentence = sentence_around(text, start, end)
    start, end = start - left, end - left
    before = _SYLLABLES_BEFORE.search(sentence, 0, start)
    after = _SYLLABLES_AFTER.match(sentence, end)
    return left + before.start(), sentence[before.start() : after.end()]


@lru_cache(maxsize=16_384)  # about 800 bytes an entry: 13 MB when full
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
    offset, context = context_around(text, start, end)
    spans = word_spans(context)
    if spans is None:
        return True
    starts, ends = {s for s, _ in spans}, {e for _, e in spans}
    return start - offset in starts and end - offset in ends


def crosses_a_word(text: str, start: int, end: int) -> bool:
    """A word straddles the start or the end of ``text[start:end]``: it begins outside the
    span and ends inside, or the other way round ("nhân dân | vận động" for "dân vận"). A word
    that holds the whole span does not ("đường cao tốc" for "cao tốc")."""
    offset, context = context_around(text, start, end)
    spans = word_spans(context)
    if spans is None:
        return False
    start, end = start - offset, end - offset
    return any(s < start < e < end or start < s < end < e for s, e in spans)


@cache
def dictionary() -> frozenset[str]:
    """Lower-cased words of underthesea's Viet74K dictionary, in the project's normal form."""
    from underthesea.corpus import viet_dict_74K

    return frozenset(normalize_text(word).lower() for word in viet_dict_74K.words)
