import importlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pandas as pd
import pyarrow.parquet as pq
import pytest

import analysis.corpus
import analysis.storage
from analysis import ingest, load_processed
from conftest import CORPORA, DEMO

ingest_module = importlib.import_module("analysis.ingest")  # `analysis.ingest` is the function

OUTPUTS = [
    "articles.parquet", "files.parquet", "legal_refs.parquet", "province_mentions.parquet",
    "themes.parquet", "officials.parquet", "directives.parquet", "ingest_report.json",
]  # fmt: skip
PAGE = (DEMO / "toquoc" / "001_bo-noi-vu-thai-nguyen-sap-xep-bo-may.txt").read_text("utf-8")


@pytest.fixture
def raw(chdir_tmp):
    """A small corpus: three pages of the demo, one JSONL file, one bad file."""
    folder = chdir_tmp / "raw"
    folder.mkdir()
    for page in sorted((DEMO / "nhandan").glob("*.txt"))[:3]:
        shutil.copy(page, folder / page.name)
    shutil.copy(DEMO / "dangcongsan_newsplease.jsonl", folder / "records.jsonl")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def mtimes(out):
    return {p.name: p.stat().st_mtime_ns for p in out.iterdir()}


def test_outputs_and_report(raw):
    report = ingest(["raw"], "out")
    assert {p.name for p in (raw.parent / "out").iterdir()} == set(OUTPUTS)
    assert report == json.loads((raw.parent / "out" / "ingest_report.json").read_text("utf-8"))
    assert report["files_seen"] == 5 and report["files_loaded"] == 4
    assert report["files_skipped"] == [
        {"path": "raw/empty.txt", "reason": "empty_file: file is empty or only whitespace"}
    ]
    assert report["articles"] == 15
    assert report["warnings_by_kind"] == {"empty_file": 1}
    assert report["files_parsed"] == 5 and report["files_reused"] == 0
    assert report["duration_s"] > 0
    assert report["tables"]["articles.parquet"] == 15
    assert (
        report["tables"]["province_mentions.parquet"]
        == len(load_processed("out", table="province_mentions"))
        > 15
    )
    assert report["published_range"][0].startswith("2018-")

    two = load_processed("out", columns=["doc_id", "published"])
    assert list(two.columns) == ["doc_id", "published"] and len(two) == 15
    files = load_processed("out", table="files")
    assert files.set_index("path").loc["raw/records.jsonl", "n_articles"] == 12


def test_rerun_on_unchanged_input_parses_nothing_and_rewrites_nothing(raw, monkeypatch):
    first = ingest(["raw"], "out")
    before = load_processed("out")
    written = mtimes(raw.parent / "out")

    def no_parsing(*args, **kwargs):
        raise AssertionError("read_file called on unchanged input")

    monkeypatch.setattr(ingest_module, "read_file", no_parsing)
    second = ingest(["raw"], "out")
    assert (second["files_parsed"], second["files_reused"]) == (0, 5)
    assert second["articles"] == first["articles"]
    after = mtimes(raw.parent / "out")
    assert after["articles.parquet"] == written["articles.parquet"]
    assert after["files.parquet"] == written["files.parquet"]
    assert load_processed("out").equals(before)


def test_changed_new_renamed_and_deleted_files(raw):
    ingest(["raw"], "out")
    ids = set(load_processed("out")["doc_id"])
    pages = sorted(raw.glob("0*.txt"))

    pages[0].write_text(pages[0].read_text("utf-8").replace("NDO - ", "NDO - Hôm nay, "), "utf-8")
    (raw / "new.txt").write_text(PAGE, "utf-8")
    report = ingest(["raw"], "out")
    assert (report["files_parsed"], report["files_reused"]) == (2, 4)
    assert report["articles"] == 16

    pages[1].rename(raw / "renamed.txt")
    pages[2].unlink()
    report = ingest(["raw"], "out")
    assert (report["files_parsed"], report["files_reused"]) == (0, 5)
    articles = load_processed("out")
    assert len(articles) == 15
    assert "raw/renamed.txt" in set(articles["path"])
    assert not {str(pages[1].relative_to(raw.parent)), str(pages[2].relative_to(raw.parent))} & set(
        articles["path"]
    )
    assert len(ids & set(articles["doc_id"])) == 13  # the unchanged articles keep their ids


def test_other_options_reparse_everything(raw):
    ingest(["raw"], "out")
    report = ingest(["raw"], "out", mapping={"lead": "description"})
    assert report["files_parsed"] == 5


def test_doc_ids_are_stable_across_fresh_runs(raw):
    ingest(["raw"], "a")
    ingest(["raw"], "b")
    assert load_processed("a")["doc_id"].tolist() == load_processed("b")["doc_id"].tolist()


def test_a_failed_write_leaves_the_previous_outputs(raw, monkeypatch):
    ingest(["raw"], "out")
    before = load_processed("out")
    (raw / "new.txt").write_text(PAGE, "utf-8")
    real_write = analysis.storage.pq.write_table

    def write_half_then_fail(table, where, **kwargs):
        real_write(table.slice(0, 2), where, **kwargs)
        raise OSError("disk full")

    monkeypatch.setattr(analysis.storage.pq, "write_table", write_half_then_fail)
    with pytest.raises(OSError, match="disk full"):
        ingest(["raw"], "out")
    assert load_processed("out").equals(before)
    assert sorted(p.name for p in (raw.parent / "out").iterdir()) == sorted(OUTPUTS)


def test_a_killed_ingest_leaves_readable_outputs(shared, chdir_tmp):
    """SIGKILL a real ingest while it writes: the outputs are the old or the new ones."""
    vnpolicy = [sys.executable, "-m", "analysis.cli"]
    args = ["ingest", str(DEMO), "--out", "out", "--no-progress"]
    subprocess.run([*vnpolicy, *args], check=True, capture_output=True)
    old_rows = pq.read_metadata("out/articles.parquet").num_rows

    args = ["ingest", str(DEMO), str(CORPORA), "--out", "out", "--no-progress"]
    process = subprocess.Popen([*vnpolicy, *args], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not list((chdir_tmp / "out").glob(".*.tmp")) and process.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.001)
    assert process.poll() is None, "the run ended before it was seen writing"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert pq.read_metadata("out/articles.parquet").num_rows == old_rows
    assert len(load_processed("out")) == old_rows
    assert len(load_processed("out", table="files")) == 53

    subprocess.run([*vnpolicy, *args], check=True, capture_output=True)
    assert not list((chdir_tmp / "out").glob(".*.tmp"))  # leftovers of the killed run removed
    assert len(load_processed("out")) > old_rows


def test_ids_do_not_depend_on_the_rest_of_the_corpus(raw):
    (raw / "records.jsonl").unlink()  # every article left has no url
    ingest(["raw"], "out")
    before = load_processed("out").set_index("path")["doc_id"]
    (raw / "more.jsonl").write_text(
        '{"title": "Có url", "maintext": "Nội dung.", "url": "https://example.vn/a"}\n', "utf-8"
    )
    ingest(["raw"], "out")
    after = load_processed("out").set_index("path")["doc_id"]
    assert after.loc[before.index].equals(before)
    ingest(["raw"], "fresh")
    assert load_processed("fresh").set_index("path")["doc_id"].equals(after)


def test_a_new_extension_is_a_new_file(raw):
    lines = (raw / "records.jsonl").read_text("utf-8").splitlines()
    (raw / "export.dat").write_text("\n".join(reversed(lines)), "utf-8")
    first = ingest(["raw"], "out")
    assert "raw/export.dat" in [skipped["path"] for skipped in first["files_skipped"]]
    (raw / "export.dat").rename(raw / "export.jsonl")
    second = ingest(["raw"], "out")
    assert second["files_parsed"] == 1
    assert second["articles"] == first["articles"] + 12


def test_outputs_inside_the_input_are_not_read_back(raw):
    first = ingest(["raw"], "raw/out")
    second = ingest(["raw"], "raw/out")
    assert first["articles"] == second["articles"] == 15
    assert second["files_parsed"] == 0


TABLES = [name.removesuffix(".parquet") for name in OUTPUTS if name.endswith(".parquet")]


def tables(out):
    return {name: load_processed(out, table=name) for name in TABLES}


def small_batches(monkeypatch):
    """Batches of a few articles, a parsed file handed over every two articles, and the
    annotation tables written every few rows."""
    monkeypatch.setattr(ingest_module, "BATCH_CHARACTERS", 3_000)
    monkeypatch.setattr(ingest_module, "ANNOTATION_ROWS", 5)
    monkeypatch.setattr(analysis.corpus, "HAND_OVER_EVERY", 2)


def test_the_tables_do_not_depend_on_the_batches(raw, monkeypatch):
    (raw / "copy.jsonl").write_bytes((raw / "records.jsonl").read_bytes())  # exact copies
    whole = ingest(["raw"], "whole")
    small_batches(monkeypatch)
    batched = ingest(["raw"], "batched")
    assert batched["articles"] == whole["articles"] == 27
    assert batched["duplicates"] == whole["duplicates"] == {"exact": 12, "near": 0}
    assert batched["tables"] == whole["tables"]
    assert pq.ParquetFile("batched/articles.parquet").num_row_groups > 5
    assert pq.ParquetFile("batched/province_mentions.parquet").num_row_groups > 5
    for name, table in tables("whole").items():
        assert tables("batched")[name].equals(table), name
    assert load_processed("batched", table="files")["n_articles"].sum() == 27


def test_a_run_reusing_cached_rows_in_batches_equals_a_fresh_one(raw, monkeypatch):
    small_batches(monkeypatch)
    ingest(["raw"], "out")
    pages = sorted(raw.glob("0*.txt"))
    pages[0].write_text(pages[0].read_text("utf-8").replace("NDO - ", "NDO - Hôm nay, "), "utf-8")
    pages[1].rename(raw / "zz-renamed.txt")
    (raw / "aa-new.txt").write_text(PAGE, "utf-8")
    report = ingest(["raw"], "out")
    assert (report["files_parsed"], report["files_reused"]) == (2, 4)
    ingest(["raw"], "fresh")
    for name, table in tables("fresh").items():
        assert tables("out")[name].equals(table), name


def test_workers_annotating_side_by_side_give_the_same_tables(raw, monkeypatch):
    small_batches(monkeypatch)  # many batches in flight at once
    one = ingest(["raw"], "one")
    two = ingest(["raw"], "two", workers=2)
    assert two["tables"] == one["tables"]
    for name, table in tables("one").items():
        assert tables("two")[name].equals(table), name


def test_plain_pandas_reads_the_contract_types(raw):
    ingest(["raw"], "out")
    for name in TABLES:
        plain = pd.read_parquet(f"out/{name}.parquet")
        assert plain.dtypes.to_dict() == load_processed("out", table=name).dtypes.to_dict(), name


def test_nothing_read_into_a_new_folder_leaves_no_folder(chdir_tmp):
    (chdir_tmp / "empty.txt").write_bytes(b"")
    report = ingest(["empty.txt"], "out")
    assert report["articles"] == 0 and "tables" not in report
    assert not (chdir_tmp / "out").exists()
