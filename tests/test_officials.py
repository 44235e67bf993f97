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
        ("Chủ tịch Cuba Raul Castro tiếp Đại tướng Ngô Xuân Lịch", "Chủ tịch Cuba", "Raul Castro"),
        ("theo lời dạy của Chủ tịch Hồ Chí Minh, cán bộ", "Chủ tịch", "Hồ Chí Minh"),
        ("Thủ tướng Nhật Bản Shinzo Abe cho biết", "Thủ tướng Nhật Bản", "Shinzo Abe"),
        ("Tổng Bí thư, Chủ tịch Trung Quốc Tập Cận Bình mời", "Chủ tịch Trung Quốc",
         "Tập Cận Bình"),
        ("Chủ tịch Hội Nông dân Việt Nam Thào Xuân Sùng phát biểu",
         "Chủ tịch Hội Nông dân Việt Nam", "Thào Xuân Sùng"),
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
     "Chủ tịch Hạ viện Hà Lan. Tại hội đàm", "Chủ tịch nước Việt Nam Dân chủ Cộng hòa",
     "Chủ tịch Quốc hội Bồ Đào Nha cho biết", "Chủ tịch Hội đồng châu Âu Donald Tusk nói",
     "kiêm Trưởng Đoàn TTVN tại SEA Games", "Phó Chủ nhiệm Đoàn Luật sư TP HCM"],
)  # fmt: skip
def test_no_name_no_official(text):
    assert find_officials(text) == []


@pytest.mark.parametrize(
    ("text", "title", "name"),
    [
        ("ông Lê Hữu Hoàng, Phó Chủ tịch thường trực UBND tỉnh Khánh Hòa đã ký quyết định",
         "Phó Chủ tịch thường trực UBND tỉnh Khánh Hòa", "Lê Hữu Hoàng"),
        ("Đại tướng Ngô Xuân Lịch - Bộ trưởng Bộ Quốc phòng gửi lẵng hoa",
         "Bộ trưởng Bộ Quốc phòng", "Ngô Xuân Lịch"),
        ("Đồng chí Vương Duy Biên, Thứ trưởng Bộ Văn hóa, Thể thao và Du lịch điều hành",
         "Thứ trưởng Bộ Văn hóa", "Vương Duy Biên"),
        ("bà Phan Thanh Vân, Phó Tổng giám đốc Tổng công ty Viễn thông Viettel cho biết",
         "Phó Tổng giám đốc Tổng công ty Viễn thông Viettel", "Phan Thanh Vân"),
        ("ông Hồ Huy Thành, Giám đốc Sở Tài nguyên và Môi trường, cùng đại diện",
         "Giám đốc Sở Tài nguyên và Môi trường", "Hồ Huy Thành"),
        ("ông Lê Hồng Sơn - Giám đốc Sở GD-ĐT TP.HCM đọc báo cáo",
         "Giám đốc Sở GD-ĐT TP.HCM", "Lê Hồng Sơn"),
        ("bà Ma Thị Nguyệt, Phó Chủ tịch UBND tỉnh, Trưởng ban Tổ chức Festival",
         "Phó Chủ tịch UBND tỉnh", "Ma Thị Nguyệt"),
        ("ông Phạm Minh Chính - Trưởng ban Tổ chức trung ương đã đọc quyết định",
         "Trưởng ban Tổ chức trung ương", "Phạm Minh Chính"),
        ("Đại tá Nguyễn Hồng Thái, Trưởng Công an quận Hoàng Mai, Hà Nội xác nhận",
         "Trưởng Công an quận Hoàng Mai", "Nguyễn Hồng Thái"),
        ("ông Trịnh Xuân Thanh - nguyên Chủ tịch Tổng công ty PVC. Đồng thời",
         "nguyên Chủ tịch Tổng công ty PVC", "Trịnh Xuân Thanh"),
    ],
)  # fmt: skip
def test_a_name_then_its_title(text, title, name):
    (official,) = find_officials(text)
    assert (official["title"], official["name"]) == (title, name)
    span = text[official["start"] : official["end"]]
    assert span.startswith(name) and span.endswith(title)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Ủy viên Bộ Chính trị, nguyên Phó Thủ tướng Vũ Đức Đam phát biểu", "nguyên Phó Thủ tướng"),
        ("Nguyên Bộ trưởng Tư pháp Hà Hùng Cường cho biết", "Nguyên Bộ trưởng Tư pháp"),
        ("cựu Bộ trưởng Đường sắt Lưu Chí Quân", "cựu Bộ trưởng Đường sắt"),
        ("Bộ Trưởng Bộ Y tế Nguyễn Thanh Long", "Bộ Trưởng Bộ Y tế"),
        ("Tổng Cục trưởng Tổng cục Đường bộ Việt Nam Nguyễn Văn Huyện",
         "Tổng Cục trưởng Tổng cục Đường bộ Việt Nam"),
    ],
)  # fmt: skip
def test_former_officials_and_capitalised_titles(text, title):
    (official,) = find_officials(text)
    assert official["title"] == title
    assert text[official["start"] :].startswith(title)


def test_names_listed_after_a_plural_title_share_it():
    text = "cùng các Phó Thủ tướng Trịnh Đình Dũng, Vũ Đức Đam và Vương Đình Huệ dự"
    officials = find_officials(text)
    assert [(o["title"], o["name"]) for o in officials] == [
        ("Phó Thủ tướng", name) for name in ("Trịnh Đình Dũng", "Vũ Đức Đam", "Vương Đình Huệ")
    ]
    assert [text[o["start"] : o["end"]] for o in officials[1:]] == ["Vũ Đức Đam", "Vương Đình Huệ"]
    # a former title is not shared: "nguyên Thủ tướng Võ Văn Kiệt, Phan Văn Khải, Nguyễn Minh
    # Triết" lists leaders who held different offices
    text = "nguyên Thủ tướng Võ Văn Kiệt, Phan Văn Khải, Nguyễn Minh Triết"
    assert [o["name"] for o in find_officials(text)] == ["Võ Văn Kiệt"]
    assert len(find_officials("Sáng thứ hai Bộ trưởng Nguyễn Chí Dũng, Trần Tuấn Anh")) == 1
    assert len(find_officials("Thủ tướng Nguyễn Xuân Phúc, Nguyễn Thiện Nhân")) == 1
    assert len(find_officials("nguyên Bộ trưởng Hà Hùng Cường và Hà Nội")) == 1


@pytest.mark.parametrize(
    ("text", "foreign"),
    [("Thủ tướng Nhật Bản Shinzo Abe cho biết", True), ("Thủ tướng Hà Lan Mark Rutte", True),
     ("Đại sứ Nga tại Việt Nam Konstantin Vnukov", True),
     ("Đại sứ Việt Nam tại Nhật Bản Nguyễn Quốc Cường", False),
     ("Giám đốc Bệnh viện Việt Đức Nguyễn Tiến Quyết", False),
     ("Bộ trưởng Ngoại giao Việt Nam Phạm Bình Minh", False), ("Bộ trưởng Tô Lâm", False),
     ("Thủ tướng CHDCND Lào Thongloun Sisoulith", True), ("Tổng Thống Mỹ Donald Trump", True),
     ("Chủ tịch UBND huyện Đông Anh Tô Văn Minh", False),
     ("Phó Chủ tịch UBND tỉnh Lào Cai Lê Ngọc Hưng", False),
     ("Tổng thống Moon Jae-in cho biết", True), ("Ngoại trưởng Phạm Bình Minh", False),
     ("Đại sứ Việt Nam tại Thái Lan Lê Thành", False),
     ("Đại sứ nước ta tại Trung Quốc Đặng Minh Khôi", False),
     ("Chủ tịch Tập đoàn Việt - Úc Nguyễn Văn Bình", False),
     ("ông Nguyễn Văn An, Trưởng ban Pháp chế HĐND TP Hà Nội", False),
     ("ông Hồ Cẩm Đào, cựu Chủ tịch nước Trung Quốc đã", True)],
)  # fmt: skip
def test_foreign_officials(text, foreign):
    (official,) = find_officials(text)
    assert official["foreign"] is foreign


@pytest.mark.parametrize(
    ("text", "title", "name"),
    [("Phó Chủ tịch UBND tỉnh Lào Cai Lê Ngọc Hưng cho biết", "Phó Chủ tịch UBND tỉnh Lào Cai",
      "Lê Ngọc Hưng"),
     ("Chủ tịch UBND huyện Nga Sơn Mai Văn Bình", "Chủ tịch UBND huyện Nga Sơn", "Mai Văn Bình"),
     ("Trưởng Công an quận Hoàng Mai Nguyễn Hồng Thái cho biết", "Trưởng Công an quận Hoàng Mai",
      "Nguyễn Hồng Thái"),
     ("ông Lê Văn Thành, Chủ tịch UBND TP. Hải Phòng cho biết", "Chủ tịch UBND TP. Hải Phòng",
      "Lê Văn Thành")],
)  # fmt: skip
def test_country_and_place_syllables_inside_titles(text, title, name):
    (official,) = find_officials(text)
    assert (official["title"], official["name"], official["foreign"]) == (title, name, False)


def test_a_title_after_a_name_that_runs_over_another_official_is_not_theirs():
    text = "đồng chí Võ Văn Thưởng, nguyên Chủ tịch Quốc hội Nguyễn Sinh Hùng và đoàn"
    assert [o["name"] for o in find_officials(text)] == ["Nguyễn Sinh Hùng"]


def test_a_namesake_of_a_school_or_street_is_no_official():
    assert find_officials("Hiệu trưởng Trường THPT Lê Quý Đôn cho biết") == []


def test_a_place_after_a_place_word_is_no_name():
    assert find_officials("Trưởng Công an quận Hoàng Mai, Hà Nội xác nhận") == []
    assert find_officials("ông Nguyễn Văn Hưng, Phó Chủ tịch UBND xã Chu Phan.")[0]["name"] == (
        "Nguyễn Văn Hưng")  # fmt: skip
    (official,) = find_officials("Chủ tịch UBND tỉnh Trương Quốc Huy kiểm tra")
    assert official["name"] == "Trương Quốc Huy"


def test_a_name_with_a_title_before_it_keeps_that_one():
    (official,) = find_officials("Thủ tướng Chính phủ ông Nguyễn Xuân Phúc, Bí thư Ban cán sự")
    assert (official["title"], official["name"]) == ("Thủ tướng Chính phủ", "Nguyễn Xuân Phúc")


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
