"""Running many reports: a schedule file, expanded into jobs run side by side.

A schedule (``reports.yml``)::

    period: last-month            # for every entry that does not say otherwise
    parameters: {language: vi}    # likewise
    reports:
      - report: term_frequency
        parameters: {terms: [cải cách thủ tục hành chính, dân vận]}
      - report: province_profile
        each: {province: provinces-34}   # one report per value: a list, provinces-34 or -63

Each job runs ``vnpolicy report`` in a process of its own (its kernel in the same process
group), at most ``workers`` at a time; one that outlives ``timeout`` is stopped and gets an error
page; the others go on.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .provinces import load_gazetteer
from .reports import (
    ReportResult,
    output_stem,
    prepare_parameters,
    record_failure,
    update_index,
)

_ENTRY_KEYS = {"report", "parameters", "period", "each"}
_PROVINCE_LISTS = {"provinces-34": "current", "provinces-63": "legacy"}
REPORT_FAILED = 1  # `vnpolicy report` exit code when the notebook failed (an error page exists)


@dataclass(frozen=True)
class Job:
    report: str
    parameters: dict = field(default_factory=dict)
    period: str | None = None

    @property
    def label(self) -> str:
        return output_stem(self.report, {**self.parameters, "period": self.period})


def load_schedule(path: str | Path) -> list[Job]:
    """The jobs of a schedule file; a bad entry is a ValueError naming the file and entry."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ValueError(f"{path}: cannot read the schedule ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("reports"), list):
        raise ValueError(f"{path}: a schedule needs a `reports:` list")
    jobs = []
    for number, entry in enumerate(data["reports"], 1):
        where = f"{path}: entry {number}"
        if not isinstance(entry, dict) or "report" not in entry:
            raise ValueError(f"{where}: each entry needs `report: NAME`")
        unknown = set(entry) - _ENTRY_KEYS
        if unknown:
            raise ValueError(f"{where}: unknown keys {sorted(unknown)} (use {sorted(_ENTRY_KEYS)})")
        parameters = {**(data.get("parameters") or {}), **(entry.get("parameters") or {})}
        period = entry.get("period", data.get("period"))
        period = None if period is None else str(period)  # `period: 2025` is read as a number
        for values in _expand(entry.get("each") or {}, where):
            jobs.append(Job(entry["report"], {**parameters, **values}, period))
    return jobs


def _expand(each: dict, where: str) -> list[dict]:
    """The parameter sets of ``each: {name: values}`` (one name), or one empty set."""
    if not each:
        return [{}]
    if not isinstance(each, dict) or len(each) != 1:
        raise ValueError(f"{where}: `each` takes one parameter and its values")
    ((name, values),) = each.items()
    if isinstance(values, str) and values in _PROVINCE_LISTS:
        values = list(getattr(load_gazetteer(), _PROVINCE_LISTS[values]))
    if not isinstance(values, list) or not values:
        raise ValueError(f"{where}: `each: {name}` needs a list of values or provinces-34/-63")
    return [{name: value} for value in values]


def run_jobs(
    jobs: list[Job],
    *,
    out_dir: str | Path = "reports",
    data_dir: str | Path = "data/processed",
    workers: int | None = None,
    timeout: float = 1800,
) -> list[ReportResult]:
    """Run ``jobs``, ``workers`` at a time (default: the number of cores); rebuild the index."""
    workers = workers or os.cpu_count() or 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(
            pool.map(lambda job: _run(job, Path(out_dir), Path(data_dir), timeout), jobs)
        )
    update_index(out_dir)
    return results


def _run(job: Job, out_dir: Path, data_dir: Path, timeout: float) -> ReportResult:
    parameters = {"data_dir": str(data_dir), **job.parameters}
    command = [sys.executable, "-m", "analysis.cli", "report", job.report, "--out", str(out_dir)]
    for name, value in parameters.items():
        command += ["-p", name, json.dumps(value, ensure_ascii=False)]
    if job.period:
        command += ["--period", job.period]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the report and its kernel
        output, _ = process.communicate()
        return _failure(job, parameters, out_dir, f"timed out after {timeout:g} s", output)
    try:
        values = prepare_parameters(job.report, parameters, period=job.period)
    except ValueError as error:  # bad parameters: the command said so and wrote nothing
        return _failure(job, parameters, out_dir, str(error), output, check=False)
    sidecar = out_dir.resolve() / job.report / f"{output_stem(job.report, values)}.json"
    if process.returncode not in (0, REPORT_FAILED) or not sidecar.exists():
        return _failure(job, parameters, out_dir, f"exit code {process.returncode}", output)
    result = json.loads(sidecar.read_text("utf-8"))
    return ReportResult(
        job.report,
        values,
        result["status"],
        sidecar.with_suffix(".html"),
        sidecar,
        None,
        result["error"],
        result["seconds"],
    )


def _failure(job, parameters, out_dir, message, output, *, check=True) -> ReportResult:
    if not check:  # the parameters cannot even name an output file: report without one
        return ReportResult(job.report, parameters, "failed", Path(), Path(), None, message, 0.0)
    values = prepare_parameters(job.report, parameters, period=job.period)
    return record_failure(job.report, values, message, out_dir=out_dir, details=output)
