"""Running many reports: a schedule file, expanded into jobs run side by side.

A schedule (``reports.yml``)::

    period: last-month            # for every entry that does not say otherwise
    parameters: {language: vi}    # likewise
    reports:
      - report: term_frequency
        parameters: {terms: [cải cách thủ tục hành chính, dân vận]}
      - report: province_profile
        each: {province: provinces-34}   # one report per value: a list, provinces-34 or -63

Each job runs ``vnpolicy report`` in a process of its own, at most ``workers`` at a time. One
that outlives ``timeout`` is stopped with its kernel and gets an error page, as does one that
crashes or refuses its parameters; the others go on. Ctrl-C stops every running job.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import psutil
import yaml

from .provinces import load_gazetteer
from .reports import ReportResult, available_reports, record_failure, update_index

_ENTRY_KEYS = {"report", "parameters", "period", "each"}
_PROVINCE_LISTS = {"provinces-34": "current", "provinces-63": "legacy"}
_RESULT_LINE = re.compile(r"(?:ok|failed): (.+\.html)")  # the last line `vnpolicy report` prints


@dataclass(frozen=True)
class Job:
    report: str
    parameters: dict = field(default_factory=dict)
    period: str | None = None


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
        if entry["report"] not in available_reports():
            raise ValueError(f"{where}: no report {entry['report']!r} "
                             f"(reports: {', '.join(available_reports())})")  # fmt: skip
        parameters = {**(data.get("parameters") or {}), **(entry.get("parameters") or {})}
        period = entry.get("period", data.get("period"))
        period = None if period is None else str(period)  # `period: 2025` is read as a number
        for values in _expand(entry.get("each") or {}, where):
            jobs.append(Job(entry["report"], _as_written({**parameters, **values}), period))
    return jobs


def _as_written(parameters: dict) -> dict:
    """YAML reads `date_from: 2025-07-01` as a date: back to the text the notebook expects."""
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in parameters.items()}


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
    running: dict[int, subprocess.Popen] = {}
    lock = threading.Lock()

    def run(job: Job) -> ReportResult:
        return _run(job, Path(out_dir), Path(data_dir), timeout, running, lock)

    pool = ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1)
    try:
        results = list(pool.map(run, jobs))
    except KeyboardInterrupt:
        pool.shutdown(wait=False, cancel_futures=True)
        with lock:
            for process in running.values():
                stop(process)
        raise
    pool.shutdown()
    update_index(out_dir)
    return results


def _run(job, out_dir, data_dir, timeout, running, lock) -> ReportResult:
    parameters = {"data_dir": str(data_dir), **job.parameters}
    command = [sys.executable, "-m", "analysis.cli", "report", job.report, "--out", str(out_dir)]
    for name, value in parameters.items():
        command += ["-p", name, json.dumps(value, ensure_ascii=False)]
    if job.period:
        command += ["--period", job.period]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, start_new_session=True)  # fmt: skip
    with lock:
        running[process.pid] = process
    try:
        output, _ = process.communicate(timeout=timeout)
        message = f"exit code {process.returncode}"
    except subprocess.TimeoutExpired:
        stop(process)
        output, _ = process.communicate()
        message = f"timed out after {timeout:g} s"
    finally:
        with lock:
            running.pop(process.pid, None)
    lines = output.splitlines()
    written = _RESULT_LINE.fullmatch(lines[-1]) if lines else None
    if written:  # the run wrote its page and sidecar
        sidecar = Path(written[1]).with_suffix(".json")
        result = json.loads(sidecar.read_text("utf-8"))
        return ReportResult(job.report, parameters, result["status"], sidecar.with_suffix(".html"),
                            sidecar, None, result["error"], result["seconds"])  # fmt: skip
    if process.returncode == 2 and lines:  # a usage error: the parameters were refused
        message = lines[-1].removeprefix("Error: ")
    return record_failure(job.report, parameters, message, period=job.period, out_dir=out_dir,
                          details=output)  # fmt: skip


def stop(process: subprocess.Popen) -> None:
    """Kill a report run and everything it started (its kernel runs in a session of its own)."""
    try:
        tree = psutil.Process(process.pid)
        family = [tree, *tree.children(recursive=True)]
    except psutil.NoSuchProcess:
        return
    for member in family:
        try:
            member.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(family, timeout=10)
