import numpy as np
import pandas as pd
from datasketch import MinHash

from analysis import load_corpus
from analysis.dates import TIMEZONE
from analysis.dedup import _BATCH, MIN_SHINGLES, NUM_PERM, find_duplicates, shingles, signature
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
            for n in (1, MIN_SHINGLES, _BATCH + 1, 3 * _BATCH)]  # fmt: skip
    for hashes in sets:
        expected = MinHash(num_perm=NUM_PERM, hashfunc=int)
        expected.update_batch(hashes.tolist())
        assert np.array_equal(signature(hashes).hashvalues, expected.hashvalues)
        assert signature(hashes).jaccard(expected) == 1.0


def test_shingles_are_stable_and_case_insensitive():
    assert (shingles("Dân vận khéo DÂN VẬN KHÉO") == shingles("dân vận  khéo\ndân vận khéo")).all()
    assert shingles("dân vận khéo").tolist() == [1317811348]  # the same in every process and run


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
