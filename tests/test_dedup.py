from zlib import crc32

import numpy as np
import pandas as pd
import pytest
from datasketch import LeanMinHash, MinHash, MinHashLSH

from analysis import dedup, load_corpus
from analysis.dates import TIMEZONE
from analysis.dedup import (
    _CELLS,
    MIN_SHINGLES,
    NEAR_DUPLICATE_JACCARD,
    NUM_PERM,
    Sketches,
    _near_copies,
    find_duplicates,
    shingle_hashes,
    shingles,
    signature,
    signatures,
)
from conftest import CORPORA, DEMO

BODY = (
    "Phó Thủ tướng yêu cầu tỉnh tập trung cải cách thủ tục hành chính, đẩy mạnh dịch vụ công "
    "trực tuyến, nâng cao chỉ số hài lòng của người dân và doanh nghiệp. Đồng thời, tỉnh cần "
    "rà soát, sắp xếp tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả; thực hiện tốt "
    "công tác tiếp công dân, giải quyết kịp thời khiếu nại, tố cáo ngay từ cơ sở."
)


def frame(rows):
    rows = [
        {"doc_id": f"d{i}", "path": f"f{i}.txt", "record": None, "text": text,
         "content_hash": str(hash(text)), "published": pd.Timestamp(when, tz=TIMEZONE)}
        for i, (text, when) in enumerate(rows)
    ]  # fmt: skip
    return pd.DataFrame(rows)


def test_exact_and_near_copies_point_to_the_earliest():
    edited = BODY.replace("nâng cao chỉ số hài lòng", "nâng cao mức độ hài lòng")
    other = "Hội nghị tổng kết công tác thi đua khen thưởng năm 2023 của tỉnh. " * 3
    articles = frame([
        (BODY, "2020-03-02"),      # d0: a copy published later
        (BODY, "2020-03-01"),      # d1: the earliest
        (edited, "2020-03-05"),    # d2: syndicated with a small edit
        (other, "2020-03-01"),     # d3: unrelated
    ])  # fmt: skip
    assert find_duplicates(articles).tolist() == ["d1", None, "d1", None]


def test_short_texts_only_match_exactly():
    short = "Thủ tướng dự hội nghị"
    assert len(shingles(short)) < MIN_SHINGLES
    articles = frame([(short, "2020-01-01"), (short + " trực tuyến", "2020-01-02")])
    assert find_duplicates(articles).tolist() == [None, None]


def test_signatures_are_datasketchs_own():
    rng = np.random.default_rng(7)
    sets = [rng.integers(0, 2**32, n, dtype=np.uint64).astype(np.uint32)
            for n in (1, MIN_SHINGLES, _CELLS // NUM_PERM + 1, _CELLS // 8 + 1)]  # fmt: skip
    for hashes in sets:  # the last two take fewer than all permutations at a time
        expected = MinHash(num_perm=NUM_PERM, hashfunc=int)
        expected.update_batch(hashes.tolist())
        assert np.array_equal(signature(hashes), expected.hashvalues)
    together = signatures(np.concatenate(sets), np.array([len(s) for s in sets]))
    assert np.array_equal(together, [signature(hashes) for hashes in sets])


def datasketch_near_copies(signatures: np.ndarray) -> np.ndarray:
    """The reference: datasketch's own LSH index, queried before each insert."""
    lsh = MinHashLSH(threshold=NEAR_DUPLICATE_JACCARD, num_perm=NUM_PERM)
    sketches, roots = [], np.full(len(signatures), -1)
    for row, values in enumerate(signatures):
        sketch = LeanMinHash(seed=1, hashvalues=values, scheme="affine32")
        similar = [(sketch.jaccard(sketches[other]), -other) for other in lsh.query(sketch)]
        similar = [pair for pair in similar if pair[0] >= NEAR_DUPLICATE_JACCARD]
        if similar:
            best = -max(similar)[1]  # the most similar, then the earliest
            roots[row] = best if roots[best] < 0 else roots[best]
        lsh.insert(row, sketch)
        sketches.append(sketch)
    return roots


def test_near_copies_are_those_of_datasketchs_lsh(monkeypatch):
    rng = np.random.default_rng(3)
    texts = [rng.integers(0, 2**32, 200, dtype=np.uint64) for _ in range(40)]
    for _ in range(300):  # copies of copies, each with a few shingles changed
        copy = rng.choice(texts[rng.integers(len(texts))], 200, replace=False)
        copy[rng.integers(0, 200, rng.integers(0, 30))] = rng.integers(0, 2**32)
        texts.append(copy)
    signatures = np.array([signature(t.astype(np.uint32)) for t in texts])
    expected = datasketch_near_copies(signatures)
    assert (expected >= 0).sum() > 150  # copies found, at several levels of similarity
    assert np.array_equal(_near_copies(signatures), expected)
    assert np.array_equal(_near_copies(signatures[:1]), [-1])
    monkeypatch.setattr(dedup, "_PAIRS_AT_ONCE", 7)  # pairs formed for a few rows at a time
    assert np.array_equal(_near_copies(signatures), expected)


def test_a_copy_as_similar_to_two_goes_to_the_earlier():
    a = np.random.default_rng(5).integers(0, 2**32, NUM_PERM, dtype=np.uint64).astype(np.uint32)
    b = a.copy()
    b[:40] += 1  # 88 of 128 values shared: not a copy of a
    c = a.copy()
    c[:20] = b[:20]  # 108 values shared with each
    assert _near_copies(np.array([a, b, c])).tolist() == [-1, -1, 0]
    assert _near_copies(np.array([b, a, c])).tolist() == [-1, -1, 0]


def test_sketches_added_in_batches_find_the_same_copies():
    edited = BODY.replace("nâng cao chỉ số hài lòng", "nâng cao mức độ hài lòng")
    articles = frame([(BODY, "2020-03-02"), (BODY, None), (edited, "2020-03-01"),
                      (BODY, "2020-03-01"), (edited, None)])  # fmt: skip
    sketches = Sketches()
    for start in range(0, len(articles), 2):
        sketches.add(articles.iloc[start : start + 2])
    # unknown dates come last; ties in time go to the row added first
    assert sketches.roots().tolist() == [2, 2, 2, 2, 2]
    assert find_duplicates(articles).tolist() == ["d2", "d2", None, "d2", "d2"]
    assert Sketches().roots().tolist() == []


def test_shingles_are_stable_and_case_insensitive():
    assert (shingles("Dân vận khéo DÂN VẬN KHÉO") == shingles("dân vận  khéo\ndân vận khéo")).all()
    assert shingles("dân vận khéo").tolist() == [1317811348]  # the same in every process and run


def zlib_shingles(text: str) -> np.ndarray:
    """The shingles as first written: CRC-32 of each word, then the 3-word combination."""
    words = np.array([crc32(word.encode()) for word in text.lower().split()], np.uint64)
    p = np.uint64(0x9E3779B1)
    return ((words[:-2] * p + words[1:-1]) * p + words[2:]).astype(np.uint32)


def test_shingles_of_long_words_odd_spaces_and_rare_characters():
    text = " ".join(["x" * 100_000, "𠀀𠀁" * 50, "İstanbul\u2003Ǆ", "a\u00a0b", "😀", "bốn", "năm"])
    assert np.array_equal(shingles(text), zlib_shingles(text))


@pytest.mark.parametrize("odd", ["İstanbul İzmir", "ΟΔΟΣ ΣΑΣ Σ", "'Σ' x", ""])
def test_shingles_of_many_texts_are_those_of_each(odd):  # lower-cased together or one by one
    texts = ["Dân vận khéo THÌ việc gì cũng xong", odd, "ΣΑΣ ΟΔΟΣ thì x", "a b", "Ba Bốn Năm Sáu"]
    hashes, counts = shingle_hashes(texts)
    assert counts.tolist() == [max(len(text.split()) - 2, 0) for text in texts]
    assert np.array_equal(hashes, np.concatenate([zlib_shingles(text) for text in texts]))


def test_the_signature_of_no_shingles_is_an_empty_minhash():
    empty = MinHash(num_perm=NUM_PERM, hashfunc=int)
    assert np.array_equal(signature(np.empty(0, np.uint32)), empty.hashvalues)


def test_demo_corpus_copies_are_found():
    articles = load_corpus(DEMO)
    copies = articles[articles["duplicate_of"].notna()]
    originals = articles.set_index("doc_id").loc[copies["duplicate_of"]]
    assert copies["record"].tolist() == [11, 12]
    assert originals["path"].tolist() == [
        "data/raw/demo/baochinhphu/011_bo-truong-bo-noi-vu-ninh-binh-sap-xep-bo-may-phai-bao-dam"
        "-khong-gian.txt",
        "data/raw/demo/nhandan/011_phu-tho-sau-sap-xep-chinh-quyen-hai-cap-gan-dan-sat-dan-hon.txt",
    ]
    assert copies["content_hash"].iloc[0] == originals["content_hash"].iloc[0]  # exact copy
    assert copies["content_hash"].iloc[1] != originals["content_hash"].iloc[1]  # near copy


def test_same_event_from_different_outlets_is_not_a_copy(shared):
    # VietnameseMDS groups articles of different outlets on one event: none is a copy.
    articles = load_corpus(CORPORA / "vmds_baomoi_2013.jsonl")
    assert articles["duplicate_of"].isna().all()
