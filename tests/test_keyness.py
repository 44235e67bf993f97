import math
from collections import OrderedDict

import pandas as pd
import pytest

from analysis import load_corpus
from analysis.keyness import collocates, keyness, log_likelihood, words
from conftest import DEMO


def test_words_are_segmented_lower_cased_and_without_punctuation():
    assert words("Nhân dân vận động, xây dựng nông thôn mới.") == (
        "nhân dân", "vận động", "xây dựng", "nông thôn", "mới"
    )  # fmt: skip


def test_log_likelihood_known_values():
    # G2 of the 2x2 table [[10, 990], [10, 9990]], computed cell by cell
    cells = [(10, 1000 * 20 / 11000), (990, 1000 * 10980 / 11000),
             (10, 10000 * 20 / 11000), (9990, 10000 * 10980 / 11000)]  # fmt: skip
    expected = 2 * sum(o * math.log(o / e) for o, e in cells)
    assert log_likelihood(10, 10, 1000, 10000, williams=False) == pytest.approx(expected)
    q = 1 + (11000 / 1000 + 11000 / 10000 - 1) * (11000 / 20 + 11000 / 10980 - 1) / 66000
    assert log_likelihood(10, 10, 1000, 10000) == pytest.approx(expected / q)
    assert log_likelihood(1, 100, 1000, 10000) < 0  # rarer in the target
    assert log_likelihood(5, 50, 1000, 10000) == pytest.approx(0)


def test_keyness_of_the_post_merger_articles():
    articles = load_corpus(DEMO)
    table = keyness(articles, articles["published"].dt.year == 2025, top_n=10)
    assert table["word"].iloc[0] == "cũ"  # "(cũ)" marks the old provinces after July 2025
    assert (table["G2"].diff().dropna() <= 0).all()
    assert table["p"].iloc[0] < 1e-6
    with pytest.raises(ValueError, match="both in the target and in the reference"):
        keyness(articles, pd.Series(True, index=articles.index))


def test_collocates_of_a_term():
    articles = load_corpus(DEMO)
    table = collocates(articles, "dân vận", top_n=5)
    assert table["word"].iloc[0] == "công tác"  # "công tác dân vận"
    assert (table["elsewhere"] >= 0).all()
    several = collocates(articles, "cải cách thủ tục hành chính", top_n=5)
    assert "đẩy mạnh" in set(several["word"])


def test_word_cache_keeps_words_for_the_next_process(tmp_path, monkeypatch):
    import underthesea

    from analysis import keyness as module

    text = "Tỉnh cần đẩy mạnh cải cách thủ tục hành chính."
    monkeypatch.setattr(module, "_segmented", OrderedDict())
    with module.word_cache(tmp_path):
        segmented = module.words(text)
    (shard,) = tmp_path.glob("words-underthesea-*/*.parquet")
    monkeypatch.setattr(module, "_segmented", OrderedDict())  # a new process, as it were

    def no_segmenting(*args, **kwargs):
        raise AssertionError("segmented again")

    monkeypatch.setattr(underthesea, "word_tokenize", no_segmenting)
    with module.word_cache(tmp_path):
        assert module.words(text) == segmented
    assert list(tmp_path.glob("words-underthesea-*/*.parquet")) == [shard]  # nothing new
    assert "cải cách" in segmented


def test_word_cache_in_a_folder_that_cannot_be_written(tmp_path, monkeypatch):
    from analysis import keyness as module

    monkeypatch.setattr(module, "_segmented", OrderedDict())
    (tmp_path / "file").write_text("not a folder")
    with module.word_cache(tmp_path / "file" / "cache"):
        assert module.words("Dân vận khéo") == ("dân vận", "khéo")
