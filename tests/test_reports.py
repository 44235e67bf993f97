"""Report notebooks really executed by Papermill on the demo corpus, and what they write."""

from __future__ import annotations

import json
import re
import shutil

import lxml.html
import nbformat
import pytest
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from analysis.parameters import ParameterError, parameter_names
from analysis.reports import (
    DEFAULT_REPORTS,
    NOTEBOOKS,
    ProjectKernelManager,
    available_reports,
    is_start_failure,
    notebook_defaults,
    output_stem,
    parse_value,
    prepare_parameters,
    run_report,
    update_index,
)
from analysis.schedule import Job, run_jobs
from analysis.storage import load_processed
from analysis.terms import count_terms
from conftest import ROOT

CONTENTS = {  # the level-2 headings of each report, in Vietnamese
    "corpus_overview": [
        "Tóm tắt",
        "Số bài theo thời gian và cơ quan báo chí",
        "Chất lượng trích xuất",
        "Bài trùng lặp",
        "Cảnh báo khi nhập dữ liệu",
    ],
    "term_frequency": [
        "Tóm tắt",
        "Theo thời gian",
        "Theo cơ quan báo chí",
        "Theo tỉnh, thành phố",
        "Các bài có thuật ngữ",
        "Từ khóa trong ngữ cảnh",
        "Từ đi kèm và từ đặc trưng",
    ],
    "directive_themes": [
        "Tóm tắt",
        "Tỷ trọng chủ đề theo thời gian",
        "Chỉ đạo tiêu biểu theo chủ đề",
        "Chủ đề theo tỉnh, thành phố",
        "Văn bản được trích dẫn nhiều nhất",
        "Người chỉ đạo",
    ],
    "province_coverage": [
        "Tóm tắt",
        "Bản đồ",
        "Xếp hạng",
        "Chưa được nhắc đến",
        "Tỉnh, thành phố và chủ đề",
        "Thay đổi so với kỳ trước",
    ],
    "province_profile": [
        "Tóm tắt",
        "Số bài theo thời gian",
        "Chủ đề",
        "Từ đặc trưng và thuật ngữ",
        "Chỉ đạo gửi tới tỉnh",
        "Quan chức được nhắc đến",
        "Văn bản được trích dẫn",
        "Bài mới nhất",
    ],
}
FIGURES = {
    "corpus_overview": 2,
    "term_frequency": 3,
    "directive_themes": 4,
    "province_coverage": 3,
    "province_profile": 2,
}
NON_DEFAULT = {  # one other set of parameters per report, in English
    "corpus_overview": {"granularity": "month", "sources": ["Tổ Quốc"]},
    "term_frequency": {"terms": ["dân vận"], "granularity": "year", "top_n": 3},
    "directive_themes": {"themes": ["admin_reform"], "province_system": "34"},
    "province_coverage": {
        "province_system": "63",
        "date_from": "2024-01-01",
        "date_to": "2024-12-31",
    },
    "province_profile": {"province": "TP.HCM", "granularity": "year"},
}


TOOK_EFFECT = {  # what the key figures of each NON_DEFAULT run must show
    "corpus_overview": lambda f: f["outlets"] == 1 and f["articles"] == 26,
    "term_frequency": lambda f: list(f["terms"]) == ["dân vận"],
    "directive_themes": lambda f: (
        list(f["articles_by_theme"]) == ["Administrative reform and procedures"]
    ),
    "province_coverage": lambda f: f["system"] == "63" and 0 < f["provinces_named"] <= 63,
    "province_profile": lambda f: f["province"] == "Hồ Chí Minh" and f["articles"] > 0,
}


def contents(html: str) -> list[str]:
    """The level-2 entries of a page's table of contents, each checked to lead to its heading."""
    page = lxml.html.fromstring(html)
    links = page.xpath('//nav[@class="vnpolicy-toc"]//li[@class="level-2"]/a')
    for link in links:
        (target,) = page.xpath(f'//h2[@id="{link.get("href")[1:]}"]')
        assert target.text_content() == link.text_content()
    return [link.text_content() for link in links]


def assert_readable(html: str) -> None:
    """A report page for readers: no code, no prompts, no traceback, nothing from the web."""
    body = html.split("<body", 1)[1]  # the style sheet names every class
    assert 'class="jp-InputArea' not in body and 'class="jp-InputPrompt' not in body
    assert 'class="jp-OutputPrompt' not in body
    assert "Traceback" not in body and 'data-mime-type="application/vnd.jupyter.stderr"' not in body
    assert "does not appear in the rendered report" not in body  # the notebook's own notes
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<(?:link|img)[^>]+(?:href|src)=\"https?://", html)


@pytest.fixture(scope="module")
def defaults(demo_processed, tmp_path_factory):
    """Every default report rendered as `vnpolicy reports` does: processes side by side."""
    out = tmp_path_factory.mktemp("reports")
    results = run_jobs(
        [Job(name) for name in DEFAULT_REPORTS], out_dir=out, data_dir=demo_processed, workers=2
    )
    return out, {result.report: result for result in results}


def test_the_reports_are_the_notebooks_but_explore():
    assert available_reports() == sorted(DEFAULT_REPORTS)
    assert set(DEFAULT_REPORTS) == {p.stem for p in NOTEBOOKS.glob("*.ipynb")} - {"explore"}


@pytest.mark.parametrize("name", DEFAULT_REPORTS)
def test_default_report_renders(defaults, name):
    out, results = defaults
    result = results[name]
    assert result.status == "ok", result.error
    html = result.html.read_text("utf-8")
    assert_readable(html)
    assert contents(html) == CONTENTS[name]
    charts = lxml.html.fromstring(html).xpath('//img[@class="vnpolicy-figure"]/@alt')
    assert len(charts) == FIGURES[name] and all(alt.strip() for alt in charts)
    assert result.html.parent == out / name
    notebook = nbformat.read(result.html.with_suffix(".ipynb"), as_version=4)
    assert any("injected-parameters" in c.metadata.get("tags", []) for c in notebook.cells)
    sidecar = json.loads(result.sidecar.read_text("utf-8"))
    assert sidecar["status"] == "ok" and sidecar["html"] == result.html.name
    if name != "province_profile":  # 64 articles, one exact and one near copy
        assert sidecar["key_figures"]["articles"] == (64 if name == "corpus_overview" else 62)


def test_key_figures_are_the_counts(defaults, demo_processed):
    _, results = defaults
    figures = json.loads(results["term_frequency"].sidecar.read_text("utf-8"))["key_figures"]
    articles = load_processed(demo_processed)
    articles = articles[articles["duplicate_of"].isna()]
    counts = count_terms(articles, list(figures["terms"]))
    expected = {
        term: {"count": int(group["count"].sum()), "articles": len(group)}
        for term, group in counts.groupby("term")
    }
    assert {t: v for t, v in figures["terms"].items() if v["count"]} == expected
    assert figures["terms"]["dân vận"]["articles"] > 0


def test_the_index_lists_every_report_newest_first(defaults):
    out, results = defaults
    index = (out / "index.html").read_text("utf-8")
    links = lxml.html.fromstring(index).xpath('//table[@id="reports"]//td[1]/a/@href')
    assert sorted(links) == sorted(f"{r.report}/{r.html.name}" for r in results.values())
    generated = [json.loads(r.sidecar.read_text("utf-8"))["generated"] for r in results.values()]
    order = sorted(
        zip(generated, [f"{r.report}/{r.html.name}" for r in results.values()], strict=True),
        reverse=True,
    )
    assert links == [link for _, link in order]
    assert 'id="filter"' in index and 'id="status"' in index


def test_reports_generated_in_the_same_second_keep_one_order(tmp_path):
    stamps = {"a": "2026-11-01T06:00:00+00:00", "b": "2026-11-01T06:00:00+00:00",
              "c": "2026-11-01T06:00:01+00:00"}  # fmt: skip
    for name, generated in stamps.items():
        (tmp_path / name).mkdir()
        sidecar = {"report": name, "title": name, "status": "ok", "html": f"{name}.html",
                   "error": None, "period": "11/2026", "generated": generated}  # fmt: skip
        (tmp_path / name / f"{name}.json").write_text(json.dumps(sidecar), "utf-8")
    index = update_index(tmp_path).read_text("utf-8")
    links = lxml.html.fromstring(index).xpath('//table[@id="reports"]//td[1]/a/@href')
    assert links == ["c/c.html", "b/b.html", "a/a.html"]


@pytest.mark.parametrize("name", DEFAULT_REPORTS)
def test_report_with_other_parameters(demo_processed, tmp_path, name):
    values = {"data_dir": str(demo_processed), "language": "en", **NON_DEFAULT[name]}
    result = run_report(name, values, out_dir=tmp_path)
    assert result.status == "ok", result.error
    html = result.html.read_text("utf-8")
    assert_readable(html)
    assert len(contents(html)) == len(CONTENTS[name])
    assert "Summary" in contents(html)
    assert result.html.parent == tmp_path / name
    assert (tmp_path / "index.html").exists()
    figures = json.loads(result.sidecar.read_text("utf-8"))["key_figures"]
    assert TOOK_EFFECT[name](figures), figures


def test_profile_title_names_the_province(demo_processed, tmp_path):
    result = run_report(
        "province_profile",
        {"data_dir": str(demo_processed), "province": "Đắc Lắc"},
        out_dir=tmp_path,
    )
    html = result.html.read_text("utf-8")
    assert "<h1>Hồ sơ tỉnh, thành phố: Đắk Lắk</h1>" in html
    figures = json.loads(result.sidecar.read_text("utf-8"))["key_figures"]
    assert figures["province"] == "Đắk Lắk" and figures["articles"] > 0


@pytest.mark.parametrize("name", DEFAULT_REPORTS)
def test_an_empty_selection_says_so(demo_processed, tmp_path, name):
    result = run_report(
        name, {"data_dir": str(demo_processed), "language": "en"}, period="2030-01",
        out_dir=tmp_path,
    )  # fmt: skip
    assert result.status == "ok", result.error
    html = result.html.read_text("utf-8")
    assert_readable(html)
    assert html.count("No articles match the selection") >= 3
    assert "Không" not in html.split("<main", 1)[1]  # English throughout, charts included
    assert json.loads(result.sidecar.read_text("utf-8"))["key_figures"]["articles"] == 0


def test_a_report_without_terms_says_so(demo_processed, tmp_path):
    result = run_report(
        "term_frequency", {"data_dir": str(demo_processed), "terms": []}, out_dir=tmp_path
    )
    assert result.status == "ok", result.error
    assert "Chưa chọn thuật ngữ nào (tham số terms)." in result.html.read_text("utf-8")


def test_the_page_states_the_values_that_ran(defaults):
    _, results = defaults
    sidecar = json.loads(results["corpus_overview"].sidecar.read_text("utf-8"))
    assert sidecar["parameters"]["granularity"] == "month" and sidecar["given"] == {}
    sidecar = json.loads(results["term_frequency"].sidecar.read_text("utf-8"))
    assert sidecar["parameters"]["terms"] == notebook_defaults("term_frequency")["terms"]
    page = results["term_frequency"].html.read_text("utf-8")
    assert "cải cách thủ tục hành chính, dân vận, chuyển đổi số, tinh gọn bộ máy" in page


@pytest.mark.parametrize("name", [*DEFAULT_REPORTS, "explore"])
def test_notebook_parameters_are_the_documented_ones(name):
    defaults = notebook_defaults(name)
    if name == "explore":
        assert set(defaults) <= set(parameter_names())
        return
    assert list(defaults) == list(parameter_names(name))
    differing = {k for k, v in defaults.items() if v != parameter_names(name)[k]}
    assert differing <= {"terms", "granularity"}  # a report's own choice, shown on its page


def test_only_a_kernel_that_did_not_start_is_retried():
    assert is_start_failure(RuntimeError("Kernel died before replying to kernel_info"))
    assert is_start_failure(RuntimeError("Kernel didn't respond in 60 seconds"))
    assert not is_start_failure(CellTimeoutError("Cell execution timed out"))
    assert not is_start_failure(DeadKernelError("Kernel died"))
    assert not is_start_failure(ValueError("no such file"))


def test_a_bad_value_stops_the_run_with_one_message(demo_processed, tmp_path):
    result = run_report(
        "province_coverage",
        {"data_dir": str(demo_processed), "provinces": ["Ha Noi"]},
        out_dir=tmp_path,
    )
    assert result.status == "failed"
    assert result.error == (
        "ParameterError: parameter provinces='Ha Noi': is not a province; "
        "did you mean 'Hà Nội', 'Hà Nam', 'Hà Tĩnh'?"
    )
    page = result.html.read_text("utf-8")
    assert "is not a province" in page and "Hà Nội" in page
    index = (tmp_path / "index.html").read_text("utf-8")
    assert 'class="status-failed"' in index


def test_an_unknown_parameter_stops_before_the_kernel_starts(demo_processed, tmp_path):
    with pytest.raises(ParameterError, match="did you mean 'terms'"):
        run_report(
            "term_frequency", {"data_dir": str(demo_processed), "term": "x"}, out_dir=tmp_path
        )
    assert list(tmp_path.iterdir()) == []


def test_parameters_are_data_not_code(demo_processed, tmp_path, monkeypatch):
    """A string holding Python stays a string, and the notebook needs no installed kernelspec."""
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, notebooks)
    path = notebooks / "term_frequency.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.metadata.kernelspec.name = "no-such-kernel"
    nbformat.write(notebook, path)
    monkeypatch.chdir(tmp_path)
    code = "__import__('pathlib').Path('PWNED').touch()"
    result = run_report(
        "term_frequency",
        {"data_dir": str(demo_processed), "terms": [code, "x' + str(1/0) + '"]},
        out_dir=tmp_path / "out",
        notebooks=notebooks,
    )
    assert result.status == "ok", result.error
    assert not (tmp_path / "PWNED").exists() and not (notebooks / "PWNED").exists()
    sidecar = json.loads(result.sidecar.read_text("utf-8"))
    assert sidecar["parameters"]["terms"] == [code, "x' + str(1/0) + '"]
    assert set(sidecar["key_figures"]["terms"]) == {code.lower(), "x' + str(1/0) + '"}


def test_no_output_outside_the_output_folder(demo_processed, tmp_path):
    with pytest.raises(ValueError, match="no report"):
        run_report("../term_frequency", {"data_dir": str(demo_processed)}, out_dir=tmp_path)
    stem = output_stem("province_profile", {"province": "../../etc/passwd", "terms": ["/x\\y"]})
    assert re.fullmatch(r"[a-z0-9_-]+", stem)
    assert stem.startswith("province_profile--etc-passwd-x-y--")
    assert stem == output_stem(
        "province_profile", {"terms": ["/x\\y"], "province": "../../etc/passwd"}
    )


def test_output_names_are_readable_and_stable():
    one = output_stem(
        "term_frequency",
        {
            "terms": ["Cải cách thủ tục hành chính"],
            "date_from": "2025-07-01",
            "date_to": "2025-07-31",
        },
    )
    assert one.startswith("term_frequency--2025-07-01-2025-07-31-cai-cach-thu-tuc-hanh-chinh--")
    other = output_stem("term_frequency", {"terms": ["Cải cách thủ tục hành chính"]})
    assert one != other and len(one) < 100


def test_cli_values_are_data():
    assert parse_value("[dân vận, chuyển đổi số]") == ["dân vận", "chuyển đổi số"]
    assert parse_value("10") == 10 and parse_value("null") is None
    assert parse_value("2025-07-01") == "2025-07-01"
    assert (
        parse_value("!!python/object/apply:os.system ['touch x']")
        == "!!python/object/apply:os.system ['touch x']"
    )
    assert parse_value("{a: 1}") == "{a: 1}"


def test_period_sets_both_dates(tmp_path):
    from datetime import date

    values = prepare_parameters(
        "term_frequency", {"terms": "dân vận"}, period="last-quarter", today=date(2026, 1, 15)
    )
    assert (values["date_from"], values["date_to"]) == ("2025-10-01", "2025-12-31")
    assert values["terms"] == ["dân vận"]
    with pytest.raises(ParameterError, match="either a period"):
        prepare_parameters("term_frequency", {"date_from": "2025-01-01"}, period="2025")


class FlakyKernelManager(ProjectKernelManager):
    """A kernel that fails to start the first time, as on a machine short of memory."""

    starts = 0

    def start_kernel(self, **kwargs):
        type(self).starts += 1
        if type(self).starts == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return super().start_kernel(**kwargs)


def test_a_kernel_that_fails_to_start_is_retried(demo_processed, tmp_path):
    result = run_report(
        "corpus_overview",
        {"data_dir": str(demo_processed)},
        out_dir=tmp_path,
        kernel_manager_class=FlakyKernelManager,
    )
    assert result.status == "ok", result.error
    assert FlakyKernelManager.starts == 2


def test_notebooks_are_committed_without_outputs():
    for path in [*NOTEBOOKS.glob("*.ipynb")]:
        notebook = nbformat.read(path, as_version=4)
        code = [c for c in notebook.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), path.name
        tags = [t for c in code for t in c.metadata.get("tags", [])]
        assert tags.count("parameters") == 1, path.name
    assert (ROOT / "notebooks").is_dir()
