import re

from analysis.patterns import WordStarts, alternatives, first_match, occurrences, texts_matching


def test_the_longest_word_wins_and_the_look_ahead_changes_no_match():
    words = ["Phó Thủ tướng", "Thủ tướng", "Bộ trưởng"]
    pattern = re.compile(alternatives(words))
    text = "Phó Thủ tướng và Bộ trưởng gặp Thủ tướng"
    assert pattern.findall(text) == ["Phó Thủ tướng", "Bộ trưởng", "Thủ tướng"]
    plain = re.compile("|".join(sorted(words, key=len, reverse=True)))
    assert pattern.findall(text) == plain.findall(text)


def test_any_case_and_word_start():
    pattern = re.compile(alternatives(["yêu cầu", "Đề nghị"], ignore_case=True), re.IGNORECASE)
    assert pattern.findall("YÊU CẦU và đề nghị") == ["YÊU CẦU", "đề nghị"]
    at_start = re.compile(alternatives(["giao"], word_start=True))
    assert [m.start() for m in at_start.finditer("Xgiao, giao việc")] == [7]


def test_texts_matching_tests_every_text_at_once():
    texts = ["Phó Thủ tướng yêu cầu", "thủ tướng", "", "Bộ trưởng Bộ Nội vụ"]
    assert texts_matching(texts, "Thủ tướng|Bộ trưởng").tolist() == [True, False, False, True]
    assert texts_matching([], "x").tolist() == []


def test_occurrences_of_words_in_order():
    text = "giao thông; yêu cầu giao Sở"
    assert occurrences(text, ["yêu cầu", "giao"]) == [0, 12, 20]
    assert occurrences(text, ["đề nghị"]) == []


def test_word_starts_overlapping_and_in_order():
    starts = WordStarts(["Phó Thủ tướng", "Thủ tướng", "Bộ trưởng"])
    assert starts("Phó Thủ tướng và Bộ trưởng") == [0, 4, 17]
    assert starts("không có ai") == []


def test_first_match_is_search_tried_at_the_starts_only():
    words = ["Thủ tướng", "Bộ trưởng"]
    pattern = re.compile(rf"{alternatives(words, word_start=True)} (?P<name>[A-Z]\w+)")
    text = "Phó Thủ tướng nói; XBộ trưởng Lan; Bộ trưởng Hà, Thủ tướng Minh"
    starts = WordStarts(words)(text)
    for at in range(len(text) + 1):
        found, expected = first_match(pattern, text, starts, at), pattern.search(text, at)
        assert (found and found.span()) == (expected and expected.span())
    assert first_match(pattern, text, starts)["name"] == "Hà"  # "XBộ trưởng": no word start
