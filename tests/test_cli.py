import io
import json
import subprocess
import sys

import pandas as pd
import pytest
from click.testing import CliRunner

from analysis.cli import main
from analysis.schema import TABLES, markdown_table
from conftest import DEMO, ROOT

PAGE = (DEMO / "toquoc" / "002_ket-luan-pho-thu-tuong-long-an.txt").read_bytes()


def vnpolicy(*args: str) -> subprocess.CompletedProcess:
    """The real command, in a subprocess: stdout/stderr are not a terminal."""
    command = [sys.executable, "-m", "analysis.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def test_ingest_and_summary(chdir_tmp):
    (chdir_tmp / "raw").mkdir()
    (chdir_tmp / "raw" / "a.txt").write_bytes(PAGE)
    (chdir_tmp / "raw" / "b.txt").write_bytes(b"\x00\x01binary")
    done = vnpolicy("ingest", "raw", "--out", "out")
    assert done.returncode == 0, done.stderr
    counts = "1 articles from 1 of 2 files (2 parsed, 0 unchanged, 1 skipped), 1 warnings"
    assert counts in done.stdout
    assert "warning: raw/b.txt: binary_file: binary data" in done.stderr
    assert "ingest:" not in done.stderr  # no progress bar when not on a terminal
    summary = vnpolicy("summary", "--data", "out")
    assert summary.returncode == 0
    assert "Số bài / Articles: 1 (1 không trùng / unique)" in summary.stdout
    assert "Tổ Quốc" in summary.stdout


def test_strict_fails_on_warnings(chdir_tmp):
    (chdir_tmp / "a.txt").write_bytes(PAGE)
    (chdir_tmp / "b.docx").write_bytes(b"PK")
    assert vnpolicy("ingest", "a.txt", "b.docx", "--out", "out").returncode == 0
    strict = vnpolicy("ingest", "a.txt", "b.docx", "--out", "out", "--strict")
    assert strict.returncode == 1
    assert "--strict and 1 warnings" in strict.stderr


def test_strict_counts_a_missing_input(chdir_tmp):
    (chdir_tmp / "a.txt").write_bytes(PAGE)
    strict = vnpolicy("ingest", "a.txt", "nowhere", "--out", "out", "--strict")
    assert strict.returncode == 1
    assert "warning: nowhere: not found" in strict.stderr


def test_nothing_readable_fails_and_keeps_previous_outputs(chdir_tmp):
    (chdir_tmp / "a.txt").write_bytes(PAGE)
    assert vnpolicy("ingest", "a.txt", "--out", "out").returncode == 0
    before = (chdir_tmp / "out" / "articles.parquet").read_bytes()
    (chdir_tmp / "bad.txt").write_bytes(b"")
    failed = vnpolicy("ingest", "bad.txt", "missing-folder", "--out", "out")
    assert failed.returncode == 1
    assert "error: no article could be read; previous outputs left unchanged" in failed.stderr
    assert "warning: missing-folder: not found" in failed.stderr
    assert (chdir_tmp / "out" / "articles.parquet").read_bytes() == before


def test_mapping_option(chdir_tmp):
    record = {"tieu_de": "Tiêu đề", "noi_dung": "Nội dung bài viết.", "gio": "2019|01|11"}
    (chdir_tmp / "a.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    result = CliRunner().invoke(main, [
        "ingest", "a.jsonl", "--out", "out", "--map", "title=tieu_de", "--map", "body=noi_dung",
        "--map", "published=gio", "--date-format", "%Y|%m|%d",
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads((chdir_tmp / "out" / "ingest_report.json").read_text("utf-8"))
    assert report["published_range"][0] == "2019-01-11 00:00:00+07:00"


@pytest.mark.parametrize(
    ("option", "message"),
    [("title", "is not FIELD=NAME"), ("headline=title", "unknown article field")],
)
def test_bad_mapping_is_a_usage_error(chdir_tmp, option, message):
    (chdir_tmp / "a.txt").write_bytes(PAGE)
    result = CliRunner().invoke(main, ["ingest", "a.txt", "--map", option])
    assert result.exit_code == 2
    assert message in result.output


def test_progress_bar_on_request(chdir_tmp):
    (chdir_tmp / "a.txt").write_bytes(PAGE)
    done = vnpolicy("ingest", "a.txt", "--out", "out", "--progress")
    assert "ingest: 100%" in done.stderr


def test_schema_command_prints_the_readme_tables():
    result = CliRunner().invoke(main, ["schema"])
    readme = (ROOT / "README.md").read_text("utf-8")
    assert result.output.strip() in readme
    assert all(markdown_table(columns) in result.output for columns in TABLES.values())


def test_summary_without_data_is_a_clear_error(chdir_tmp):
    result = CliRunner().invoke(main, ["summary", "--data", "nowhere"])
    assert result.exit_code == 1
    assert "nowhere/articles.parquet does not exist: run `vnpolicy ingest` first" in result.output


def test_terms_command(chdir_tmp):
    assert vnpolicy("ingest", str(DEMO), "--out", "out").returncode == 0
    done = vnpolicy("terms", "dân vận", "Chuyển đổi số", "--by", "year", "--format", "csv",
                    "--data", "out")  # fmt: skip
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(io.StringIO(done.stdout))
    assert list(table.columns[:3]) == ["year", "term", "count"]
    assert len(table) == 2 * 8 and set(table["term"]) == {"dân vận", "chuyển đổi số"}
    assert table.set_index(["year", "term"]).loc[(2019, "chuyển đổi số"), "count"] == 0
    total = json.loads(vnpolicy("terms", "dân vận", "--format", "json", "--data", "out").stdout)
    assert total[0]["count"] == table[table.term == "dân vận"]["count"].sum()
    by_province = vnpolicy("terms", "dân vận", "--by", "province", "--data", "out")
    assert "Vĩnh Long" in by_province.stdout


def test_report_command_writes_the_page_and_prints_its_path(demo_processed, chdir_tmp):
    done = vnpolicy("report", "term_frequency", "--data", str(demo_processed), "--out", "out",
                    "-p", "terms", "dân vận", "-p", "terms", "[chuyển đổi số]", "-p", "top_n",
                    "3", "--period", "2025")  # fmt: skip
    assert done.returncode == 0, done.stderr
    (html,) = (chdir_tmp / "out" / "term_frequency").glob("*.html")
    assert done.stdout.strip() == f"ok: {html}"
    sidecar = json.loads(html.with_suffix(".json").read_text("utf-8"))
    assert sidecar["parameters"]["terms"] == ["dân vận", "chuyển đổi số"]
    assert sidecar["parameters"]["top_n"] == 3
    assert (sidecar["parameters"]["date_from"], sidecar["parameters"]["date_to"]) == (
        "2025-01-01", "2025-12-31")  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "nope"], "no report 'nope'"),
        (["report", "term_frequency", "-p", "trems", "x"], "did you mean 'terms'"),
        (["report", "term_frequency", "--period", "last-week"], "must be last-month"),
        (["reports", "--schedule", "reports.yml"], "needs a `reports:` list"),
    ],
)
def test_report_usage_errors(chdir_tmp, args, message):
    (chdir_tmp / "reports.yml").write_text("period: last-month\n", "utf-8")
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 2
    assert message in done.output
    assert not (chdir_tmp / "reports").exists()


def test_reports_command_exits_non_zero_when_one_fails(demo_processed, chdir_tmp):
    (chdir_tmp / "reports.yml").write_text(
        "reports:\n  - report: corpus_overview\n  - report: province_profile\n"
        "    parameters: {province: Paris}\n", "utf-8")  # fmt: skip
    done = vnpolicy("reports", "--schedule", "reports.yml", "--data", str(demo_processed))
    assert done.returncode == 1
    assert "1 of 2 reports rendered; index: " in done.stdout
    assert f"{chdir_tmp / 'reports' / 'index.html'}" in done.stdout
    assert "failed province_profile" in done.stdout and "is not a province" in done.stdout
