import json
from pathlib import Path

import pandas as pd
import papermill
import pytest

import analysis.explore
from analysis.explore import (
    KWIC_COLUMNS,
    build_explorer,
    explore_view,
    load_explorer_data,
    province_names,
)
from analysis.labels import label
from analysis.parameters import ParameterError
from analysis.reports import ProjectKernelManager, available_reports
from analysis.terms import count_terms
from conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# the demo articles holding "dân vận" that name Vĩnh Long, Trà Vinh or Bến Tre, and their matches
VINH_LONG_63 = {"ec985ebc071d86c8": 1}  # published 20/10/2025, names "Vĩnh Long (cũ)"
TRA_VINH = {"0e606b8d8ad57dfb": 16}  # published 13/04/2023
VINH_LONG_34 = {**VINH_LONG_63, **TRA_VINH, "20cda96bb799af02": 1}


@pytest.fixture(scope="module")
def processed(demo_processed) -> Path:
    return demo_processed


@pytest.fixture(scope="module")
def data(processed):
    return load_explorer_data(processed)


def lines_of(data, **choices):
    """Every keyword-in-context line of "dân vận" in ``data`` cut to ``choices``."""
    _, lines = explore_view(data, terms=["dân vận"], max_rows=None, **choices)
    return lines


def matches_per_article(data, **choices) -> dict[str, int]:
    return lines_of(data, **choices).groupby("doc_id").size().to_dict()


def test_kwic_lines_are_every_counted_match_latest_first(data):
    lines = lines_of(data)
    counts = count_terms(data.articles, ["dân vận"])
    assert len(lines) == counts["count"].sum() == 47
    assert lines.groupby("doc_id").size().to_dict() == dict(
        zip(counts["doc_id"], counts["count"], strict=True)
    )
    assert lines.columns.tolist() == KWIC_COLUMNS
    assert set(lines["match"].str.lower()) == {"dân vận"}
    assert lines["published"].is_monotonic_decreasing
    _, latest = explore_view(data, terms=["dân vận"])
    assert latest.equals(lines.head(50))


def test_chart_rates_per_1000_articles(data):
    fig, _ = explore_view(data, terms=["Dân Vận"], granularity="year")
    ax = fig.axes[0]
    assert ax.get_title() == "Bài / 1.000 bài (năm): dân vận"
    (line,) = ax.lines
    years = data.articles["published"].dt.year
    holding = data.articles["doc_id"].isin(count_terms(data.articles, ["dân vận"])["doc_id"])
    expected = 1000 * holding.groupby(years).sum() / years.value_counts().sort_index()
    assert line.get_ydata().tolist() == pytest.approx(expected.tolist())
    assert expected[2018] == pytest.approx(1000 * 2 / 7)


def test_provinces_in_the_system_of_the_period(data):
    assert matches_per_article(data, provinces=["Vĩnh Long"], province_system="63") == VINH_LONG_63
    assert matches_per_article(data, provinces=["Vĩnh Long"], province_system="34") == VINH_LONG_34
    assert matches_per_article(data, provinces=["Trà Vinh"]) == VINH_LONG_34  # auto: 34, merged
    assert matches_per_article(data, provinces=["Trà Vinh"], date_to="2025-06-30") == TRA_VINH
    assert lines_of(data, provinces=["TP.HCM"]).empty


def test_dates_are_inclusive_days(data):
    assert (
        sum(matches_per_article(data, date_from="2018-01-01", date_to="2018-12-31").values()) == 11
    )
    assert matches_per_article(data, date_from="2018-08-16", date_to="2018-08-16") == {
        "b990aaa5e5391fa8": 7
    }
    late = lines_of(data, date_from="2025-07-01")
    assert len(late) == 10
    assert late["published"].min().strftime("%F") == "2025-07-08"


def test_themes_by_id_or_label(data):
    assert len(lines_of(data, themes=["Dân vận, dân chủ ở cơ sở"])) == 47
    assert lines_of(data, themes=["digital"]).empty
    assert matches_per_article(data, themes=["digital", "streamlining"]) == {
        "20cda96bb799af02": 1, "cf056f4e47cd338d": 8, "ec985ebc071d86c8": 1,
    }  # fmt: skip


def test_nothing_to_show(data):
    fig, lines = explore_view(data, terms=["dân vận"], date_from="2030-01-01")
    assert lines.empty and lines.columns.tolist() == KWIC_COLUMNS
    assert [t.get_text() for t in fig.axes[0].texts] == [label("no_match")]
    fig, lines = explore_view(data, terms=[" "], language="en")
    assert lines.empty
    assert [t.get_text() for t in fig.axes[0].texts] == ["No terms chosen"]


def test_bad_choices(data):
    with pytest.raises(ParameterError, match="provinces='Atlantis'"):
        explore_view(data, terms=["dân vận"], provinces=["Atlantis"])
    with pytest.raises(ParameterError, match="date_to"):
        explore_view(data, terms=["dân vận"], date_from="2020-02-01", date_to="2020-01-31")
    with pytest.raises(ParameterError, match="granularity"):
        explore_view(data, terms=["dân vận"], granularity="week")


def test_province_names_in_vietnamese_order():
    legacy, current = province_names("63"), province_names("34")
    assert len(legacy) == 63 and len(current) == 34
    assert legacy[:4] == ["An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang"]
    assert current[1:6] == ["Bắc Ninh", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng"]
    assert legacy.index("Bình Dương") < legacy.index("Bình Định")


def rows(explorer) -> int:
    """Rows of the keyword-in-context table the explorer shows."""
    return max(explorer.output.outputs[1]["data"]["text/html"].count("<tr>") - 1, 0)


def test_explorer_redraws_from_memory(processed, monkeypatch):
    explorer = build_explorer(processed, terms=["dân vận"])
    controls = explorer.controls
    assert explorer.children[1] is explorer.output
    first = explorer.output.outputs
    assert [o["output_type"] for o in first] == ["display_data", "display_data"]
    assert "image/png" in first[0]["data"] and rows(explorer) == 47

    def no_reading(*args, **kwargs):
        raise AssertionError("the explorer read the files again")

    monkeypatch.setattr(analysis.explore, "load_report_data", no_reading)
    monkeypatch.setattr("analysis.report_data.load_processed", no_reading)
    controls["province_system"].value = "63"
    assert len(controls["provinces"].options) == 63
    controls["provinces"].value = ("Vĩnh Long",)
    assert explorer.output.outputs != first and rows(explorer) == 1
    controls["provinces"].value = ("Trà Vinh", "Vĩnh Long")
    assert rows(explorer) == 18
    controls["province_system"].value = "auto"  # the whole period: the 34 provinces
    assert len(controls["provinces"].options) == 34
    assert controls["provinces"].value == ("Vĩnh Long",) and rows(explorer) == 18
    controls["months"].value = (controls["months"].value[0], pd.Period("2025-06", "M"))
    assert len(controls["provinces"].options) == 63 and rows(explorer) == 0
    controls["provinces"].value = ("Trà Vinh",)
    assert rows(explorer) == 16
    controls["terms"].value = ["dân vận", "chuyển đổi số"]
    controls["language"].value = "en"
    chart, table = (output["data"] for output in explorer.output.outputs)
    assert chart["text/plain"] == "Articles per 1,000 (month): dân vận, chuyển đổi số"
    assert "<th>Keyword</th>" in table["text/html"] and rows(explorer) == 16


def test_explorer_shows_errors(processed, monkeypatch):
    explorer = build_explorer(processed)

    def failing(*args, **kwargs):
        raise ParameterError("terms", "x", "broken")

    monkeypatch.setattr(analysis.explore, "explore_view", failing)
    explorer.controls["granularity"].value = "quarter"
    (error,) = explorer.output.outputs
    assert error["output_type"] == "error" and error["ename"] == "ParameterError"


def test_notebook_is_thin_and_clean():
    notebook = json.loads(NOTEBOOK.read_text("utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert all(not cell["outputs"] and cell["execution_count"] is None for cell in code)
    assert code[0]["metadata"]["tags"] == ["parameters"]
    assert notebook["metadata"]["kernelspec"]["name"] == "vnpolicy"  # make lab installs it
    assert "explore" not in available_reports()


def test_notebook_runs_under_papermill(processed, tmp_path):
    nb = papermill.execute_notebook(
        NOTEBOOK, tmp_path / "explore.ipynb", parameters={"data_dir": str(processed)},
        cwd=NOTEBOOK.parent, kernel_manager_class=ProjectKernelManager, progress_bar=False,
    )  # fmt: skip
    (shown,) = nb.cells[-1].outputs
    assert shown["output_type"] == "execute_result" and WIDGET_VIEW in shown["data"]
