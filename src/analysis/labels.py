"""What readers see, in Vietnamese and English: column names, headings, axis labels, captions."""

from __future__ import annotations

import pandas as pd

LABELS: dict[str, tuple[str, str]] = {  # key -> (Vietnamese, English)
    # columns of the report tables
    "period": ("Kỳ", "Period"),
    "month": ("Tháng", "Month"),
    "quarter": ("Quý", "Quarter"),
    "year": ("Năm", "Year"),
    "term": ("Thuật ngữ", "Term"),
    "count": ("Số lần", "Occurrences"),
    "articles": ("Số bài", "Articles"),
    "total_articles": ("Tổng số bài", "All articles"),
    "per_1000_articles": ("Bài / 1.000 bài", "Articles per 1,000"),
    "per_million_syllables": ("Lần / triệu âm tiết", "Per million syllables"),
    "source": ("Cơ quan báo chí", "Outlet"),
    "province": ("Tỉnh, thành phố", "Province"),
    "code": ("Mã", "Code"),
    "mentions": ("Số lần nhắc", "Mentions"),
    "previous": ("Kỳ trước", "Previous period"),
    "change": ("Thay đổi", "Change"),
    "theme": ("Chủ đề", "Theme"),
    "share": ("Tỷ trọng (%)", "Share (%)"),
    "published": ("Ngày đăng", "Published"),
    "title": ("Tiêu đề", "Title"),
    "url": ("Liên kết", "Link"),
    "issuer": ("Người chỉ đạo", "Issued by"),
    "addressee": ("Đối tượng", "Addressed to"),
    "directive": ("Nội dung chỉ đạo", "Directive"),
    "document": ("Văn bản", "Document"),
    "type": ("Loại", "Type"),
    "citations": ("Số lần trích dẫn", "Citations"),
    "official": ("Quan chức", "Official"),
    "directives": ("Số chỉ đạo", "Directives"),
    "word": ("Từ", "Word"),
    "G2": ("G²", "G²"),
    "target": ("Trong nhóm", "In the subset"),
    "reference": ("Phần còn lại", "Elsewhere"),
    "near": ("Gần thuật ngữ", "Near the term"),
    "elsewhere": ("Chỗ khác", "Elsewhere"),
    "left": ("Ngữ cảnh trái", "Left context"),
    "match": ("Từ khóa", "Keyword"),
    "right": ("Ngữ cảnh phải", "Right context"),
    "field": ("Trường", "Field"),
    "path": ("Tệp", "File"),
    "warning": ("Cảnh báo", "Warning"),
    "duplicate_of": ("Bản sao của", "Copy of"),
    "kind": ("Loại", "Kind"),
    # chart texts
    "source_caption": ("Nguồn", "Source"),
    "articles_unit": ("bài", "articles"),
    "no_match": ("Không có bài nào khớp với lựa chọn", "No articles match the selection"),
    "no_data": ("Không có dữ liệu", "No data"),
    "all_dates": ("toàn bộ thời gian", "all dates"),
}


def label(key: str, language: str = "vi") -> str:
    """The reader's word for ``key``; unknown keys come back as they are."""
    vi, en = LABELS.get(key, (key, key))
    return vi if language == "vi" else en


def relabel(frame: pd.DataFrame, language: str = "vi") -> pd.DataFrame:
    """``frame`` with its columns (and a named index) in the reader's language."""
    renamed = frame.rename(columns=lambda c: label(str(c), language))
    if renamed.index.name:
        renamed.index.name = label(renamed.index.name, language)
    return renamed
