"""Text normalisation: one spelling of every character and syllable (GUIDE §1).

Every stored text passes through :func:`normalize_text`, so every later comparison and
every character offset works on the same string.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

import ahocorasick
import numpy as np
import pyarrow as pa

from .codepoints import classes, code_points, in_groups
from .patterns import texts_matching

# Invisible characters, and halves of UTF-16 pairs standing alone (JSON's "\ud800" escapes
# decode to them; they cannot be written as UTF-8)
_INVISIBLE_OR_HALF = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\ud800-\udfff]")
_OTHER_SPACES = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACES = re.compile(f"[{_OTHER_SPACES}][ {_OTHER_SPACES}]*| [ {_OTHER_SPACES}]+")  # not lone " "
_LINE_BREAK_CHARS = "\r\u2028\u2029\x0b\x0c\x85"
_LINE_BREAKS = re.compile(f"\r\n?|[{_LINE_BREAK_CHARS[1:]}]")


def normalize_unicode(text: str) -> str:
    """NFC, ``Ð``->``Đ``, invisible characters removed, a lone half of a UTF-16 pair made
    U+FFFD."""
    text = _INVISIBLE_OR_HALF.sub(_dropped_or_replaced, text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "\u00d0" in text or "\u00f0" in text:  # Icelandic eth -> Vietnamese đ
        text = text.replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    return text


def _dropped_or_replaced(match: re.Match) -> str:
    return "\ufffd" if "\ud800" <= match[0] <= "\udfff" else ""


@cache
def _tone_automaton() -> ahocorasick.Automaton:
    # underthesea's table maps old tone placement ("hoà", "thuỷ") and a few legacy
    # spellings ("qui", "nghành") to the modern form, in lower, Title and UPPER case.
    from underthesea.pipeline.text_normalize.text_normalizer import token_map

    automaton = ahocorasick.Automaton()
    for old, new in token_map.items():
        automaton.add_word(old, (len(old), new))
    automaton.make_automaton()
    return automaton


@cache
def _old_tone_marks_pattern() -> str:
    """RE2: a syllable of the tone-mark table with no letter or digit of Vietnamese either
    side. It matches wherever :func:`normalize_tone_marks` would replace (and a little
    more, beside other scripts' letters, in any case): a text it does not match is left
    unchanged. Ignoring case, the table's lower-case syllables only: a third of the pattern,
    that RE2 compiles faster."""
    from underthesea.pipeline.text_normalize.text_normalizer import token_map

    words = sorted({word.lower() for word in token_map}, key=lambda word: (-len(word), word))
    old = "|".join(re.escape(word) for word in words)
    edge = f"[^0-9{UPPER}{UPPER.lower()}]"  # any but a Vietnamese letter or digit: " ", ".", "中"
    return f"(?i)(?:^|{edge})(?:{old})(?:{edge}|$)"


def normalize_tone_marks(text: str) -> str:
    """Rewrite whole syllables in the old tone-mark convention to the new one (hoà -> hòa)."""
    pieces, last = [], 0
    for end, (length, new) in _tone_automaton().iter(text):
        start = end - length + 1
        if start < last or (start > 0 and text[start - 1].isalnum()):
            continue
        if end + 1 < len(text) and text[end + 1].isalnum():
            continue
        pieces += (text[last:start], new)
        last = end + 1
    if not pieces:
        return text
    pieces.append(text[last:])
    return unicodedata.normalize("NFC", "".join(pieces))  # some replacements are decomposed


# Characters below which each text is scanned on its own: RE2 takes about 7 ms to compile
# the table's pattern, the time of scanning 200,000 characters with the automaton.
_SCANNED_ONE_BY_ONE = 200_000

# RE2: a character that only the full normalisation handles (invisible, a space other than " ",
# a line break other than "\n", the eth); few texts hold one.
_RARE_CHARACTERS = (
    f"[\u00ad\u200b\u200c\u200d\u2060\ufeff{_OTHER_SPACES}{_LINE_BREAK_CHARS}\u00d0\u00f0]"
)


def normalize_texts(
    texts: Iterable[str], *, keep_lines: bool | Iterable[bool] = False
) -> list[str]:
    """:func:`normalize_text` of each of ``texts`` (``keep_lines`` for all or for each), the
    same strings, faster: pyarrow's RE2 finds at once the few texts with a syllable to
    rewrite (0.07 s for the 12 million characters of the shared corpora, where the scan of
    each text took 0.47 s) and the few with a rare character (the others need no regular
    expression for their invisible characters, spaces and line breaks), and a text given
    twice is normalised once."""
    texts = list(texts)
    keep = [keep_lines] * len(texts) if np.isscalar(keep_lines) else list(keep_lines)
    unique = list(dict.fromkeys(texts))
    array = _utf8_array(unique)
    if array is None:  # half a UTF-16 pair somewhere: every text the full way
        plain = np.zeros(len(unique), bool)
    else:
        plain = ~texts_matching(array, _RARE_CHARACTERS)
    unicode = [
        _composed(text) if is_plain else normalize_unicode(text)
        for text, is_plain in zip(unique, plain, strict=True)
    ]
    if array is None or sum(map(len, unicode)) < _SCANNED_ONE_BY_ONE:
        old_style = np.ones(len(unique), bool)
    else:  # tested on the texts as given: one that normalize_unicode changed is scanned anyway
        changed = [text != raw for raw, text in zip(unique, unicode, strict=True)]
        old_style = texts_matching(array, _old_tone_marks_pattern()) | np.array(changed, bool)
    normalised = {}
    for raw, text, has_old, is_plain in zip(unique, unicode, old_style, plain, strict=True):
        text = normalize_tone_marks(text) if has_old else text
        normalised[raw] = (text, is_plain and text == raw)  # still no rare character
    return [
        _plain_whitespace(text, keep_lines=k)
        if is_plain
        else normalize_whitespace(text, keep_lines=k)
        for (text, is_plain), k in zip(map(normalised.__getitem__, texts), keep, strict=True)
    ]


def _utf8_array(texts: list[str]) -> pa.Array | None:
    """``texts`` as an Arrow array; None when one holds half a UTF-16 pair (no UTF-8 for it)."""
    try:
        return pa.array(texts, pa.large_string())
    except UnicodeEncodeError:
        return None


def _composed(text: str) -> str:
    """:func:`normalize_unicode` of a text with no invisible character, half pair or eth."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def lower_keeping_offsets(text: str) -> str:
    """``text`` in lower case, every character at its offset (a rare letter such as "İ"
    lower-cases to two characters; it keeps only the first)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(char.lower()[0] for char in text)
    return lowered


def normalize_whitespace(text: str, *, keep_lines: bool = False) -> str:
    """Collapse runs of spaces; with ``keep_lines`` keep one paragraph per line, else one line."""
    if any(char in text for char in _LINE_BREAK_CHARS):  # rare: not scanned for otherwise
        text = _LINE_BREAKS.sub("\n", text)
    if not keep_lines:
        return _SPACES.sub(" ", text.replace("\n", " ")).strip()
    text = _SPACES.sub(" ", text)  # one call for the whole text, not one per line
    return "\n".join(line for line in (line.strip() for line in text.split("\n")) if line)


def _plain_whitespace(text: str, *, keep_lines: bool = False) -> str:
    """:func:`normalize_whitespace` of a text whose only spaces and line breaks are " " and
    "\n": runs of spaces looked for only where two spaces are."""
    if not keep_lines:
        text = text.replace("\n", " ")
        return (_SPACES.sub(" ", text) if "  " in text else text).strip()
    if "  " in text:
        text = _SPACES.sub(" ", text)
    if "\n" not in text:
        return text.strip()
    return "\n".join(line for line in (line.strip() for line in text.split("\n")) if line)


def normalize_text(text: str, *, keep_lines: bool = False) -> str:
    """The project's canonical form of a text: Unicode, tone marks, then whitespace."""
    return normalize_whitespace(
        normalize_tone_marks(normalize_unicode(text)), keep_lines=keep_lines
    )


# Upper-case letters of Vietnamese, for regular expressions ("[UPPER]" classes).
UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"

# A syllable is a run of letters, or a number written with "." or "," separators (2.883):
# Python's r"\d+(?:[.,]\d+)*|[^\W\d_]+". They are counted on code points with NumPy (on the
# shared corpora 0.06 s of CPU, where pyarrow's RE2 took 0.5 s).
_OTHER, _LETTER, _DIGIT, _SEPARATOR = 0, 1, 2, 3


def _class_of(char: str) -> int:
    if char.isdecimal():
        return _DIGIT
    if char.isalnum():
        return _LETTER
    return _SEPARATOR if char in ".," else _OTHER


def syllable_counts(texts: Iterable[str]) -> np.ndarray:
    """The number of syllables of each text."""
    return np.concatenate([np.zeros(0, np.int64), *map(_syllable_counts, in_groups(texts))])


def _syllable_counts(texts: list[str]) -> np.ndarray:
    # each text after two "\n": a syllable starts at no text's first or second character
    points = code_points("".join(f"\n\n{text}" for text in texts))
    found = classes(points, _class_of)
    letter, digit = found == _LETTER, found == _DIGIT
    continues_a_number = digit[1:-1] | ((found[1:-1] == _SEPARATOR) & digit[:-2])
    starts = np.zeros(len(found), np.int8)
    starts[2:] = (letter[2:] & ~letter[1:-1]) | (digit[2:] & ~continues_a_number)
    text_starts = np.cumsum([0] + [len(text) + 2 for text in texts[:-1]])
    return np.add.reduceat(starts, text_starts, dtype=np.int64)


def count_syllables(text: str) -> int:
    return int(syllable_counts([text])[0])
