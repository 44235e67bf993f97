import json

import pandas as pd
import pytest

from analysis.dates import TIMEZONE
from analysis.encoding import decode_bytes
from analysis.normalize import normalize_text
from analysis.pages import is_caption, looks_like_author, parse_page
from conftest import DEMO, ROOT


def parse(raw: str) -> dict:
    return parse_page(normalize_text(raw, keep_lines=True))


def test_seed_page_exactly(shared):
    fields = parse(decode_bytes((shared / "seed" / "000_04138829e218d63b.txt").read_bytes()).text)
    assert fields["title"] == (
        "Kết luận của Phó Thủ tướng Trương Hòa Bình về công tác dân vận của An Giang"
    )
    assert fields["category"] == "Thời sự"
    assert fields["published"] == pd.Timestamp("2019-01-11 10:22", tz=TIMEZONE)
    assert fields["source"] == "Tổ Quốc"
    assert fields["author"] == "Thành Trung"
    assert fields["lead"].startswith("Văn phòng Chính phủ vừa có thông báo kết luận")
    assert fields["lead"].endswith('kiểm tra thực hiện "Năm dân vận chính quyền" 2018')
    assert fields["captions"] == [
        "Kết luận của Phó Thủ tướng Trương Hòa Bình về công tác dân vận của An Giang - Ảnh 1.",
        "Ủy viên Bộ Chính trị, Phó Thủ tướng Thường trực Chính phủ Trương Hòa Bình phát biểu "
        "tại buổi làm việc tại An Giang - Ảnh TTXVN",
    ]
    body = fields["body"]
    assert body.startswith("Văn phòng Chính phủ vừa có thông báo kết luận")
    assert body.endswith("tham gia góp ý xây dựng Đảng, xây dựng chính quyền.")
    assert body.count("\n") == 8  # nine paragraphs
    for boilerplate in ("Đường dây nóng", "toasoan@", "Liên hệ quảng cáo", "091.358.6788",
                        "NỔI BẬT", "Thành Trung", "Ảnh 1.", "Thời sự 11/01"):  # fmt: skip
        assert boilerplate not in body
    assert fields["warnings"] == []


BAOCHINHPHU = """BÁO ĐIỆN TỬ CHÍNH PHỦ

Cơ quan của Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam

Đường dây nóng: 080.43162 - Email: thongtinchinhphu@chinhphu.vn

Thủ tướng chỉ đạo đẩy mạnh giải ngân vốn đầu tư công

Thứ Năm, 10/01/2019 16:30 (GMT+7)

(Chinhphu.vn) - Thủ tướng yêu cầu các bộ, ngành đẩy nhanh giải ngân vốn đầu tư công.

Chiều 10/1, Thủ tướng chủ trì cuộc họp về giải ngân vốn đầu tư công.

Quang cảnh cuộc họp. - Ảnh: VGP/Nhật Bắc

Thủ tướng yêu cầu tỉnh Quảng Nam hoàn thành giải phóng mặt bằng trong quý I.

Chia sẻ

Từ khóa: đầu tư công, giải ngân
"""

NHANDAN = """Nhân Dân điện tử

Trang chủ

Chính trị

Kiện toàn bộ máy chính quyền hai cấp tại Ninh Bình

Thứ Sáu, 08-08-2025, 14:20

NDO - Sáng 8/8, Ban Thường vụ Tỉnh ủy Ninh Bình họp bàn về bộ máy.

Tỉnh Ninh Bình (gồm cả tỉnh Nam Định cũ và Hà Nam cũ) đã vận hành chính quyền hai cấp.

Quang cảnh hội nghị. (Ảnh: ĐĂNG KHOA)

Đồng thời, tỉnh yêu cầu rà soát vị trí việc làm.

TRẦN HẢI

Tin liên quan

Ninh Bình sắp xếp các đơn vị sự nghiệp
"""


def test_baochinhphu_layout_has_no_category_or_author():
    fields = parse(BAOCHINHPHU)
    assert fields["title"] == "Thủ tướng chỉ đạo đẩy mạnh giải ngân vốn đầu tư công"
    assert fields["published"] == pd.Timestamp("2019-01-10 16:30", tz=TIMEZONE)
    assert fields["source"] == "Chinhphu.vn"
    assert fields.get("category") is None and fields.get("author") is None
    assert fields["lead"] == "Thủ tướng yêu cầu các bộ, ngành đẩy nhanh giải ngân vốn đầu tư công."
    assert fields["captions"] == ["Quang cảnh cuộc họp. - Ảnh: VGP/Nhật Bắc"]
    assert fields["body"] == (
        "Chiều 10/1, Thủ tướng chủ trì cuộc họp về giải ngân vốn đầu tư công.\n"
        "Thủ tướng yêu cầu tỉnh Quảng Nam hoàn thành giải phóng mặt bằng trong quý I."
    )


def test_nhandan_layout_category_above_title_and_capitalised_author():
    fields = parse(NHANDAN)
    assert fields["category"] == "Chính trị"
    assert fields["title"] == "Kiện toàn bộ máy chính quyền hai cấp tại Ninh Bình"
    assert fields["published"] == pd.Timestamp("2025-08-08 14:20", tz=TIMEZONE)
    assert fields["source"] == "Nhân Dân"
    assert fields["author"] == "TRẦN HẢI"
    assert fields["captions"] == ["Quang cảnh hội nghị. (Ảnh: ĐĂNG KHOA)"]
    assert "Tin liên quan" not in fields["body"] and "sự nghiệp" not in fields["body"]


def test_unknown_layout_keeps_what_it_finds_and_invents_nothing():
    fields = parse("Tiêu đề bài viết\n\nĐoạn mở đầu của bài.\n\nĐoạn thân bài thứ nhất.\n")
    assert fields["title"] == "Tiêu đề bài viết"
    assert fields["lead"] == "Đoạn mở đầu của bài."
    assert fields["body"] == "Đoạn thân bài thứ nhất."
    for missing in ("published", "category", "author"):
        assert fields.get(missing) is None
    assert fields["source"] is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Thành Trung", True),
        ("TRẦN HẢI", True),
        ("Minh Anh (TTXVN)", True),
        ("Thu Hằng - Minh Anh", True),
        ("Theo TTXVN", False),
        ("Hội nghị kết thúc.", False),
        ("các đại biểu đã thống nhất", False),
    ],
)
def test_looks_like_author(line, expected):
    assert looks_like_author(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Quang cảnh buổi làm việc - Ảnh 1.", True),
        ("Phó Thủ tướng phát biểu - Ảnh TTXVN", True),
        ("Đại biểu dự hội nghị. - Ảnh: VGP/Nhật Bắc", True),
        ("Quang cảnh hội nghị. (Ảnh: ĐĂNG KHOA)", True),
        ("Ảnh: Minh Đức", True),
        ("Bão số 3 - Ảnh hưởng nặng nề đến sản xuất nông nghiệp của tỉnh", False),
        ("Tỉnh đã hoàn thành kế hoạch năm 2018.", False),
    ],
)
def test_is_caption(line, expected):
    assert is_caption(line) is expected


def _demo_pages() -> list[dict]:
    entries = []
    for expected in sorted((ROOT / "tests" / "data").glob("demo_expected_*.jsonl")):
        for line in expected.read_text("utf-8").splitlines():
            entry = json.loads(line)
            if entry["file"].endswith(".txt"):
                entries.append(entry)
    return entries


@pytest.mark.parametrize("expected", _demo_pages(), ids=lambda e: e["file"].rsplit("/", 1)[-1])
def test_demo_pages_parse_to_their_labels(expected):
    fields = parse(decode_bytes((ROOT / expected["file"]).read_bytes()).text)
    expected = {k: normalize_text(v) if isinstance(v, str) else v for k, v in expected.items()}
    expected["captions"] = [normalize_text(c) for c in expected["captions"]]
    assert fields["title"] == expected["title"]
    assert fields.get("category") == expected["category"]
    assert fields["published"] == pd.Timestamp(expected["published"]).tz_convert(TIMEZONE)
    assert fields["source"] == expected["source"]
    assert fields.get("author") == expected["author"]
    assert fields["captions"] == expected["captions"]
    assert fields["lead"].startswith(expected["lead_start"])
    assert fields["body"].startswith(expected["body_start"])
    assert fields["body"].endswith(expected["body_end"])
    assert fields["warnings"] == []
    assert DEMO in (ROOT / expected["file"]).parents
