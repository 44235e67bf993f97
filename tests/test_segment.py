"""Word segmentation as a verifier: the context it sees and the decisions made from it."""

from analysis.segment import CONTEXT, context_around, crosses_a_word, is_one_word, sentence_around


def span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def test_a_sentence_ends_at_a_line_break():
    text = "Hà Nam ghi nhận 12 ca mắc mới\nBáo Hà Nam điện tử"
    offset, sentence = sentence_around(text, *span(text, "Báo Hà Nam"))
    assert (offset, sentence) == (text.index("Báo"), "Báo Hà Nam điện tử")


def test_the_context_is_a_few_syllables_either_side_within_the_sentence():
    words = [f"từ{i}" for i in range(30)]
    text = "Câu trước. " + " ".join(words[:15]) + " dân vận " + " ".join(words[15:]) + ". Câu sau."
    start, end = span(text, "dân vận")
    offset, context = context_around(text, start, end)
    assert text[offset : offset + len(context)] == context
    assert context.split() == [*words[15 - CONTEXT : 15], "dân", "vận", *words[15 : 15 + CONTEXT]]
    short = "Phát huy dân vận."
    assert context_around(short, *span(short, "dân vận")) == (0, "Phát huy dân vận")
    glued = "Chủ tịch UBND TP.Hà Nội phát biểu."
    start, end = span(glued, "Hà Nội")
    assert context_around(glued, start, end) == (start, "Hà Nội phát biểu.")


def test_a_word_straddling_an_edge_crosses():
    text = "Chính quyền địa phương tuyên truyền để nhân dân vận động con em đến trường."
    assert crosses_a_word(text, *span(text, "dân vận"))
    text = "Tỉnh ủy chỉ đạo làm tốt công tác dân vận trong tình hình mới."
    assert not crosses_a_word(text, *span(text, "dân vận"))


def test_a_word_holding_the_whole_span_does_not_cross():
    text = "Phát triển đường cao tốc"  # one word: "đường cao tốc"
    assert not crosses_a_word(text, *span(text, "cao tốc"))
    assert not is_one_word(text, *span(text, "cao tốc"))


def test_a_name_inside_a_longer_name_is_not_one_word():
    text = "Văn phòng Chính phủ thông báo kết luận của Phó Thủ tướng Trương Hòa Bình."
    assert not is_one_word(text, *span(text, "Hòa Bình"))
    text = "Đoàn công tác làm việc với tỉnh Hòa Bình về công tác dân vận."
    assert is_one_word(text, *span(text, "Hòa Bình"))
