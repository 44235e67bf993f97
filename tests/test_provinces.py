import pandas as pd
import pytest

from analysis import load_corpus
from analysis.dates import TIMEZONE
from analysis.provinces import MERGER, extract_mentions, find_mentions, load_gazetteer

BEFORE = pd.Timestamp("2019-01-11", tz=TIMEZONE)
AFTER = pd.Timestamp("2025-08-01", tz=TIMEZONE)


def surfaces(text, published=BEFORE):
    return [m["surface"] for m in find_mentions(text, published)]


def test_gazetteer_from_vietnamadminunits():
    gazetteer = load_gazetteer()
    assert (len(gazetteer.legacy), len(gazetteer.current)) == (63, 34)
    assert gazetteer.merged_into["Hà Giang"] == "Tuyên Quang"
    assert gazetteer.merged_into["Bà Rịa - Vũng Tàu"] == "Hồ Chí Minh"
    assert len(gazetteer.unchanged) == 11
    assert gazetteer.legacy["Yên Bái"].code == "15" and gazetteer.current["Lào Cai"].code == "15"
    assert MERGER == pd.Timestamp("2025-07-01", tz=TIMEZONE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("làm việc với tỉnh An Giang", ["An Giang"]),
        ("tại TP.HCM, TP HCM, TPHCM và Sài Gòn", ["TP.HCM", "TP HCM", "TPHCM", "Sài Gòn"]),
        ("BR-VT, Bà Rịa-Vũng Tàu, Thừa Thiên - Huế, TT-Huế", ["BR-VT", "Bà Rịa-Vũng Tàu",
                                                             "Thừa Thiên - Huế", "TT-Huế"]),
        ("Đắc Lắc, Đăk Nông, Bắc Cạn", ["Đắc Lắc", "Đăk Nông", "Bắc Cạn"]),
        ("tỉnh Bà Rịa -Vũng Tàu, Thừa Thiên- Huế, BÀ RỊA–VŨNG TÀU",
         ["Bà Rịa -Vũng Tàu", "Thừa Thiên- Huế", "BÀ RỊA–VŨNG TÀU"]),
        ("TP Hồ Chí Minh và thành phố Hồ Chí Minh", ["Hồ Chí Minh", "Hồ Chí Minh"]),
        ("Cục Thuế Hà Nội, Công an Thái Bình", ["Hà Nội", "Thái Bình"]),
        ("THANH HÓA", ["THANH HÓA"]),
        ("Công ty ABC tại Hà Nội; công ty đã đầu tư ở Đà Nẵng", ["Hà Nội", "Đà Nẵng"]),
        ("diễn ra tại TP. Huế.", ["Huế"]),
        ("Khánh Hòa", ["Khánh Hòa"]),
        ("Theo thống kê, Hà Nội mới tự sản xuất", ["Hà Nội"]),
        ("làm rúng động thành phố Cảng Hải Phòng", ["Hải Phòng"]),
        ("Festival Trà Thái Nguyên lần thứ 2; gạo Điện Biên", ["Thái Nguyên", "Điện Biên"]),
        ("Tập đoàn Vingroup đầu tư vào Hà Nội. Ngân hàng BIDV hỗ trợ Quảng Nam",
         ["Hà Nội", "Quảng Nam"]),
    ],
)  # fmt: skip
def test_mentions(text, expected):
    assert surfaces(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Phó Thủ tướng Thường trực Chính phủ Trương Hòa Bình phát biểu",
        "bà Lê Thị Hà Giang và ông Nguyễn Thái Bình",
        "anh Bình Định và chị Huế",
        "vì hòa bình và phát triển",
        "tàu chạy trên Thái Bình Dương",
        "Chủ tịch Hồ Chí Minh, tư tưởng Hồ Chí Minh, Đoàn TNCS Hồ Chí Minh, đường Hồ Chí Minh",
        "chiến thắng Điện Biên Phủ, vùng Đồng Tháp Mười",
        "báo Sài Gòn Giải Phóng, Công ty Dược Hậu Giang, CLB Hoàng Anh Gia Lai",
        "đoàn công tác tỉnh Hà Nam (Trung Quốc)",
        "huyện Quảng Ninh, thị xã Quảng Trị, TP Thái Bình",
        "Báo Quảng Bình điện tử, Nhà hát Hòa Bình",
        "Tổng công ty Vận tải Hà Nội, Công ty Vàng bạc Đá quý Sài Gòn, khách sạn Metropole Hà Nội",
        "thẩm quyền giao sử dụng đất mà không qua đấu giá. Khánh Hòa",
        "Công ty cổ phần Vận tải 57 Hà Nội, Dự án NMNĐ Thái Bình 2, Viettel Nghệ An",
        "theo báo Hà Nội mới và báo Công an TP.HCM",
        "gắn bó với V.Ninh Bình; Đạm DAP 1 Lào Cai; Nhà hát Lớn Hà Nội; Việt Quốc/VOV-TPHCM",
        "Hội giảng năm 1983 tỉnh Hà Nam Ninh",
        "Nhà máy đạm Ninh Bình; Kết quả xổ số Bình Phước; tổ hợp Samsung Thái Nguyên",
        "bỏ trốn khỏi trại tạm giam Kiên Giang",
    ],
)
def test_traps_are_not_mentions(text):
    assert surfaces(text) == []


def test_both_systems_around_the_merger():
    text = "tỉnh Ninh Bình (tỉnh Nam Định cũ), tỉnh Tuyên Quang, Hà Giang, Lạng Sơn"
    before = [
        (m["system"], m["province_name"], m["name_2025"]) for m in find_mentions(text, BEFORE)
    ]
    assert before == [
        ("63", "Ninh Bình", "Ninh Bình"), ("63", "Nam Định", "Ninh Bình"),
        ("63", "Tuyên Quang", "Tuyên Quang"), ("63", "Hà Giang", "Tuyên Quang"),
        ("63", "Lạng Sơn", "Lạng Sơn"),
    ]  # fmt: skip
    after = [(m["system"], m["province_code"], m["name_2025"], m["code_2025"])
             for m in find_mentions(text, AFTER)]  # fmt: skip
    assert after == [
        ("34", None, "Ninh Bình", "37"), ("63", "36", "Ninh Bình", "37"),
        ("34", None, "Tuyên Quang", "08"), ("63", "02", "Tuyên Quang", "08"),
        ("34", "20", "Lạng Sơn", "20"),
    ]  # fmt: skip


def test_offsets_point_into_the_text():
    text = "Hội nghị tại Đà Nẵng (Quảng Nam - Đà Nẵng) và TP.HCM"
    for mention in find_mentions(text):
        assert text[mention["start"] : mention["end"]] == mention["surface"]


def test_seed(shared):
    articles = load_corpus(shared / "seed")
    mentions = extract_mentions(articles)
    assert set(mentions["province_name"]) == {"An Giang"}
    assert (mentions["surface"] == "An Giang").all() and len(mentions) >= 8
    assert "Trương Hòa Bình" in articles["text"].iloc[0]
