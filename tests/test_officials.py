import pytest

from analysis import load_corpus
from analysis.directives import find_directives
from analysis.officials import extract_officials, find_officials, may_name_officials, name_pattern


@pytest.mark.parametrize(
    ("text", "title", "name"),
    [
        ("Ủy viên Bộ Chính trị, Phó Thủ tướng Thường trực Chính phủ Trương Hòa Bình phát biểu",
         "Phó Thủ tướng Thường trực Chính phủ", "Trương Hòa Bình"),
        ("Bộ trưởng Bộ Nội vụ Kiều Văn Phúc đề nghị", "Bộ trưởng Bộ Nội vụ", "Kiều Văn Phúc"),
        ("Chủ tịch UBND tỉnh Thanh Hóa Đỗ Minh Tuấn cho biết", "Chủ tịch UBND tỉnh Thanh Hóa",
         "Đỗ Minh Tuấn"),
        ("Trưởng Ban Dân vận Trung ương Nông Văn Thiện biểu dương",
         "Trưởng Ban Dân vận Trung ương", "Nông Văn Thiện"),
        ("Bộ trưởng Trịnh Thị Lan Anh", "Bộ trưởng", "Trịnh Thị Lan Anh"),
        ("Chủ nhiệm Văn phòng Chính phủ - ông Mai Văn Tiến cho biết",
         "Chủ nhiệm Văn phòng Chính phủ", "Mai Văn Tiến"),
        ("Tổng giám đốc là ông Nguyễn Ngọc Chung và", "Tổng giám đốc", "Nguyễn Ngọc Chung"),
        ("Thủ tướng Chính phủ ông Nguyễn Xuân Phúc", "Thủ tướng Chính phủ", "Nguyễn Xuân Phúc"),
        ("Bí thư Tỉnh ủy Bà Rịa - Vũng Tàu Nguyễn Hồng Lĩnh cho biết",
         "Bí thư Tỉnh ủy Bà Rịa - Vũng Tàu", "Nguyễn Hồng Lĩnh"),
        ("Chánh án TAND Tối cao Nguyễn Hòa Bình cho biết", "Chánh án TAND Tối cao",
         "Nguyễn Hòa Bình"),
        ("Giám đốc Sở Y tế Nguyễn Văn Hội cho biết", "Giám đốc Sở Y tế", "Nguyễn Văn Hội"),
        ("Phó Tổng giám đốc PVN Nguyễn Hùng Dũng yêu cầu", "Phó Tổng giám đốc PVN",
         "Nguyễn Hùng Dũng"),
        ("đón Thủ tướng Nguyễn Xuân Phúc Tại buổi gặp", "Thủ tướng", "Nguyễn Xuân Phúc"),
        ("Bộ trưởng GTVT Trương Quang Nghĩa Trong đầu tư", "Bộ trưởng GTVT", "Trương Quang Nghĩa"),
        ("với Chủ tịch nước Trần Đại Quang] Chủ tịch", "Chủ tịch nước", "Trần Đại Quang"),
        ("Phó Thống đốc NHNN Đào Minh Tú cho biết", "Phó Thống đốc NHNN", "Đào Minh Tú"),
        ("Phó Tổng Thư ký Quốc hội Lê Bộ Lĩnh trình bày", "Phó Tổng Thư ký Quốc hội", "Lê Bộ Lĩnh"),
        ("Phó Chủ tịch Quốc hội Uông Chu Lưu phát biểu", "Phó Chủ tịch Quốc hội", "Uông Chu Lưu"),
        ("Chánh Thanh tra tỉnh Võ Văn Phúc cho biết", "Chánh Thanh tra tỉnh", "Võ Văn Phúc"),
        ("Tổng Lãnh sự Việt Nam tại Frankfurt Nguyễn Hồng Lĩnh cho biết",
         "Tổng Lãnh sự Việt Nam tại Frankfurt", "Nguyễn Hồng Lĩnh"),
        ("Thủ tướng Hà Lan Mark Rutte hội đàm", "Thủ tướng Hà Lan", "Mark Rutte"),
        ("Trưởng ban tiếp công dân tỉnh Nguyễn Văn An cho biết",
         "Trưởng ban tiếp công dân tỉnh", "Nguyễn Văn An"),
        ("Giám đốc Đài Tiếng nói Việt Nam Nguyễn Thế Kỷ", "Giám đốc Đài Tiếng nói Việt Nam",
         "Nguyễn Thế Kỷ"),
        ("Bộ trưởng Giao thông Thái Lan Arkhom Termpittayapaisith", "Bộ trưởng Giao thông Thái Lan",
         "Arkhom Termpittayapaisith"),
    ],
)  # fmt: skip
def test_title_and_name(text, title, name):
    (official,) = find_officials(text)
    assert (official["title"], official["name"]) == (title, name)
    span = text[official["start"] : official["end"]]
    assert span.startswith(title) and span.endswith(f" {name}")


@pytest.mark.parametrize(
    "text",
    ["Thủ tướng Chính phủ yêu cầu các bộ", "Bộ trưởng cho biết", "ông Nguyễn Văn A",
     "Thủ tướng Hà Lan tuyên bố", "Bí thư Tỉnh ủy đã chúc mừng ông Đỗ Văn Duy",
     "Giám đốc Sở Ngoại vụ và bà Trần Thị Thu Hằng", "Bí thư Thành ủy thay ông Đinh La Thăng",
     "Ban Bí thư quyết định chỉ định ông Đỗ Đức Duy", "Tổng Bí thư của đổi mới Theo TS Lê Văn An",
     "trụ sở mới của Đại sứ quán Việt Nam tại La Hay",
     "Dinh thự của Thủ tướng Mark Rutte ở thành phố La Hay",
     "Chủ tịch Cuba Raul Castro tiếp Đại tướng Ngô Xuân Lịch",
     "Chủ tịch Quốc hội Bồ Đào Nha cho biết", "Chủ tịch Hội đồng châu Âu Donald Tusk nói",
     "kiêm Trưởng Đoàn TTVN tại SEA Games", "Phó Chủ nhiệm Đoàn Luật sư TP HCM"],
)  # fmt: skip
def test_no_name_no_official(text):
    assert find_officials(text) == []


def test_an_honorific_before_a_surname_is_no_part_of_the_name():
    assert name_pattern().match("Ông Phạm Minh Chính") is None
    assert name_pattern().match("Ông Ích Khiêm")[0] == "Ông Ích Khiêm"


def test_seed(shared):
    officials = extract_officials(load_corpus(shared / "seed"))
    assert set(officials["name"]) == {"Trương Hòa Bình"}
    assert "Phó Thủ tướng Thường trực Chính phủ" in set(officials["title"])


def test_texts_without_a_title_name_no_official_and_hold_no_directive(shared):
    articles = load_corpus(shared / "corpora" / "vmds_baomoi_2013.jsonl")
    titled = may_name_officials(articles["text"])
    assert 0 < titled.sum() < len(articles)
    assert may_name_officials(["Phó thủ tướng Lê Văn Thành yêu cầu"]).tolist() == [True]
    for text in articles.loc[~titled, "text"]:
        assert find_officials(text) == [] and find_directives(text) == []
