import pytest

from analysis.outlets import load_outlets, split_lead_prefix


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Tổ Quốc", "Tổ Quốc"),
        ("toquoc.vn", "Tổ Quốc"),
        ("www.vietnamplus.vn", "Vietnam+"),
        ("thethao.tuoitre.vn", "Tuổi Trẻ"),
        ("TTO", "Tuổi Trẻ"),
        ("NDO", "Nhân Dân"),
        ("baochinhphu.vn", "Chinhphu.vn"),
        ("2sao.vn", "2sao.vn"),
        ("Thanh tra", "Thanh tra"),
        ("", None),
        (None, None),
    ],
)
def test_canonical_names(name, canonical):
    assert load_outlets().canonical(name) == canonical


def test_source_from_url():
    outlets = load_outlets()
    assert outlets.from_url("https://dangcongsan.vn/thoi-su/abc-123.html") == "ĐCSVN"
    assert outlets.from_url("http://www.example.org/a") == "example.org"
    assert outlets.from_url(None) is None


@pytest.mark.parametrize(
    ("lead", "outlet", "rest"),
    [
        ("(Tổ Quốc) - Văn phòng Chính phủ vừa", "Tổ Quốc", "Văn phòng Chính phủ vừa"),
        ("(Chinhphu.vn) - Thủ tướng", "Chinhphu.vn", "Thủ tướng"),
        ("(TTV)- Hiện nay", "TTV", "Hiện nay"),
        ("( Dân trí ) - Sáng nay", "Dân trí", "Sáng nay"),
        ("NDO - Chiều 5/3", "Nhân Dân", "Chiều 5/3"),
        ("VOV.VN - Ngày 23-10", "VOV", "Ngày 23-10"),
        ("TP.HCM - Sáng nay", None, "TP.HCM - Sáng nay"),
        ("Hà Nội - Sáng nay", None, "Hà Nội - Sáng nay"),
        ("Văn phòng Chính phủ (VPCP) - cơ quan", None, "Văn phòng Chính phủ (VPCP) - cơ quan"),
    ],
)
def test_lead_prefix(lead, outlet, rest):
    assert split_lead_prefix(lead) == (outlet, rest)
