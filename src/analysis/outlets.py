"""News outlets: canonical names, lead prefixes and page layout rules (``data/outlets.yml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from urllib.parse import urlsplit

import yaml


@dataclass(frozen=True)
class PageLayout:
    """How to read one outlet's scraped pages; the generic layout has ``outlet=None``."""

    outlet: str | None
    markers: tuple[re.Pattern, ...] = ()
    header: tuple[re.Pattern, ...] = ()
    footer: tuple[re.Pattern, ...] = ()
    category_before_title: bool = False

    def is_header(self, line: str) -> bool:
        return len(line) <= _BOILERPLATE_LINE and any(p.fullmatch(line) for p in self.header)

    def is_footer(self, line: str) -> bool:
        return len(line) <= _BOILERPLATE_LINE and any(p.fullmatch(line) for p in self.footer)


_BOILERPLATE_LINE = 200  # header and footer lines are short; long lines are never matched


@dataclass(frozen=True)
class Outlets:
    names: dict[str, str]  # lower-cased alias or domain -> canonical name
    not_outlets: tuple[re.Pattern, ...]
    layouts: tuple[PageLayout, ...]  # outlet layouts first, the generic one last

    def canonical(self, name: str | None) -> str | None:
        """The canonical name for an alias or domain; unknown names come back as written."""
        if not name or not name.strip():
            return None
        name = name.strip()
        key = name.lower().removeprefix("www.")
        while key:
            if key in self.names:
                return self.names[key]
            if "." not in key.strip("."):
                break
            key = key.split(".", 1)[1]  # sub-domain: thethao.tuoitre.vn -> tuoitre.vn
        return name.removeprefix("www.")

    def from_url(self, url: str | None) -> str | None:
        host = urlsplit(url).hostname if url and "//" in url else None
        return self.canonical(host) if host else None

    def layout_for(self, head: list[str]) -> PageLayout:
        for layout in self.layouts[:-1]:
            if any(p.fullmatch(line) for line in head for p in layout.markers):
                return layout
        return self.layouts[-1]


_LEAD_PREFIX = re.compile(
    r"\(\s*(?P<named>[^()\n]{2,40}?)\s*\)\s*[-–—]+\s*"
    r"|(?P<abbr>[A-ZĐ]{2,}(?:\.[A-Za-z]{2,})?)\s*[-–—]+\s+"
)


def split_lead_prefix(lead: str, outlets: Outlets | None = None) -> tuple[str | None, str]:
    """``"(Tổ Quốc) - Văn phòng ..."`` -> ``("Tổ Quốc", "Văn phòng ...")``; no prefix -> None."""
    match = _LEAD_PREFIX.match(lead)
    if not match:
        return None, lead
    outlets = outlets or load_outlets()
    name = match["named"] or match["abbr"]
    if any(pattern.fullmatch(name) for pattern in outlets.not_outlets):
        return None, lead
    return outlets.canonical(name), lead[match.end() :]


def _patterns(items) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(item) for item in items or ())


@cache
def load_outlets() -> Outlets:
    data = yaml.safe_load(files("analysis").joinpath("data/outlets.yml").read_text("utf-8"))
    generic = data["generic"]
    names, layouts = {}, []
    for outlet in data["outlets"]:
        for alias in [outlet["name"], *outlet.get("aliases", ()), *outlet.get("domains", ())]:
            names[alias.lower()] = outlet["name"]
        rules = outlet.get("layout")
        if rules:
            layouts.append(
                PageLayout(
                    outlet=outlet["name"],
                    markers=_patterns(rules.get("markers")),
                    header=_patterns([*generic["header"], *rules.get("header", ())]),
                    footer=_patterns([*generic["footer"], *rules.get("footer", ())]),
                    category_before_title=rules.get("category_before_title", False),
                )
            )
    layouts.append(
        PageLayout(None, header=_patterns(generic["header"]), footer=_patterns(generic["footer"]))
    )
    return Outlets(names, _patterns(data.get("not_outlets")), tuple(layouts))
