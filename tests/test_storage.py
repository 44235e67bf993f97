import os
import subprocess
import sys

import pyarrow as pa
import pytest

from analysis.storage import (
    Replacement,
    atomic_path,
    json_writer,
    load_processed,
    parquet_writer,
    remove_stale_temporaries,
    write_together,
)


def test_atomic_path_replaces_only_on_success(tmp_path):
    target = tmp_path / "a.json"
    write_together({target: json_writer({"n": 1})})
    with pytest.raises(RuntimeError), atomic_path(target) as temporary:
        temporary.write_text("half", "utf-8")
        raise RuntimeError("killed")
    assert target.read_text("utf-8") == '{\n  "n": 1\n}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_parquet_round_trip_and_selected_columns(tmp_path):
    table = pa.table({"doc_id": ["a", "b"], "n": pa.array([1, None], pa.int32())})
    write_together({tmp_path / "articles.parquet": parquet_writer(table)})
    frame = load_processed(tmp_path, columns=["n"])
    assert list(frame.columns) == ["n"] and str(frame["n"].dtype) == "Int32"


def test_missing_table_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="run `vnpolicy ingest` first"):
        load_processed(tmp_path)


def test_only_temporaries_of_dead_processes_are_removed(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    stale = tmp_path / f".articles.parquet.{dead}.tmp"
    live = tmp_path / f".articles.parquet.{os.getpid()}.tmp"
    for path in (stale, live):
        path.write_bytes(b"partial")
    assert remove_stale_temporaries(tmp_path) == [stale]
    assert not stale.exists() and live.exists()


def test_outputs_change_together_or_not_at_all(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_together({first: json_writer({"run": 1}), second: json_writer({"run": 1})})

    def fail(path):
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_together({first: json_writer({"run": 2}), second: fail})
    assert first.read_text("utf-8") == second.read_text("utf-8") == '{\n  "run": 1\n}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.json"]


def test_a_replacement_commits_its_targets_and_drops_its_scratch(tmp_path):
    target, scratch = tmp_path / "a.parquet", tmp_path / "part.parquet"
    with Replacement() as outputs:
        outputs.path(target).write_text("new", "utf-8")
        outputs.scratch(scratch).write_text("part", "utf-8")
        assert not target.exists()
        outputs.commit()
        assert target.read_text("utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.parquet"]


def test_a_replacement_left_without_commit_changes_nothing(tmp_path):
    target = tmp_path / "a.json"
    target.write_text("old", "utf-8")
    with Replacement() as outputs:
        outputs.path(target).write_text("new", "utf-8")
    assert target.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]
