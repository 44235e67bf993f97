"""Writing a measured section into BENCHMARKS.md, between markers the section owns."""

from __future__ import annotations

import re
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "BENCHMARKS.md"


def update_section(marker: str, heading: str, section: str) -> None:
    """Replace the text between ``<!-- marker -->`` and ``<!-- /marker -->``; without them,
    append the section under ``heading``."""
    begin, end = f"<!-- {marker} -->", f"<!-- /{marker} -->"
    text = BENCHMARKS.read_text("utf-8") if BENCHMARKS.exists() else "# Benchmarks\n"
    block = f"{begin}\n{section}\n{end}"
    if begin in text:
        text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + f"\n\n## {heading}\n\n{block}\n"
    BENCHMARKS.write_text(text, "utf-8")
