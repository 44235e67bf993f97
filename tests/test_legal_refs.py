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
