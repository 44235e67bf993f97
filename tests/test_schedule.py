"""Schedules: entries expanded into jobs, jobs run side by side, failures kept apart."""

from __future__ import annotations

import subprocess
import sys

import psutil
import pytest

from analysis.provinces import load_gazetteer
from analysis.schedule import Job, load_schedule, run_jobs, stop


def write(tmp_path, text: str):
    path = tmp_path / "reports.yml"
    path.write_text(text, "utf-8")
    return path


def test_entries_take_the_defaults_and_expand(tmp_path):
    path = write(
        tmp_path,
        """
period: last-month
parameters: {language: en, top_n: 5}
reports:
  - report: term_frequency
    parameters: {terms: [dân vận], top_n: 3}
  - report: province_profile
    period: 2025-Q3
    each: {province: [Hà Nội, Huế]}
""",
    )
    assert load_schedule(path) == [
        Job("term_frequency", {"language": "en", "top_n": 3, "terms": ["dân vận"]}, "last-month"),
        Job("province_profile", {"language": "en", "top_n": 5, "province": "Hà Nội"}, "2025-Q3"),
        Job("province_profile", {"language": "en", "top_n": 5, "province": "Huế"}, "2025-Q3"),
    ]


def test_each_province_of_a_system(tmp_path):
    path = write(
        tmp_path, "reports:\n  - report: province_profile\n    each: {province: provinces-34}\n"
    )
    jobs = load_schedule(path)
    assert [job.parameters["province"] for job in jobs] == list(load_gazetteer().current)
    assert len(jobs) == 34 and all(job.period is None for job in jobs)


def test_the_bundled_schedule_is_valid():
    from conftest import ROOT

    jobs = load_schedule(ROOT / "reports.yml")
    assert len(jobs) == 4 + 34
    assert {job.period for job in jobs} == {"last-month"}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("reports: {}", "needs a `reports:` list"),
        ("[1, 2", "cannot read the schedule"),
        ("reports:\n  - name: x", "entry 1: each entry needs `report: NAME`"),
        ("reports:\n  - report: x\n    params: {}", "entry 1: unknown keys ['params']"),
        (
            "reports:\n  - report: corpus_overview\n    each: {a: [1], b: [2]}",
            "takes one parameter",
        ),
        ("reports:\n  - report: corpus_overview\n    each: {a: provinces-99}", "a list of values"),
    ],
)
def test_bad_schedules_name_the_file_and_entry(tmp_path, text, problem):
    path = write(tmp_path, text)
    with pytest.raises(ValueError, match="reports.yml") as caught:
        load_schedule(path)
    assert problem in str(caught.value)


def test_schedule_runs_the_others_when_one_fails(demo_processed, tmp_path):
    jobs = [Job("corpus_overview", {"top_n": 5}), Job("province_profile", {"province": "Paris"})]
    results = run_jobs(jobs, out_dir=tmp_path, data_dir=demo_processed, workers=2)
    assert [r.status for r in results] == ["ok", "failed"]
    assert "is not a province" in results[1].error
    assert "is not a province" in results[1].html.read_text("utf-8")
    index = (tmp_path / "index.html").read_text("utf-8")
    assert index.count("<tr data-status=") == 2 and 'data-status="failed"' in index


def test_schedule_stops_a_report_that_takes_too_long(demo_processed, tmp_path):
    results = run_jobs(
        [Job("corpus_overview")], out_dir=tmp_path, data_dir=demo_processed, timeout=0.5
    )
    assert results[0].status == "failed" and results[0].error == "timed out after 0.5 s"
    assert "timed out after 0.5 s" in results[0].html.read_text("utf-8")


def test_dates_in_a_schedule_stay_text(tmp_path):
    path = write(tmp_path, "reports:\n  - report: term_frequency\n"
                 "    parameters: {date_from: 2025-07-01, date_to: 2025-07-31}\n")  # fmt: skip
    (job,) = load_schedule(path)
    assert job.parameters == {"date_from": "2025-07-01", "date_to": "2025-07-31"}


def test_an_unknown_report_is_refused_when_read(tmp_path):
    path = write(tmp_path, "reports:\n  - report: ../../etc\n")
    with pytest.raises(ValueError, match="entry 1: no report '../../etc'"):
        load_schedule(path)


def test_refused_parameters_still_get_a_page(demo_processed, tmp_path):
    results = run_jobs([Job("term_frequency", {"trems": ["x"]})], out_dir=tmp_path,
                       data_dir=demo_processed)  # fmt: skip
    (result,) = results
    assert result.status == "failed" and "did you mean 'terms'" in result.error
    assert "did you mean" in result.html.read_text("utf-8")
    assert result.html.parent == tmp_path / "term_frequency"
    assert 'data-status="failed"' in (tmp_path / "index.html").read_text("utf-8")


def test_stop_kills_the_run_and_its_kernel():
    """A kernel runs in a session of its own: stopping a run must reach it too."""
    script = ("import subprocess, sys, time\n"
              "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'],"
              " start_new_session=True)\n"
              "print(child.pid, flush=True)\ntime.sleep(60)\n")  # fmt: skip
    run = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                           start_new_session=True)  # fmt: skip
    kernel = psutil.Process(int(run.stdout.readline()))
    stop(run)
    assert run.poll() is not None  # ended (stop reaped it)
    assert not kernel.is_running() or kernel.status() == psutil.STATUS_ZOMBIE
