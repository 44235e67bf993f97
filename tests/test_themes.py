import pandas as pd
import pytest

from analysis import load_corpus
from analysis.themes import Theme, ThemeMatcher, load_themes, score_themes, validate_themes
from conftest import DEMO

REQUIRED = {
    "admin_reform", "mass_mobilisation", "anti_corruption", "streamlining", "party_building",
    "citizen_reception", "rural_poverty", "digital", "economy_investment", "security_defence",
    "ethnic_religious", "emulation", "health_education", "environment_disasters",
}  # fmt: skip


def test_the_bundled_lexicon():
    themes = load_themes()
    assert {theme.id for theme in themes} == REQUIRED
    assert all(theme.vi and theme.en and theme.phrases for theme in themes)
    admin = next(theme for theme in themes if theme.id == "admin_reform")
    assert {"cải cách thủ tục hành chính", "một cửa", "dịch vụ công trực tuyến"} <= set(
        admin.phrases
    )
    assert admin.label("en") == "Administrative reform and procedures"


def test_nested_phrases_count_once_and_exclusions_do_not_count():
    themes = (
        Theme("reform", "Cải cách", "Reform",
              ("cải cách thủ tục hành chính", "thủ tục hành chính")),
        Theme("environment", "Môi trường", "Environment", ("môi trường",),
              exclude=("môi trường kinh doanh",)),
    )  # fmt: skip
    matcher = ThemeMatcher(themes)
    text = "Cải cách thủ tục hành chính; thủ tục hành chính; môi trường kinh doanh; môi trường."
    assert matcher.hits(text) == {"reform": 2, "environment": 1}


def test_scores_of_the_seed(shared):
    scores = score_themes(load_corpus(shared / "seed")).set_index("theme")
    assert scores["share"].sum() == pytest.approx(1.0)
    assert scores["hits"].idxmax() == "mass_mobilisation"
    assert {"admin_reform", "citizen_reception", "anti_corruption", "streamlining"} <= set(
        scores.index
    )


def test_validation_finds_shared_nested_and_unused_phrases():
    themes = (
        Theme("a", "A", "A", ("dân vận", "môi trường")),
        Theme("b", "B", "B", ("dân vận", "môi trường kinh doanh", "từ không có")),
    )
    articles = pd.DataFrame({"text": ["công tác dân vận và môi trường kinh doanh"]})
    problems = validate_themes(themes, articles)
    assert sorted(map(tuple, problems[["problem", "phrase"]].values)) == [
        ("nested", "môi trường"), ("never_matches", "từ không có"), ("shared", "dân vận"),
    ]  # fmt: skip


def test_bad_lexicon_files_are_clear_errors(tmp_path):
    path = tmp_path / "themes.yml"
    path.write_text("themes:\n  - id: x\n    vi: X\n", "utf-8")
    with pytest.raises(ValueError, match="lacks"):
        load_themes(path)


def test_demo_themes_move_over_time():
    articles = load_corpus(DEMO)
    scores = score_themes(articles).merge(articles[["doc_id", "published"]], on="doc_id")
    digital = scores[scores.theme == "digital"].groupby(scores["published"].dt.year)["hits"].sum()
    assert digital.loc[2023:].sum() > 3 * digital.loc[:2019].sum()
    streamlining = scores[scores.theme == "streamlining"]
    assert streamlining["published"].dt.year.value_counts().idxmax() == 2025
