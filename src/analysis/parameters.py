"""Report parameters: their defaults, the checks run before any analysis, and report periods.

A report notebook's ``parameters`` cell holds :data:`DEFAULTS` (and, for some reports, the names
in :data:`REPORT_PARAMETERS`); Papermill injects the run's values after it; the next cell calls
:func:`validate_parameters`, which turns them into a :class:`Selection` or stops the run with one
:class:`ParameterError` naming the parameter, the value and the closest valid names.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from .dates import TIMEZONE
from .labels import label
from .outlets import load_outlets
from .provinces import MERGER, load_gazetteer, province_named
from .storage import load_processed
from .terms import normalize_term
from .themes import load_themes

DEFAULTS: dict[str, object] = {
    "data_dir": "../data/processed",  # the ingest output folder (relative to notebooks/)
    "date_from": None,  # first day, "YYYY-MM-DD"; None: from the first article
    "date_to": None,  # last day, included; None: to the last article
    "sources": [],  # outlets, e.g. ["Báo Chính phủ"]; []: all
    "provinces": [],  # articles naming any of these provinces; []: all
    "terms": [],  # terms to count, e.g. ["cải cách thủ tục hành chính", "dân vận"]
    "themes": [],  # theme ids or labels from themes.yml; []: all
    "granularity": "month",  # month, quarter or year
    "province_system": "auto",  # "63", "34", or "auto": 63 when the period ends before 07/2025
    "language": "vi",  # "vi" or "en": labels, titles and captions
    "top_n": 10,  # rows in the ranked tables and charts
}
REPORT_PARAMETERS: dict[str, dict[str, object]] = {  # parameters only some reports have
    "province_profile": {"province": "Hà Nội"},  # the province the profile is about
}
GRANULARITIES = ("month", "quarter", "year")
LANGUAGES = ("vi", "en")
SYSTEMS = ("63", "34", "auto")
_NOTEBOOK_NAMES = frozenset({"In", "Out", "get_ipython", "exit", "quit", "open"})


class ParameterError(ValueError):
    """A report parameter that cannot be used, with what was given and what would work."""

    def __init__(self, name: str, value: object, problem: str, suggestions=()):
        self.name, self.value, self.problem = name, value, problem
        self.suggestions = list(suggestions)
        hint = f"; did you mean {', '.join(map(repr, self.suggestions))}?" if suggestions else ""
        super().__init__(f"parameter {name}={value!r}: {problem}{hint}")


@dataclass(frozen=True)
class Province:
    """A province in the report's system: ``code`` is the 63-system code or ``code_2025``."""

    code: str
    name: str
    system: str


@dataclass(frozen=True)
class Selection:
    """Validated parameters: what a report is about."""

    data_dir: Path
    date_from: pd.Timestamp | None  # inclusive, Vietnam time
    date_to: pd.Timestamp | None  # exclusive: the day after the last day
    sources: tuple[str, ...]
    provinces: tuple[Province, ...]
    terms: tuple[str, ...]  # as counted: lower case, NFC, new tone-mark convention
    themes: tuple[str, ...]  # theme ids
    granularity: str
    province_system: str  # "63" or "34"
    language: str
    top_n: int
    province: Province | None = None  # the province of a profile

    @property
    def period_label(self) -> str:
        """The date range as readers see it (:func:`describe_period`)."""
        last = self.date_to - pd.Timedelta(days=1) if self.date_to is not None else None
        return describe_period(self.date_from, last, self.language)


def describe_period(first, last, language: str = "vi") -> str:
    """A date range for readers: "01/01/2024 – 30/06/2025", "… – 30/06/2025", or "toàn bộ thời
    gian" / "all dates"; ``first`` and ``last`` are days (dates, times or ISO strings) or None."""
    first, last = (None if d in (None, "") else d for d in (first, last))
    if first is None and last is None:
        return label("all_dates", language)
    ends = [pd.Timestamp(d).strftime("%d/%m/%Y") if d is not None else "…" for d in (first, last)]
    return " – ".join(ends)


def parameter_names(report: str | None = None) -> dict[str, object]:
    """The parameters of ``report`` (all reports share :data:`DEFAULTS`) with their defaults."""
    return {**DEFAULTS, **REPORT_PARAMETERS.get(report or "", {})}


def unknown_parameters(names, report: str | None = None) -> list[str]:
    known = parameter_names(report)
    return [name for name in names if name not in known]


def check_names(names, report: str | None = None) -> None:
    """Raise :class:`ParameterError` for the first name ``report`` has no parameter for."""
    known = parameter_names(report)
    for name in unknown_parameters(names, report):
        closest = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
        raise ParameterError(
            name,
            "…",
            f"{report or 'this report'} has no such parameter (it has: {', '.join(known)})",
            closest,
        )


def validate_parameters(namespace: Mapping[str, object], *, report: str | None = None) -> Selection:
    """The :class:`Selection` of a notebook's parameters, read from ``namespace`` (its
    ``globals()``); names not among the report's parameters stop the run (Papermill only warns)."""
    check_names([name for name, value in namespace.items() if _is_parameter(name, value)], report)
    values = {
        **parameter_names(report),
        **{k: v for k, v in namespace.items() if k in parameter_names(report)},
    }
    data_dir = values["data_dir"]
    data_dir = Path(data_dir if isinstance(data_dir, Path) else _text(values, "data_dir"))
    data_dir = data_dir.expanduser()
    if not (data_dir / "articles.parquet").is_file():
        raise ParameterError(
            "data_dir",
            str(data_dir),
            "no articles.parquet there: run `vnpolicy ingest` first, or name the folder it wrote",
        )
    date_from = _day(values, "date_from")
    date_to = _day(values, "date_to")
    if date_from is not None and date_to is not None and date_to < date_from:
        raise ParameterError("date_to", values["date_to"], f"is before date_from {date_from:%F}")
    granularity = _choice(values, "granularity", GRANULARITIES)
    language = _choice(values, "language", LANGUAGES)
    system = _choice(values, "province_system", SYSTEMS)
    end = date_to + pd.Timedelta(days=1) if date_to is not None else None
    system = resolve_system(system, end)
    top_n = values["top_n"]
    if isinstance(top_n, bool) or not isinstance(top_n, int) or top_n < 1:
        raise ParameterError("top_n", top_n, "must be a whole number of at least 1")
    province = None
    if "province" in values:
        province = resolve_province("province", _text(values, "province"), system)
    return Selection(
        data_dir=data_dir,
        date_from=date_from,
        date_to=end,
        sources=_unique(_source(s, data_dir) for s in _texts(values, "sources")),
        provinces=_unique(
            resolve_province("provinces", p, system) for p in _texts(values, "provinces")
        ),
        terms=_unique(normalize_term(t) for t in _texts(values, "terms") if t.strip()),
        themes=_unique(resolve_theme(t) for t in _texts(values, "themes")),
        granularity=granularity,
        province_system=system,
        language=language,
        top_n=top_n,
        province=province,
    )


def resolve_system(choice: str, end: pd.Timestamp | None) -> str:
    """ "63" or "34": ``auto`` is 63 when the period ends (``end``, exclusive) by 1 July 2025."""
    if choice == "auto":
        return "63" if end is not None and end <= MERGER else "34"
    return choice


def _unique(values) -> tuple:
    """``values`` in order, each once ("Hà Giang" and "Tuyên Quang" are one unit of the 34)."""
    return tuple(dict.fromkeys(values))


def _is_parameter(name: str, value: object) -> bool:
    """Whether a notebook global looks like a parameter (not an import, a function or IPython's)."""
    plain = (str, int, float, bool, list, tuple, dict, type(None))
    return not name.startswith("_") and name not in _NOTEBOOK_NAMES and isinstance(value, plain)


def _text(values, name: str) -> str:
    value = values[name]
    if not isinstance(value, str) or not value.strip():
        raise ParameterError(name, value, "must be a non-empty string")
    return value.strip()


def _texts(values, name: str) -> list[str]:
    value = values[name]
    if value is None:
        return []
    if isinstance(value, str):  # "Hà Nội" for ["Hà Nội"]; "a, b" stays one name
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ParameterError(name, value, "must be a list of strings")
    return list(value)


def _day(values, name: str) -> pd.Timestamp | None:
    value = values[name]
    if value is None or value == "":
        return None
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ParameterError(name, value, "must be a date written YYYY-MM-DD")
    try:
        return pd.Timestamp(date.fromisoformat(text)).tz_localize(TIMEZONE)
    except ValueError as error:
        raise ParameterError(name, value, f"is not a date ({error})") from None


def _choice(values, name: str, choices: tuple[str, ...]) -> str:
    value = str(values[name]).strip().lower()
    if value not in choices:
        raise ParameterError(
            name,
            values[name],
            f"must be one of {', '.join(choices)}",
            difflib.get_close_matches(value, choices, n=1, cutoff=0.5),
        )
    return value


def fold(text: str) -> str:
    """``text`` without case and diacritics, to compare what people type: "Hà Nội" -> "ha noi"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def closest(value: str, names, n: int = 3) -> list[str]:
    """The names nearest ``value`` ignoring case and diacritics, best first."""
    by_fold: dict[str, str] = {}
    for name in names:
        by_fold.setdefault(fold(name), name)
    matches = difflib.get_close_matches(fold(value), by_fold, n=n, cutoff=0.6)
    return [by_fold[m] for m in matches]


def resolve_province(parameter: str, value: str, system: str) -> Province:
    """The province ``value`` names, in ``system``; a :class:`ParameterError` for ``parameter``
    when it names none."""
    gazetteer = load_gazetteer()
    name = province_named(value)
    if name is None:
        everything = [*gazetteer.legacy, *gazetteer.current]
        raise ParameterError(parameter, value, "is not a province", closest(value, everything))
    if system == "34":
        new = gazetteer.merged_into.get(name, name)  # an old name stands for its new unit
        return Province(gazetteer.current[new].code, new, "34")
    if name not in gazetteer.legacy:
        raise ParameterError(
            parameter,
            value,
            "exists only in the 34-province system (from 07/2025): set province_system to '34'",
        )
    return Province(gazetteer.legacy[name].code, name, "63")


def resolve_theme(value: str) -> str:
    """The id of the theme ``value`` names (its id or a label, any case or accents)."""
    themes = load_themes()
    for theme in themes:
        if fold(value) in (fold(theme.id), fold(theme.vi), fold(theme.en)):
            return theme.id
    names = [n for theme in themes for n in (theme.id, theme.vi, theme.en)]
    raise ParameterError("themes", value, "is not a theme of themes.yml", closest(value, names))


def _source(value: str, data_dir: Path) -> str:
    in_data = load_processed(data_dir, ["source"])["source"].dropna().unique().tolist()
    canonical = load_outlets().canonical(value)
    for name in in_data:
        if fold(name) in (fold(value), fold(canonical or "")):
            return name
    known = sorted({*in_data, *load_outlets().names.values()})
    raise ParameterError(
        "sources", value, "no article in data_dir is from this outlet", closest(value, known)
    )


def period_dates(period: str, *, today: date | None = None) -> tuple[str, str]:
    """First and last day of a report period: ``last-month``, ``last-quarter``, ``YYYY-MM``,
    ``YYYY-Qn`` or ``YYYY`` (relative periods count back from ``today``)."""
    today = today or date.today()
    text = period.strip().lower()
    if text == "last-month":
        span = pd.Period(today, "M") - 1
    elif text == "last-quarter":
        span = pd.Period(today, "Q") - 1
    elif re.fullmatch(r"\d{4}-\d{2}", text) and 1 <= int(text[5:]) <= 12:
        span = pd.Period(text, "M")
    elif re.fullmatch(r"\d{4}-q[1-4]", text):
        span = pd.Period(text.upper(), "Q")
    elif re.fullmatch(r"\d{4}", text):
        span = pd.Period(text, "Y")
    else:
        raise ParameterError(
            "period", period, "must be last-month, last-quarter, YYYY-MM, YYYY-Qn or YYYY"
        )
    return span.start_time.date().isoformat(), span.end_time.date().isoformat()
