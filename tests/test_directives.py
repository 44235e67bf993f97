import pandas as pd
import pytest

from analysis import load_corpus
from analysis.dates import TIMEZONE
from analysis.directives import extract_directives, find_directives, sentences

ARTICLE = "\n".join([
    "Phó Thủ tướng yêu cầu Bình Định đẩy mạnh cải cách",
    "(Chinhphu.vn) - Văn phòng Chính phủ thông báo kết luận của Phó Thủ tướng Lê Văn Thành.",
    "Theo báo cáo, tỉnh đã giải quyết 98% hồ sơ đúng hạn. Phó Thủ tướng Lê Văn Thành ghi nhận "
    "kết quả đó và yêu cầu Bình Định thực hiện nghiêm Nghị định 61/2018/NĐ-CP. Tỉnh phải công "
    "khai thủ tục hành chính.",
    "Đồng thời, tỉnh cần đẩy mạnh dịch vụ công trực tuyến.",
    "Phó Thủ tướng giao Bộ Nội vụ hướng dẫn tỉnh sắp xếp bộ máy. Bộ Tài chính được giao bố trí "
    "kinh phí.",
    "Tại buổi làm việc, lãnh đạo tỉnh cho biết sẽ tiếp thu các ý kiến chỉ đạo.",
])  # fmt: skip


def test_sentences_and_paragraphs():
    spans = sentences("Câu một. Câu hai TP.HCM 2.883 người!\nĐoạn hai.")
    assert [(s, e, p) for s, e, p in spans] == [(0, 8, 0), (9, 36, 0), (37, 46, 1)]


def test_sentences_after_initials_quotes_and_stops_at_line_ends():
    text = "Ông A. Cô-bi-a-cốp nói: “Tốt.” Sau đó về.\nĐoạn hai?\nđoạn ba"
    assert [(text[s:e], p) for s, e, p in sentences(text)] == [
        ("Ông A. Cô-bi-a-cốp nói: “Tốt.", 0), ("Sau đó về.", 0), ("Đoạn hai?", 1), ("đoạn ba", 2)
    ]  # fmt: skip


def test_a_directive_list():
    found = find_directives(ARTICLE, pd.Timestamp("2019-05-01", tz=TIMEZONE))
    rows = [(d["text"][:30], d["issuer"], d["addressee"], d["continuation"]) for d in found]
    issuer = "Phó Thủ tướng Lê Văn Thành"
    assert rows == [
        ("Phó Thủ tướng Lê Văn Thành ghi", issuer, "Bình Định", False),
        ("Tỉnh phải công khai thủ tục hà", issuer, "Bình Định", True),
        ("Đồng thời, tỉnh cần đẩy mạnh d", issuer, "Bình Định", True),
        ("Phó Thủ tướng giao Bộ Nội vụ h", issuer, "Bộ Nội vụ", False),
        ("Bộ Tài chính được giao bố trí ", issuer, "Bộ Tài chính", False),
    ]
    assert found[0]["legal_refs"] == ["61/2018/NĐ-CP"]
    assert found[1]["themes"] == found[2]["themes"] == ["admin_reform"]
    for directive in found:
        assert ARTICLE[directive["start"] : directive["end"]] == directive["text"]


def test_an_official_named_before_the_title_directs():
    text = ("Bình Thuận chống dịch\nÔng Nguyễn Quốc Việt, Giám đốc Sở Y tế tỉnh Bình Thuận yêu cầu "
            "các bệnh viện trực 24/24.")  # fmt: skip
    (found,) = find_directives(text)
    assert found["issuer"] == "Giám đốc Sở Y tế tỉnh Bình Thuận Nguyễn Quốc Việt"


def test_a_second_title_of_an_official_is_theirs():
    text = ("Giải ngân vốn đầu tư công\nPhó Thủ tướng Vương Đình Huệ, Tổ trưởng Tổ Công tác của "
            "Chính phủ chỉ đạo đẩy nhanh tiến độ giải ngân.")  # fmt: skip
    (found,) = find_directives(text)
    assert found["issuer"] == "Phó Thủ tướng Vương Đình Huệ"


def test_a_former_official_does_not_direct():
    text = "Trả nhà công vụ\nNguyên Bộ trưởng Hà Hùng Cường đề nghị cho phép kéo dài thời hạn thuê."
    assert find_directives(text) == []


def test_a_foreign_official_does_not_direct():
    for line in ("Thủ tướng Anh Theresa May yêu cầu thực hiện một cuộc điều tra.",
                 "Tổng thống Pháp đã yêu cầu thủ tướng gặp gỡ các đảng."):  # fmt: skip
        assert find_directives(f"Tin thế giới\n{line}") == []
    text = "Tin\nThủ tướng Anh Theresa May phát biểu. Thủ tướng yêu cầu điều tra vụ cháy."
    assert find_directives(text) == []


@pytest.mark.parametrize(
    ("text", "issuer"),
    [("Thủ tướng Nguyễn Xuân Phúc tiếp Thủ tướng Nhật Bản Shinzo Abe. Khi gặp Thủ tướng Nhật Bản "
      "Shinzo Abe, Thủ tướng đề nghị hai bên tăng cường hợp tác.", "Thủ tướng Nguyễn Xuân Phúc"),
     ("Thứ trưởng Huỳnh Vĩnh Ái dự họp. Theo chỉ đạo của Phó Thủ tướng Vũ Đức Đam, Thứ trưởng Ái "
      "đã yêu cầu các đơn vị rà soát.", "Thứ trưởng Huỳnh Vĩnh Ái"),
     ("Thủ tướng Nguyễn Xuân Phúc dự họp. Thủ Tướng yêu cầu các bộ khẩn trương.",
      "Thủ tướng Nguyễn Xuân Phúc")],
)  # fmt: skip
def test_a_title_after_an_official_that_starts_a_clause_is_someone_else(text, issuer):
    assert [d["issuer"] for d in find_directives(f"Tin\n{text}")] == [issuer]


def test_a_body_issues_no_directive_as_a_person():
    assert find_directives("Tin\nBộ Tư lệnh vùng Cảnh sát biển 4 yêu cầu các đơn vị trực.") == []


def test_no_official_no_directive():
    text = "Tiêu đề\nNgười dân yêu cầu giải quyết sớm. Các yêu cầu đã được đáp ứng."
    assert find_directives(text) == []


def test_seed_requests_run_to_the_end_of_the_body(shared):
    articles = load_corpus(shared / "seed")
    directives = extract_directives(articles)
    body = articles["body"].iloc[0]
    assert directives["text"].iloc[0].startswith("Phó Thủ tướng yêu cầu trong thời gian tới")
    assert body.endswith(directives["text"].iloc[-1])
    assert (directives["issuer"] == "Phó Thủ tướng Thường trực Chính phủ Trương Hòa Bình").all()
    assert (directives["addressee"] == "An Giang").all()
    assert directives["continuation"].tolist() == [False] + [True] * (len(directives) - 1)
    assert ["05-CT/TW"] in directives["legal_refs"].map(list).tolist()
