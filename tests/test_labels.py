"""Reader-facing words: both languages, and a font that has every glyph they need."""

from __future__ import annotations

import pandas as pd

from analysis.charts import missing_glyphs
from analysis.labels import LABELS, label, relabel
from analysis.provinces import load_gazetteer
from analysis.render import PAGE_LABELS
from analysis.reports import TITLES
from analysis.themes import load_themes


def test_every_label_has_both_languages():
    assert all(vi.strip() and en.strip() for vi, en in LABELS.values())
    assert label("articles", "vi") == "Số bài" and label("articles", "en") == "Articles"
    assert label("not-a-key", "en") == "not-a-key"


def test_relabel_columns_and_index():
    frame = pd.DataFrame({"term": ["dân vận"], "count": [3]}).set_index("term")
    shown = relabel(frame, "vi")
    assert list(shown.columns) == ["Số lần"] and shown.index.name == "Thuật ngữ"


def test_the_chart_font_has_every_glyph_readers_see():
    words = [w for pair in LABELS.values() for w in pair]
    words += [w for pair in TITLES.values() for w in pair]
    words += [w for labels in PAGE_LABELS.values() for w in labels.values()]
    words += [t.vi for t in load_themes()] + [t.en for t in load_themes()]
    gazetteer = load_gazetteer()
    words += [*gazetteer.legacy, *gazetteer.current, "Quần đảo Hoàng Sa", "Quần đảo Trường Sa"]
    assert missing_glyphs(" ".join(words)) == set()
    assert missing_glyphs("Thái Bình 太平") == {"太", "平"}  # the check can fail
