"""Running a report notebook with Papermill and writing what it yields.

``run_report("term_frequency", {"terms": ["dân vận"]}, period="2025-07")`` executes
``notebooks/term_frequency.ipynb`` on this interpreter's own kernel and writes, under
``reports/term_frequency/``, the executed notebook, a self-contained HTML page and a JSON sidecar
with the key figures; ``reports/index.html`` is then rebuilt from every sidecar. A report that
fails still gets an HTML page with the error and a sidecar marked ``failed``.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import nbformat
import pandas as pd
import papermill
import yaml
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpec
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from papermill.exceptions import PapermillExecutionError

from .dates import TIMEZONE
from .parameters import (
    DEFAULTS,
    ParameterError,
    check_names,
    describe_period,
    fold,
    period_dates,
    resolve_province,
    resolve_system,
)
from .render import PageHeader, error_html, index_html, key_figures, report_html
from .storage import REPORT_FILE, atomic_path

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
INTERACTIVE = ("explore",)  # notebooks for JupyterLab only, not reports
TITLES = {  # report -> (Vietnamese, English)
    "corpus_overview": ("Tổng quan kho dữ liệu", "Corpus overview"),
    "term_frequency": ("Tần suất thuật ngữ", "Term frequency"),
    "directive_themes": ("Chủ đề chỉ đạo", "Directive themes"),
    "province_coverage": ("Mức độ đưa tin theo tỉnh, thành phố", "Province coverage"),
    "province_profile": ("Hồ sơ tỉnh, thành phố", "Province profile"),
}
DEFAULT_REPORTS = tuple(TITLES)
LIST_PARAMETERS = frozenset(n for n, v in DEFAULTS.items() if isinstance(v, list))
REPORT_FAILED = 1  # exit code of `vnpolicy report` when the notebook failed (its page says why)


class ProjectKernelManager(KernelManager):
    """Starts kernels on this very interpreter: no kernelspec lookup, so no NoSuchKernel and
    the same packages as the caller (a cron job, a test run)."""

    @property
    def kernel_spec(self) -> KernelSpec:
        argv = [
            sys.executable,
            "-m",
            "ipykernel_launcher",
            "-f",
            "{connection_file}",
            "--IPKernelApp.log_level=ERROR",
        ]  # not the warning that localhost TCP is plain
        return KernelSpec(argv=argv, display_name="vnpolicy", language="python")


@dataclass(frozen=True)
class ReportResult:
    report: str
    parameters: dict  # as given (``data_dir`` absolute, a period as its dates)
    status: str  # "ok" or "failed"
    html: Path
    sidecar: Path
    notebook: Path | None
    error: str | None
    seconds: float


def available_reports(notebooks: Path = NOTEBOOKS) -> list[str]:
    """The report names: the notebooks of ``notebooks`` (JupyterLab-only ones excepted)."""
    stems = sorted(p.stem for p in Path(notebooks).glob("*.ipynb"))
    return [stem for stem in stems if stem not in INTERACTIVE]


def notebook_defaults(report: str, notebooks: Path = NOTEBOOKS) -> dict:
    """The values of the notebook's ``parameters`` cell: what runs unless a value is given."""
    path = Path(notebooks) / f"{report}.ipynb"
    return dict(_defaults(path, path.stat().st_mtime_ns))


@cache
def _defaults(path: Path, _mtime: int) -> tuple:
    found = papermill.inspect_notebook(str(path))
    return tuple((name, ast.literal_eval(p["default"])) for name, p in found.items())


def output_stem(report: str, parameters: dict) -> str:
    """A file name for a report run: readable, stable for the same parameters, and nothing but
    ``[a-z0-9_-]`` whatever the parameters hold ("term_frequency--2025-07--dan-van-1a2b3c4d")."""
    canonical = json.dumps(parameters, sort_keys=True, ensure_ascii=False, default=str)
    digest = hashlib.blake2b(canonical.encode(), digest_size=4).hexdigest()
    shown = [parameters.get("province"), parameters.get("date_from"), parameters.get("date_to")]
    shown += [parameters.get(name) for name in ("terms", "provinces", "themes", "sources")]
    words = [fold(str(v)) for v in _flat(shown) if v not in (None, "")]
    slug = re.sub(r"[^a-z0-9]+", "-", " ".join(words)).strip("-")[:60].rstrip("-")
    return "--".join(part for part in (fold(report).replace(" ", "_"), slug, digest) if part)


def _flat(values):
    for value in values:
        yield from value if isinstance(value, list | tuple) else [value]


def parse_value(text: str) -> object:
    """A ``-p KEY VALUE`` value as data (YAML: numbers, null, [lists]), never as code."""
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    if isinstance(value, date):  # 2025-07-01 stays the string it was written as
        return text
    return value if isinstance(value, str | int | float | bool | list | type(None)) else text


def prepare_parameters(
    report: str, parameters: dict | None, *, period: str | None = None, today: date | None = None
) -> dict:
    """The values injected into the notebook: names checked, ``period`` turned into dates,
    ``data_dir`` absolute, one string given for a list made a list."""
    values = dict(parameters or {})
    check_names(values, report)
    if period:
        if {"date_from", "date_to"} & set(values):
            raise ParameterError("period", period, "give either a period or date_from/date_to")
        values["date_from"], values["date_to"] = period_dates(period, today=today)
    for name in LIST_PARAMETERS & set(values):
        if isinstance(values[name], str):
            values[name] = [values[name]]
    values["data_dir"] = str(Path(values.get("data_dir", "data/processed")).resolve())
    return values


def run_report(
    report: str,
    parameters: dict | None = None,
    *,
    out_dir: str | Path = "reports",
    period: str | None = None,
    notebooks: Path = NOTEBOOKS,
    start_attempts: int = 3,
    cell_timeout: int | None = 600,
    kernel_manager_class: type[KernelManager] = ProjectKernelManager,
) -> ReportResult:
    """Execute one report and write its notebook, HTML page and sidecar under ``out_dir``;
    unknown report or parameter names are a ValueError before anything runs."""
    started = time.perf_counter()
    if report not in available_reports(notebooks):
        raise ValueError(f"no report {report!r}: choose one of {', '.join(available_reports())}")
    values = prepare_parameters(report, parameters, period=period)
    page = _Page(report, values, Path(out_dir), notebooks)
    try:
        nb = _execute(page, start_attempts, cell_timeout, kernel_manager_class)
        html = report_html(nb, page.header)
    except PapermillExecutionError as error:
        details = _ANSI.sub("", "\n".join(error.traceback))
        return page.failed(f"{error.ename}: {error.evalue}", details, started)
    except Exception as error:  # the kernel would not start; papermill or nbconvert failed
        return page.failed(f"{type(error).__name__}: {error}", traceback.format_exc(), started)
    with atomic_path(page.paths["ipynb"]) as temporary:
        nbformat.write(nb, temporary)
    with atomic_path(page.paths["html"]) as temporary:
        temporary.write_text(html, "utf-8")
    return page.done("ok", None, started, key_figures(nb))


class _Page:
    """Where one report run writes, and what its header says."""

    def __init__(self, report: str, values: dict, out_dir: Path, notebooks: Path):
        self.report, self.values, self.notebooks = report, values, notebooks
        self.out_dir = out_dir.resolve()
        stem = output_stem(report, values)
        self.paths = {ext: self._inside(self.out_dir / report / f"{stem}.{ext}")
                      for ext in ("ipynb", "html", "json")}  # fmt: skip
        known = (Path(notebooks) / f"{report}.ipynb").exists()
        self.effective = {**(notebook_defaults(report, notebooks) if known else {}), **values}
        self.header = _header(report, self.effective)

    def _inside(self, path: Path) -> Path:
        resolved = path.resolve()
        if not resolved.is_relative_to(self.out_dir):
            raise ValueError(f"{path} is outside the output folder {self.out_dir}")
        return resolved

    def failed(self, message: str, details: str, started: float) -> ReportResult:
        with atomic_path(self.paths["html"]) as temporary:
            temporary.write_text(error_html(self.header, message, details), "utf-8")
        self.paths["ipynb"].unlink(missing_ok=True)  # an older run's notebook is not this one's
        return self.done("failed", message, started)

    def done(self, status: str, error: str | None, started: float, figures=None) -> ReportResult:
        seconds = round(time.perf_counter() - started, 2)
        _write_json(self.paths["json"], {
            "report": self.report,
            "title": self.header.title,
            "status": status,
            "error": error,
            "given": {k: v for k, v in self.values.items() if k != "data_dir"},
            "parameters": self.effective,
            "period": self.header.period,
            "generated": datetime.now(UTC).isoformat(timespec="seconds"),
            "corpus": self.header.corpus,
            "html": self.paths["html"].name,
            "notebook": self.paths["ipynb"].name if status == "ok" else None,
            "seconds": seconds,
            "key_figures": figures or {},
        })  # fmt: skip
        update_index(self.out_dir)
        notebook = self.paths["ipynb"] if status == "ok" else None
        return ReportResult(self.report, self.values, status, self.paths["html"],
                            self.paths["json"], notebook, error, seconds)  # fmt: skip


def record_failure(
    report: str,
    parameters: dict,
    message: str,
    *,
    period: str | None = None,
    out_dir: str | Path = "reports",
    details: str = "",
    notebooks: Path = NOTEBOOKS,
) -> ReportResult:
    """The error page and sidecar of a report run that ended without writing its own: stopped
    after a timeout, crashed, or refused its parameters (then named from them as given)."""
    try:
        values = prepare_parameters(report, parameters, period=period)
    except ValueError:
        values = {**parameters, "period": period}
    page = _Page(report, values, Path(out_dir), notebooks)
    return page.failed(message, details, time.perf_counter())


def _execute(page: _Page, attempts, cell_timeout, kernel_manager_class):
    for attempt in range(1, attempts + 1):
        try:
            return papermill.execute_notebook(
                str(page.notebooks / f"{page.report}.ipynb"), None, parameters=page.values,
                cwd=str(page.notebooks), progress_bar=False, request_save_on_cell_execute=False,
                execution_timeout=cell_timeout, kernel_manager_class=kernel_manager_class,
            )  # fmt: skip
        except Exception as error:
            if not is_start_failure(error) or attempt == attempts:
                raise
            time.sleep(attempt)  # a busy machine: give it a moment
    raise AssertionError("unreachable")


_START_FAILURES = ("kernel died before replying", "kernel didn't respond", "kernel_info")


def is_start_failure(error: Exception) -> bool:
    """Whether ``error`` says the kernel did not start: worth another try (a cell that timed
    out, a kernel that died while running and a failing cell are not)."""
    if isinstance(error, PapermillExecutionError | CellTimeoutError | DeadKernelError):
        return False
    return any(phrase in str(error).lower() for phrase in _START_FAILURES)


def _header(report: str, values: dict) -> PageHeader:
    language = values.get("language") if values.get("language") in ("vi", "en") else "vi"
    vi, en = TITLES.get(report, (report, report))
    title = vi if language == "vi" else en
    if values.get("province"):
        title = f"{title}: {_province_name(values)}"
    now = datetime.now(UTC).astimezone(ZoneInfo(TIMEZONE))
    return PageHeader(
        title=title,
        generated=now.strftime("%d/%m/%Y %H:%M (%Z)"),
        period=describe_period(values.get("date_from"), values.get("date_to"), language),
        corpus=corpus_version(Path(values["data_dir"]), language),
        parameters=values,
        language=language,
    )


def _province_name(values: dict) -> str:
    """The profile's province as the report means it ("Đắc Lắc" is Đắk Lắk; an old name is its
    2025 unit in the 34 system); as given when it names none (the page then says why)."""
    end = values.get("date_to")
    end = pd.Timestamp(end, tz=TIMEZONE) + pd.Timedelta(days=1) if end else None
    try:
        system = resolve_system(str(values.get("province_system", "auto")), end)
        return resolve_province("province", str(values["province"]), system).name
    except (ParameterError, ValueError):
        return str(values["province"])


def corpus_version(data_dir: Path, language: str = "vi") -> str:
    """Which ingest run a report read: its time, article count and folder."""
    try:
        ingest = json.loads((data_dir / REPORT_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return f"{data_dir} ({REPORT_FILE}: —)"
    articles, started = ingest.get("articles", "?"), ingest.get("started", "?")
    if language == "vi":
        return f"{articles} bài, nhập lúc {started}, {data_dir}"
    return f"{articles} articles, ingested {started}, {data_dir}"


def _write_json(path: Path, data: dict) -> None:
    with atomic_path(path) as temporary:
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_INDEX_LOCK = threading.Lock()  # report runs of one process (a schedule's) share the index


def update_index(out_dir: str | Path = "reports") -> Path:
    """Rebuild ``out_dir/index.html`` from the sidecars of every report there."""
    out_dir = Path(out_dir)
    entries = []
    for path in sorted(out_dir.glob("*/*.json")):
        try:
            entry = json.loads(path.read_text("utf-8"))
            entry["href"] = f"{path.parent.name}/{entry['html']}"
            generated = datetime.fromisoformat(entry["generated"])
        except (OSError, ValueError, KeyError, TypeError) as error:
            print(f"{path}: not a report sidecar, left out of the index ({error})", file=sys.stderr)
            continue
        entry["shown_parameters"] = {
            k: ", ".join(map(str, v)) if isinstance(v, list) else v
            for k, v in entry.get("given", {}).items()
        }
        entry["generated_label"] = generated.astimezone(ZoneInfo(TIMEZONE)).strftime(
            "%d/%m/%Y %H:%M"
        )
        entries.append((generated, entry["href"], entry))
    entries = [entry for *_, entry in sorted(entries, key=lambda e: e[:2], reverse=True)]
    index = out_dir / "index.html"
    updated = datetime.now(UTC).astimezone(ZoneInfo(TIMEZONE)).strftime("%d/%m/%Y %H:%M")
    with _INDEX_LOCK, atomic_path(index) as temporary:
        temporary.write_text(index_html(entries, updated=updated), "utf-8")
    return index
