"""The annotation stages on the labelled set (tests/data/labelled/): the issue's targets hold.

The figures themselves come from bench/accuracy.py, which this test runs.
"""

import importlib.util
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))  # bench/accuracy.py imports its neighbour module
spec = importlib.util.spec_from_file_location("accuracy", ROOT / "bench" / "accuracy.py")
accuracy = importlib.util.module_from_spec(spec)
spec.loader.exec_module(accuracy)


def test_labelled_set_is_large_enough():
    items = accuracy.labelled_items()
    assert len(items) >= 90 and sum(bool(item.get("trap")) for item in items) >= 30
    assert sum(item["id"].startswith("a") for item in items) >= 10


def test_accuracy_targets():
    result = accuracy.evaluate(accuracy.labelled_items())
    assert result["province_precision"] >= 0.97
    assert result["province_recall"] >= 0.97
    assert result["legal_f1"] >= 0.95
    assert result["term_exact"] >= 0.98
