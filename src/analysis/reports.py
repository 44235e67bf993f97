"""Running a report notebook with Papermill and writing what it yields.

``run_report("term_frequency", {"terms": ["dân vận"]}, period="2025-07")`` executes
``notebooks/term_frequency.ipynb`` on this interpreter's own kernel and writes, under
``reports/term_frequency/``, the executed notebook, a self-contained HTML page and a JSON sidecar
with the key figures; ``reports/index.html`` is then rebuilt from every sidecar. A report that
fails still gets an HTML page with the error and a sidecar marked ``failed``.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
import traceback
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import nbformat
import papermill
import yaml
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpec
from papermill.exceptions import PapermillExecutionError

from .dates import TIMEZONE
from .parameters import DEFAULTS, ParameterError, check_names, fold, parameter_names, period_dates
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


class KernelStartError(RuntimeError):
    """The kernel did not start (no cell ran): worth another try."""


@dataclass(frozen=True)
class ReportResult:
    report: str
    parameters: dict
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


def output_stem(report: str, parameters: dict) -> str:
    """A file name for a report run: readable, stable for the same parameters, and nothing but
    ``[a-z0-9_-]`` whatever the parameters hold ("term_frequency--2025-07--dan-van-1a2b3c4d")."""
    canonical = json.dumps(parameters, sort_keys=True, ensure_ascii=False, default=str)
    digest = hashlib.blake2b(canonical.encode(), digest_size=4).hexdigest()
    shown = [parameters.get("province"), parameters.get("date_from"), parameters.get("date_to")]
    shown += [parameters.get(name) for name in ("terms", "provinces", "themes", "sources")]
    words = [fold(str(v)) for v in _flat(shown) if v not in (None, "")]
    slug = re.sub(r"[^a-z0-9]+", "-", " ".join(words)).strip("-")[:60].rstrip("-")
    return "--".join(part for part in (report, slug, digest) if part)


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
    """Execute one report and write its notebook, HTML page and sidecar under ``out_dir``."""
    started = time.perf_counter()
    if report not in available_reports(notebooks):
        raise ValueError(f"no report {report!r}: choose one of {', '.join(available_reports())}")
    values = prepare_parameters(report, parameters, period=period)
    out_dir = Path(out_dir).resolve()
    stem = output_stem(report, values)
    paths = {
        ext: _inside(out_dir, out_dir / report / f"{stem}.{ext}")
        for ext in ("ipynb", "html", "json")
    }
    header = _header(report, values)
    try:
        nb = _execute(
            notebooks / f"{report}.ipynb",
            values,
            notebooks,
            start_attempts,
            cell_timeout,
            kernel_manager_class,
        )
    except PapermillExecutionError as error:
        message = f"{error.ename}: {error.evalue}"
        details = _strip_ansi("\n".join(error.traceback))
        return _failed(report, values, header, paths, message, details, started)
    except Exception as error:  # the kernel would not start, or papermill itself failed
        details = traceback.format_exc()
        return _failed(
            report, values, header, paths, f"{type(error).__name__}: {error}", details, started
        )
    with atomic_path(paths["ipynb"]) as temporary:
        nbformat.write(nb, temporary)
    with atomic_path(paths["html"]) as temporary:
        temporary.write_text(report_html(nb, header), "utf-8")
    sidecar = _sidecar(report, values, header, paths, "ok", None, started, key_figures(nb))
    _write_json(paths["json"], sidecar)
    update_index(out_dir)
    return ReportResult(
        report, values, "ok", paths["html"], paths["json"], paths["ipynb"], None, sidecar["seconds"]
    )


def _inside(folder: Path, path: Path) -> Path:
    resolved = path.resolve()
    if not resolved.is_relative_to(folder):
        raise ValueError(f"{path} is outside the output folder {folder}")
    return resolved


def _execute(path, values, notebooks, attempts, cell_timeout, kernel_manager_class):
    for attempt in range(1, attempts + 1):
        try:
            return papermill.execute_notebook(
                str(path),
                None,
                parameters=values,
                cwd=str(notebooks),
                progress_bar=False,
                request_save_on_cell_execute=False,
                execution_timeout=cell_timeout,
                kernel_manager_class=kernel_manager_class,
            )
        except PapermillExecutionError:
            raise
        except Exception as error:
            if not _is_start_failure(error) or attempt == attempts:
                raise
            time.sleep(attempt)  # a busy machine: give it a moment
    raise AssertionError("unreachable")


def _is_start_failure(error: Exception) -> bool:
    """Whether ``error`` came while the kernel was starting (nothing executed yet)."""
    text = f"{type(error).__name__}: {error}".lower()
    return isinstance(error, KernelStartError | TimeoutError) or any(
        phrase in text for phrase in ("kernel died", "kernel didn't respond", "kernel_info")
    )


def _header(report: str, values: dict) -> PageHeader:
    language = values.get("language", "vi") if values.get("language") in ("vi", "en") else "vi"
    vi, en = TITLES.get(report, (report, report))
    title = vi if language == "vi" else en
    values = {**parameter_names(report), **values}
    if values.get("province"):
        title = f"{title}: {values['province']}"
    now = datetime.now(UTC)
    first, last = values.get("date_from"), values.get("date_to")
    period = (
        f"{first or '…'} – {last or '…'}"
        if first or last
        else ("toàn bộ thời gian" if language == "vi" else "all dates")
    )
    return PageHeader(
        title=title,
        generated=now.astimezone(ZoneInfo(TIMEZONE)).strftime("%d/%m/%Y %H:%M (%Z)"),
        period=period,
        corpus=corpus_version(Path(values["data_dir"]), language),
        parameters=values,
        language=language,
    )


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


def _sidecar(report, values, header, paths, status, error, started, figures=None) -> dict:
    return {
        "report": report,
        "title": header.title,
        "status": status,
        "error": error,
        "parameters": values,
        "period": header.period,
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "corpus": header.corpus,
        "html": paths["html"].name,
        "notebook": paths["ipynb"].name if status == "ok" else None,
        "seconds": round(time.perf_counter() - started, 2),
        "key_figures": figures or {},
    }


def _failed(report, values, header, paths, message, details, started) -> ReportResult:
    with atomic_path(paths["html"]) as temporary:
        temporary.write_text(error_html(header, message, details), "utf-8")
    sidecar = _sidecar(report, values, header, paths, "failed", message, started)
    _write_json(paths["json"], sidecar)
    update_index(paths["html"].parents[1])
    return ReportResult(
        report, values, "failed", paths["html"], paths["json"], None, message, sidecar["seconds"]
    )


def record_failure(
    report: str,
    parameters: dict,
    message: str,
    *,
    out_dir: str | Path = "reports",
    details: str = "",
) -> ReportResult:
    """Write the error page and sidecar of a report that never finished (a timeout)."""
    out_dir = Path(out_dir).resolve()
    stem = output_stem(report, parameters)
    paths = {
        ext: _inside(out_dir, out_dir / report / f"{stem}.{ext}")
        for ext in ("ipynb", "html", "json")
    }
    return _failed(
        report,
        parameters,
        _header(report, parameters),
        paths,
        message,
        details,
        time.perf_counter(),
    )


def _write_json(path: Path, data: dict) -> None:
    with atomic_path(path) as temporary:
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


def update_index(out_dir: str | Path = "reports") -> Path:
    """Rebuild ``out_dir/index.html`` from the sidecars of every report there."""
    out_dir = Path(out_dir)
    entries = []
    for path in sorted(out_dir.glob("*/*.json")):
        try:
            entry = json.loads(path.read_text("utf-8"))
            entry["href"] = f"{path.parent.name}/{entry['html']}"
        except (OSError, ValueError, KeyError, TypeError) as error:
            print(f"{path}: not a report sidecar, left out of the index ({error})", file=sys.stderr)
            continue
        defaults = parameter_names(entry.get("report"))
        entry["shown_parameters"] = {
            k: ", ".join(map(str, v)) if isinstance(v, list) else v
            for k, v in entry.get("parameters", {}).items()
            if k != "data_dir" and v != defaults.get(k)
        }
        generated = datetime.fromisoformat(entry.get("generated", "1970-01-01T00:00:00+00:00"))
        entry["generated_label"] = generated.astimezone(ZoneInfo(TIMEZONE)).strftime(
            "%d/%m/%Y %H:%M"
        )
        entries.append(entry)
    entries.sort(key=lambda e: e.get("generated", ""), reverse=True)
    index = out_dir / "index.html"
    with atomic_path(index) as temporary:
        updated = datetime.now(UTC).astimezone(ZoneInfo(TIMEZONE)).strftime("%d/%m/%Y %H:%M")
        temporary.write_text(index_html(entries, updated=updated), "utf-8")
    return index
