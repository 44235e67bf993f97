"""Shared fixtures: the real text in ../shared (skipped with a reason when absent)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_04138829e218d63b.txt"
CORPORA = SHARED / "corpora"
DEMO = ROOT / "data" / "raw" / "demo"


@pytest.fixture
def shared() -> Path:
    if not SEED.exists():
        pytest.skip(f"needs the shared corpora beside the project ({SHARED} is absent)")
    return SHARED


@pytest.fixture(scope="session")
def demo_processed(tmp_path_factory) -> Path:
    """The demo corpus ingested once per test run into a fresh folder (data/processed may be
    absent or stale)."""
    from analysis.ingest import ingest

    out = tmp_path_factory.mktemp("demo_processed")
    ingest([DEMO], out, progress=False)
    return out


@pytest.fixture
def chdir_tmp(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def to_cp1258(text: str) -> bytes:
    """Encode NFC text in Windows-1258: letters it lacks as base letter + combining tone mark."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tone = next(c for c in parts if c in tones)
            base = unicodedata.normalize("NFC", parts.replace(tone, ""))
            out.append(base.encode("cp1258") + tone.encode("cp1258"))
    return b"".join(out)
