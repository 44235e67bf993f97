import math

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
    # Dunning's G2 for 10 of 1,000 words against 10 of 10,000
    expected = 2 * (10 * math.log(10 / (1000 * 20 / 11000))
                    + 10 * math.log(10 / (10000 * 20 / 11000)))  # fmt: skip
    assert log_likelihood(10, 10, 1000, 10000) == pytest.approx(expected)
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
