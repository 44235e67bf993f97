"""Scraped article pages (the layout of ``../shared/seed``): header boilerplate, title,
"<category> <date>" line, lead "(Outlet) - ...", photo captions, body, author, footer.

Outlet-specific rules are data (``data/outlets.yml``); what no rule knows stays null.
"""

from __future__ import annotations

import re

from .dates import VIETNAMESE_DATETIME, DateError, parse_published, timestamp_from_match
from .normalize import UPPER
from .outlets import Outlets, PageLayout, load_outlets, split_lead_prefix

_WEEKDAY = r"(?:Thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|Chủ\s+nhật|CN)"
_DATE_LINE = re.compile(  # "[category] [weekday,] [ngày] date [time] [(GMT+7)]"
    rf"(?:(?P<category>(?!{_WEEKDAY})(?=[^\d|]*[^\W\d_])[^|]{{1,40}}?)\s*\|?\s+)?"
    rf"(?:{_WEEKDAY}\s*,?\s*)?(?:ngày\s+)?"
    rf"(?:{VIETNAMESE_DATETIME.pattern}|(?P<iso>\d{{4}}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?))"
    r"\s*(?:\(?\s*GMT\s*\+\s*0?7(?::00)?\s*\)?)?",
    re.IGNORECASE,
)
_NOT_CATEGORY = re.compile(r"(?i).*\b(cập nhật|đăng|ngày|thời gian|xuất bản|lúc)\b.*|.*[,:;]")
_CAPTION = re.compile(
    r".{3,300}?\s[-–]\s*Ảnh\s*\d{1,2}\.?"  # image placeholder "... - Ảnh 1."
    r"|.{3,300}?\s[-–]\s*Ảnh\s*:\s*\S.{0,60}"  # credit "... - Ảnh: VGP/Nhật Bắc"
    rf"|.{{3,300}}?\s[-–]\s*Ảnh\s+[{UPPER}]\S*(?:\s+[{UPPER}]\S*){{0,3}}"  # "- Ảnh TTXVN"
    r"|.{3,300}?\(\s*Ảnh\s*:[^()]{1,60}\)\.?"  # "... (Ảnh: ĐĂNG KHOA)"
    r"|\(?Ảnh\s*:.{1,80}"  # a credit on its own line
)
_AGENCY_SUFFIX = re.compile(r"\s*(?:\([^()]{2,30}\)|[-–]\s*\S+)$")
_NAME_JOINERS = {"-", "–", "và", "/", "&"}
_HEAD_LINES = 20


def looks_like_author(line: str) -> bool:
    """ "Thành Trung", "TRẦN HẢI", "Minh Anh (TTXVN)": a short run of capitalised words."""
    if len(line) > 50 or line[-1] in ".!?:;,…\"'”" or ":" in line:
        return False
    if line.startswith(("Theo ", "Nguồn", "Ảnh")):
        return False
    words = _AGENCY_SUFFIX.sub("", line).split()
    names = [w for w in words if w not in _NAME_JOINERS]
    return 0 < len(names) <= 6 and all(w[0].isupper() and w[0].isalpha() for w in names)


def is_caption(line: str) -> bool:
    return len(line) <= 400 and _CAPTION.fullmatch(line) is not None


def parse_page(text: str, *, outlets: Outlets | None = None) -> dict:
    """The fields of one page, given as normalised text with one paragraph per line."""
    outlets = outlets or load_outlets()
    lines = text.split("\n")
    layout = outlets.layout_for(lines[:_HEAD_LINES])
    fields: dict = {"source": layout.outlet, "warnings": []}

    date_at, match = _find_date_line(lines)
    if match is not None:
        try:
            fields["published"] = (
                parse_published(match["iso"]) if match["iso"] else timestamp_from_match(match)
            )
        except DateError as err:
            fields["warnings"].append(f"bad_date: {err}")
        title_at = date_at - 1
        if title_at < 0 or layout.is_header(lines[title_at]):
            title_at = date_at + 1  # the date comes before the title
            rest = lines[title_at + 1 :]
        else:
            rest = lines[date_at + 1 :]
        fields["category"] = _category(match, lines, title_at, layout)
    else:
        title_at = next((i for i, line in enumerate(lines) if not layout.is_header(line)), 0)
        rest = lines[title_at + 1 :]
    fields["title"] = lines[title_at] if title_at < len(lines) else None

    footer_at = next((i for i, line in enumerate(rest) if layout.is_footer(line)), len(rest))
    rest = rest[:footer_at]
    if rest and not is_caption(rest[0]):
        outlet, fields["lead"] = split_lead_prefix(rest[0], outlets)
        fields["source"] = outlet or fields["source"]
        rest = rest[1:]
    fields["captions"] = [line for line in rest if is_caption(line)]
    body = [line for line in rest if not is_caption(line)]
    if len(body) > 1 and looks_like_author(body[-1]):
        fields["author"] = body.pop()
    fields["body"] = "\n".join(body)
    return fields


def _find_date_line(lines: list[str]) -> tuple[int, re.Match | None]:
    for i, line in enumerate(lines[:_HEAD_LINES]):
        if len(line) <= 80 and (match := _DATE_LINE.fullmatch(line)):
            return i, match
    return -1, None


def _category(match: re.Match, lines: list[str], title_at: int, layout: PageLayout) -> str | None:
    if layout.category_before_title:
        above = lines[title_at - 1] if title_at >= 1 else None
        return above if above and not layout.is_header(above) and len(above) <= 40 else None
    category = (match["category"] or "").strip()
    return category if category and not _NOT_CATEGORY.fullmatch(category) else None
