import pandas as pd
import pytest

from analysis import load_corpus
from analysis.legal_refs import extract_legal_refs, find_legal_refs
from conftest import DEMO


@pytest.mark.parametrize(
    ("text", "raw", "kind", "number", "year", "issuer", "key"),
    [
        ("thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị", "Chỉ thị số 05-CT/TW", "chỉ thị",
         "05", None, "TW", "05-CT/TW"),
        ("theo Nghị định 61/2018/NĐ-CP về một cửa", "Nghị định 61/2018/NĐ-CP", "nghị định",
         "61", 2018, "CP", "61/2018/NĐ-CP"),
        ("Nghị định số 61 /2018/NĐ - CP", "Nghị định số 61 /2018/NĐ - CP", "nghị định", "61",
         2018, "CP", "61/2018/NĐ-CP"),
        ("Nghị quyết số 18–NQ/TW", "Nghị quyết số 18–NQ/TW", "nghị quyết", "18", None, "TW",
         "18-NQ/TW"),
        ("Quyết định 1234/QĐ-TTg", "Quyết định 1234/QĐ-TTg", "quyết định", "1234", None, "TTg",
         "1234/QĐ-TTg"),
        ("Quyết định số 2551/QDD-TTg", "Quyết định số 2551/QDD-TTg", "quyết định", "2551", None,
         "TTg", "2551/QĐ-TTg"),
        ("Nghị quyết số 202/2025/QH15 của Quốc hội", "Nghị quyết số 202/2025/QH15",
         "nghị quyết", "202", 2025, "QH15", "202/2025/QH15"),
        ("Luật số 72/2025/QH15", "Luật số 72/2025/QH15", "luật", "72", 2025, "QH15",
         "72/2025/QH15"),
        ("Thông tư số 01/2018/TT-BNV", "Thông tư số 01/2018/TT-BNV", "thông tư", "01", 2018,
         "BNV", "01/2018/TT-BNV"),
        ("Công điện số 86/CĐ-TTg", "Công điện số 86/CĐ-TTg", "công điện", "86", None, "TTg",
         "86/CĐ-TTg"),
        ("Kết luận 126-KL/TW", "Kết luận 126-KL/TW", "kết luận", "126", None, "TW",
         "126-KL/TW"),
        ("căn cứ 05-CT/TW", "05-CT/TW", "chỉ thị", "05", None, "TW", "05-CT/TW"),
        ("Chỉ thị 05-CT/ TW", "Chỉ thị 05-CT/ TW", "chỉ thị", "05", None, "TW", "05-CT/TW"),
        ("Luật Tiếp công dân năm 2013", "Luật Tiếp công dân năm 2013", "luật", None, 2013, None,
         "Luật Tiếp công dân 2013"),
        ("theo Nghị định 64/CP, đã", "Nghị định 64/CP", "nghị định", "64", None, "CP", "64/CP"),
        ("đã ra quyết định 19/C46-P12 truy nã", "quyết định 19/C46-P12", "quyết định", "19", None,
         "C46-P12", "19/C46-P12"),
        ("tại Nghị định số 78/2013/NĐCP của", "Nghị định số 78/2013/NĐCP", "nghị định", "78", 2013,
         "CP", "78/2013/NĐ-CP"),
        ("tàu cá đóng theo nghị định 67.", "nghị định 67", "nghị định", "67", None, None,
         "Nghị định 67"),
        ("tàu cá đóng theo nghị định 67 hư hỏng", "nghị định 67", "nghị định", "67", None, None,
         "Nghị định 67"),
        ("theo quyết định 96 của Bộ", "quyết định 96", "quyết định", "96", None, None,
         "Quyết định 96"),
        ("theo quy hoạch của quyết định 326, có", "quyết định 326", "quyết định", "326", None,
         None, "Quyết định 326"),
        ("Nghị quyết 42/NQ của", "Nghị quyết 42/NQ", "nghị quyết", "42", None, None, "42/NQ"),
        ("tiêu chuẩn của quy định 1161 năm 2015", "quy định 1161 năm 2015", "quy định", "1161",
         2015, None, "Quy định 1161 năm 2015"),
        ("Thông tư Liên tịch số 39/2014/TTLT-BCT-BTC", "Thông tư Liên tịch số 39/2014/TTLT-BCT-BTC",
         "thông tư", "39", 2014, "BCT-BTC", "39/2014/TTLT-BCT-BTC"),
        ("tại văn bản số 219/TB-VPCP", "219/TB-VPCP", "thông báo", "219", None, "VPCP",
         "219/TB-VPCP"),
    ],
)  # fmt: skip
def test_citations(text, raw, kind, number, year, issuer, key):
    (ref,) = find_legal_refs(text)
    assert text[ref["start"] : ref["end"]] == ref["raw"] == raw
    assert (ref["type"], ref["number"], ref["year"], ref["issuer"], ref["key"]) == (
        kind, number, year, issuer, key
    )  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 11/01/2019, đội nhà thắng 3-1",
        "Liên hệ 0901.22.33.66 hoặc số 5 đường Lê Lợi",
        "Luật sư Nguyễn Văn A năm 2019 cho biết",
        "Hội đồng quyết định 12 người đạt giải",
        "mã số 12-AB/XY của sản phẩm",
    ],
)
def test_things_that_are_not_citations(text):
    assert find_legal_refs(text) == []


def test_short_citations_take_the_key_of_the_full_number_cited():
    text = (
        "Nghị định 67/2014/NĐ-CP về thủy sản. Theo ông Tám, Nghị định 67 là chủ trương lớn; "
        "Chỉ thị số 05 của Bộ Chính trị, quyết định số 58 năm 2016 và Nghị quyết 36a."
    )
    refs = [
        (r["raw"], r["type"], r["number"], r["year"], r["issuer"], r["key"])
        for r in find_legal_refs(text)
    ]
    assert refs == [
        ("Nghị định 67/2014/NĐ-CP", "nghị định", "67", 2014, "CP", "67/2014/NĐ-CP"),
        ("Nghị định 67", "nghị định", "67", 2014, "CP", "67/2014/NĐ-CP"),
        ("Chỉ thị số 05", "chỉ thị", "05", None, None, "Chỉ thị 05"),
        ("quyết định số 58 năm 2016", "quyết định", "58", 2016, None, "Quyết định 58 năm 2016"),
        ("Nghị quyết 36a", "nghị quyết", "36a", None, None, "Nghị quyết 36a"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "raw", "key"),
    [
        ("ký ban hành Nghị quyết 19/2017 về", "Nghị quyết 19/2017", "Nghị quyết 19 năm 2017"),
        ("Nghị định 67/2014 NĐ-CP", "Nghị định 67/2014", "Nghị định 67 năm 2014"),
        ("Nghị quyết 19/2017/NQ-CP; Nghị quyết 19/2017", "Nghị quyết 19/2017", "19/2017/NQ-CP"),
    ],
)  # fmt: skip
def test_a_short_citation_with_the_year_after_a_slash(text, raw, key):
    (ref,) = [r for r in find_legal_refs(text) if r["raw"] == raw]
    assert (ref["key"], ref["year"]) == (key, int(raw[-4:]))


def test_a_short_citation_of_two_documents_keeps_what_it_states():
    text = "Nghị quyết 19/2017/NQ-CP và Nghị quyết 19-NQ/TW; Nghị quyết 19 nêu rõ"
    assert [r["key"] for r in find_legal_refs(text)] == [
        "19/2017/NQ-CP", "19-NQ/TW", "Nghị quyết 19"
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    ["Hội đồng quyết định 12 người", "Thông báo 15/3 của trường", "Nghị quyết Trung ương 4",
     "Kết luận 2,5 điểm", "Nghị quyết số", "Ngày 8/10: Thông báo 114 ca tử vong",
     "Kết luận 2 vụ án", "Quyết định 12 người được khen thưởng.", "Công điện 2 lần",
     "Quyết định 3 năm sau", "Nghị định 15%", "theo QCVN 109/2017/BTTTT", "Nghị định 67/",
     "Quốc hội quyết định 4 nhóm vấn đề", "luật quy định 31 tội", "pháp luật quy định 15 ngày",
     "quyết định 2 trong 4 nội dung", "theo quy định 1 thẻ vàng", "văn bản 12/UBND của tỉnh",
     "có Tờ trình số 338/TT-ĐC đề nghị", "Luật quy định 5 điều cấm", "Thường vụ quyết định 5.",
     "Chính phủ quyết định 3 chính sách mới", "quy luật cạnh tranh năm 2015"],
)  # fmt: skip
def test_type_words_before_other_numbers_are_no_short_citations(text):
    assert find_legal_refs(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Theo ông Quân, Luật Thủ đô nêu rõ", [("Luật Thủ đô", "luật", None, "Luật Thủ đô")]),
        ("Luật Thi đua , khen thưởng; Luật Thi đua - khen thưởng; Luật Thi đua khen thưởng",
         [(raw, "luật", None, "Luật Thi đua, khen thưởng") for raw in
          ("Luật Thi đua , khen thưởng", "Luật Thi đua - khen thưởng",
           "Luật Thi đua khen thưởng")]),
        ("Luật Du lịch gồm 9 chương, giảm 2 chương so với Luật Du lịch 2005",
         [("Luật Du lịch", "luật", None, "Luật Du lịch"),
          ("Luật Du lịch 2005", "luật", 2005, "Luật Du lịch 2005")]),
        ("Luật Du lịch năm 2005; dự thảo Luật Du lịch (sửa đổi)",
         [("Luật Du lịch năm 2005", "luật", 2005, "Luật Du lịch 2005"),
          ("Luật Du lịch", "luật", None, "Luật Du lịch")]),
        ("Luật Ngân sách Nhà nước năm 2015 và Luật NSNN",
         [("Luật Ngân sách Nhà nước năm 2015", "luật", 2015, "Luật Ngân sách nhà nước 2015"),
          ("Luật NSNN", "luật", None, "Luật Ngân sách nhà nước")]),
        ("chỉnh lý dự án luật Hỗ trợ DNNVV; kỷ luật Đảng viên; Bộ luật HHVN năm 2015",
         [("luật Hỗ trợ DNNVV", "luật", None, "Luật Hỗ trợ doanh nghiệp nhỏ và vừa"),
          ("Bộ luật HHVN năm 2015", "bộ luật", 2015, "Bộ luật Hàng hải Việt Nam 2015")]),
        ("Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân số 87/2015/QH13",
         [("Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân số 87/2015/QH13",
           "luật", 2015, "87/2015/QH13")]),
        ("Quy định số 181-QĐ/TW của Bộ Chính trị; căn cứ Quy định số 181",
         [("Quy định số 181-QĐ/TW", "quy định", None, "181-QĐ/TW"),
          ("Quy định số 181", "quy định", None, "181-QĐ/TW")]),
        ("điều 93 Bộ luật hình sự và Luật Đầu tư công",
         [("Bộ luật hình sự", "bộ luật", None, "Bộ luật Hình sự"),
          ("Luật Đầu tư công", "luật", None, "Luật Đầu tư công")]),
        ("Luật thi hành tạm giữ tạm giam số 94/2015/QH13",
         [("Luật thi hành tạm giữ tạm giam số 94/2015/QH13", "luật", 2015, "94/2015/QH13")]),
        ("hình thức kỷ luật theo Quy định số 181-QĐ/TW",
         [("Quy định số 181-QĐ/TW", "quy định", None, "181-QĐ/TW")]),
        ("theo Bộ luật hình sự năm 2015",
         [("Bộ luật hình sự năm 2015", "bộ luật", 2015, "Bộ luật Hình sự 2015")]),
        ("Bộ Luật Lao động năm 2012",
         [("Bộ Luật Lao động năm 2012", "bộ luật", 2012, "Bộ luật Lao động 2012")]),
        ("Luật Du lịch năm 2005. Dự thảo Luật Du lịch",
         [("Luật Du lịch năm 2005", "luật", 2005, "Luật Du lịch 2005"),
          ("Luật Du lịch", "luật", None, "Luật Du lịch")]),
        ("Luật Đầu tư nước ngoài tại Việt Nam; Luật Thi đua-khen thưởng",
         [("Luật Đầu tư nước ngoài tại Việt Nam", "luật", None,
           "Luật Đầu tư nước ngoài tại Việt Nam"),
          ("Luật Thi đua-khen thưởng", "luật", None, "Luật Thi đua, khen thưởng")]),
        ("theo Bộ Luật hình sự; Luật Lao động; Luật Cảnh sát biển",
         [("Bộ Luật hình sự", "bộ luật", None, "Bộ luật Hình sự"),
          ("Luật Lao động", "bộ luật", None, "Bộ luật Lao động"),
          ("Luật Cảnh sát biển", "luật", None, "Luật Cảnh sát biển Việt Nam")]),
        ("theo Luật Thanh tra, Nghị định số 86/2011/NĐ-CP",
         [("Luật Thanh tra", "luật", None, "Luật Thanh tra"),
          ("Nghị định số 86/2011/NĐ-CP", "nghị định", 2011, "86/2011/NĐ-CP")]),
        ("Điều 37 của luật ban hành văn bản quy phạm pháp luật năm 2015; theo luật đất đai",
         [("luật ban hành văn bản quy phạm pháp luật năm 2015", "luật", 2015,
           "Luật Ban hành văn bản quy phạm pháp luật 2015")]),
    ],
)  # fmt: skip
def test_laws_named_without_a_number(text, expected):
    assert [(r["raw"], r["type"], r["year"], r["key"]) for r in find_legal_refs(text)] == expected


@pytest.mark.parametrize(
    "text",
    ["Công ước Liên hợp quốc về Luật Biển năm 1982 (UNCLOS)", "theo báo Pháp Luật TP.HCM",
     "sửa luật đất đai cho hợp lý", "Trường Đại học Luật Hà Nội"],
)  # fmt: skip
def test_no_law_of_vietnam(text):
    assert find_legal_refs(text) == []


def test_variants_group_under_one_key():
    refs = extract_legal_refs(pd.DataFrame({
        "doc_id": ["a", "b", "c"],
        "text": ["Chỉ thị 05-CT/TW", "Chỉ thị số 05 - CT/TW", "chỉ thị 05–CT/TW và 18-NQ/TW"],
    }))  # fmt: skip
    assert refs.groupby("key")["doc_id"].nunique().to_dict() == {"05-CT/TW": 3, "18-NQ/TW": 1}


def test_seed_cites_the_mass_mobilisation_directive(shared):
    articles = load_corpus(shared / "seed")
    refs = extract_legal_refs(articles)
    assert refs[["raw", "key", "type"]].values.tolist() == [
        ["Chỉ thị số 05-CT/TW", "05-CT/TW", "chỉ thị"]
    ]


def test_demo_citations_match_their_labels():
    articles = load_corpus(DEMO)
    found = set(extract_legal_refs(articles)["key"])
    assert {"05-CT/TW", "61/2018/NĐ-CP", "18-NQ/TW", "202/2025/QH15", "749/QĐ-TTg"} <= found
