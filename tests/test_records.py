import pandas as pd
import pytest

from analysis.dates import TIMEZONE
from analysis.records import MappingError, record_fields, resolve_mapping

NEWS_PLEASE = {
    "authors": ["Minh Anh", "Thu Hà"],
    "date_publish": "2019-01-10 16:30:00",
    "description": "(Chinhphu.vn) - Thủ tướng yêu cầu đẩy mạnh cải cách.",
    "maintext": "Đoạn một.\n\nĐoạn  hai.",
    "source_domain": "baochinhphu.vn",
    "title": "Thủ tướng chỉ đạo cải cách thủ tục hành chính",
    "url": "https://baochinhphu.vn/thu-tuong-chi-dao-102190110.htm",
    "language": "vi",
}


def test_news_please_fields_are_recognised():
    mapping = resolve_mapping(NEWS_PLEASE)
    assert mapping == {
        "title": "title", "lead": "description", "body": "maintext",
        "published": "date_publish", "author": "authors", "source": "source_domain",
        "url": "url",
    }  # fmt: skip
    fields = record_fields(NEWS_PLEASE, mapping)
    assert fields["title"] == "Thủ tướng chỉ đạo cải cách thủ tục hành chính"
    assert fields["lead"] == "Thủ tướng yêu cầu đẩy mạnh cải cách."
    assert fields["body"] == "Đoạn một.\nĐoạn hai."
    assert fields["published"] == pd.Timestamp("2019-01-10 16:30", tz=TIMEZONE)
    assert fields["author"] == "Minh Anh, Thu Hà"
    assert fields["source"] == "Chinhphu.vn"
    assert fields["warnings"] == []


def test_explicit_mapping_and_date_format():
    record = {"tieu_de": "Tiêu đề", "tom_tat": "TTO - Sáng nay", "gio": "2019|01|11 10:22"}
    mapping = resolve_mapping(record, {"title": "tieu_de", "lead": "tom_tat", "published": "gio"})
    fields = record_fields(record, mapping, date_format="%Y|%m|%d %H:%M")
    assert fields["published"] == pd.Timestamp("2019-01-11 10:22", tz=TIMEZONE)
    assert (fields["lead"], fields["source"]) == ("Sáng nay", "Tuổi Trẻ")


def test_unknown_article_field_in_mapping_is_an_error():
    with pytest.raises(MappingError, match="unknown article field"):
        resolve_mapping({}, {"headline": "title"})


def test_odd_values_become_warnings_not_failures():
    record = {"title": "Dòng một\nDòng hai\nDòng ba", "date": "hôm qua", "body": float("nan")}
    fields = record_fields(record, resolve_mapping(record))
    assert fields["title"] == "Dòng một"
    assert fields["body"] is None and fields["published"] is None
    kinds = [w.split(":")[0] for w in fields["warnings"]]
    assert kinds == ["multiline_title", "bad_date"]


def test_source_falls_back_to_lead_prefix_then_url():
    fields = record_fields({"description": "(Tổ Quốc) - Sáng 5/3"}, {"lead": "description"})
    assert fields["source"] == "Tổ Quốc"
    fields = record_fields({"url": "https://www.vietnamplus.vn/a.vnp"}, {"url": "url"})
    assert fields["source"] == "Vietnam+"
