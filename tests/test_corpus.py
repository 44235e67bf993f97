import json
import unicodedata
from collections import Counter

import pandas as pd
import pyarrow as pa
import pytest

from analysis import ARTICLES_SCHEMA, corpus, load_corpus
from analysis.corpus import article_rows, input_files, ordered_articles, read_corpus, read_file
from analysis.dates import TIMEZONE
from conftest import CORPORA, SEED, to_cp1258

PAGE = """Tiêu đề thử nghiệm về cải cách hành chính

Thời sự 05/03/2020 08:15

(Tổ Quốc) - Lời dẫn của bài viết.

Đoạn thân bài thứ nhất nói về tỉnh Quảng Ninh.

Đoạn thân bài thứ hai.

Minh Anh
"""


def write(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def load(paths, **options):
    """Articles and files (indexed by path) of ``paths``."""
    corpus = read_corpus(paths, **options)
    return corpus.articles, corpus.files.set_index("path")


def kinds(warnings):
    return [w.split(":", 1)[0] for w in warnings]


def test_mixed_formats_in_nested_folders(chdir_tmp):
    record = {"title": "Bản ghi JSON", "maintext": "Nội dung.", "date_publish": "2021-06-01"}
    write(chdir_tmp / "raw/pages/a.txt", PAGE)
    write(chdir_tmp / "raw/records/b.jsonl", json.dumps(record, ensure_ascii=False) + "\n")
    write(chdir_tmp / "raw/records/c.json", json.dumps([record, record], ensure_ascii=False))
    export = {"title": "Xuất dữ liệu", "exported": "2024-01-01", "data": [record]}
    write(chdir_tmp / "raw/records/d.json", json.dumps(export))
    write(chdir_tmp / "raw/records/lines.json", json.dumps(record) + "\n" + json.dumps(record))
    csv = "title,body,published\nBản ghi CSV,Nội dung CSV.,02/01/2020\n"
    write(chdir_tmp / "raw/tables/e.csv", csv)
    parquet = {"title": "Bản ghi Parquet", "body": "Nội dung.", "authors": ["An", "Bình"]}
    pd.DataFrame([parquet]).to_parquet(chdir_tmp / "raw/tables/f.parquet")
    write(chdir_tmp / "raw/web/g.html", "<html><head><title>Trang HTML</title></head><body>"
          "<article><p>" + "Nội dung trang HTML về chuyển đổi số. " * 10 + "</p></article>"
          "</body></html>")  # fmt: skip
    write(chdir_tmp / "raw/README.md", "# notes, not an article")
    write(chdir_tmp / "raw/.hidden.txt", PAGE)

    frame, files = load("raw")
    assert list(frame.columns) == ARTICLES_SCHEMA.names
    assert frame.groupby("format").size().to_dict() == {
        "page": 1,
        "jsonl": 1,
        "json": 5,
        "csv": 1,
        "parquet": 1,
        "html": 1,
    }
    assert frame["path"].str.startswith("raw/").all()
    page = frame[frame.format == "page"].iloc[0]
    assert (page.title, page.source, page.author) == (
        "Tiêu đề thử nghiệm về cải cách hành chính",
        "Tổ Quốc",
        "Minh Anh",
    )
    assert page.text == (
        "Tiêu đề thử nghiệm về cải cách hành chính\nLời dẫn của bài viết.\n"
        "Đoạn thân bài thứ nhất nói về tỉnh Quảng Ninh.\nĐoạn thân bài thứ hai."
    )
    assert page.n_syllables == 29
    assert frame[frame.format == "parquet"].iloc[0].author == "An, Bình"
    csv = frame[frame.format == "csv"].iloc[0]
    assert csv.published == pd.Timestamp("2020-01-02", tz=TIMEZONE)
    assert frame[frame.format == "json"]["record"].tolist() == [1, 2, 1, 1, 2]
    assert set(frame[frame.format == "json"]["title"]) == {"Bản ghi JSON"}
    assert frame["doc_id"].is_unique
    assert (files["status"] == "loaded").all() and len(files) == 8


def test_csv_with_a_mapping(chdir_tmp):
    write(chdir_tmp / "baiviet.csv",
          "tieu_de;sapo;noi_dung;thoi_gian\nTiêu đề;(Chinhphu.vn) - Lời dẫn;Thân bài;"
          "11/01/2019 10:22\n".replace(";", ","))  # fmt: skip
    frame = load_corpus(
        "baiviet.csv",
        mapping={"title": "tieu_de", "lead": "sapo", "body": "noi_dung", "published": "thoi_gian"},
        date_format="%d/%m/%Y %H:%M",
    )
    row = frame.iloc[0]
    assert (row.title, row.lead, row.body, row.source) == (
        "Tiêu đề",
        "Lời dẫn",
        "Thân bài",
        "Chinhphu.vn",
    )
    assert row.published == pd.Timestamp("2019-01-11 10:22", tz=TIMEZONE)


def test_csv_delimiter_is_detected(chdir_tmp):
    write(chdir_tmp / "a.csv", "title;body\nTiêu đề, có dấu phẩy;Thân bài, còn nữa\n")
    frame = load_corpus("a.csv")
    assert (frame.title.iloc[0], frame.body.iloc[0]) == (
        "Tiêu đề, có dấu phẩy",
        "Thân bài, còn nữa",
    )


def test_files_without_articles_are_skipped_with_a_reason(chdir_tmp):
    write(chdir_tmp / "a.json", "[]")
    write(chdir_tmp / "b.csv", "title,body\n")
    write(chdir_tmp / "c.html", "<html><head></head><body></body></html>")
    write(chdir_tmp / "d.jsonl", '{"id": 1}\n')
    _, files = load(["a.json", "b.csv", "c.html", "d.jsonl"])
    assert files["status"].tolist() == ["skipped"] * 4
    assert [kinds(w)[0] for w in files["warnings"]] == ["no_articles"] * 4


def test_bad_inputs_are_skipped_or_warned_and_the_rest_loads(chdir_tmp):
    raw = chdir_tmp / "raw"
    write(raw / "good.txt", PAGE)
    write(raw / "empty.txt", b"")
    write(raw / "blank.txt", b"  \n \t\n")
    write(raw / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    write(raw / "garbage.txt", bytes(range(0x80, 0x100)) * 40)
    write(raw / "markup.txt", PAGE.replace("Đoạn thân bài thứ hai.",
          "<p>Đoạn thân bài thứ hai.</p> <script>alert('x')</script> &nbsp;"))  # fmt: skip
    write(raw / "huge.txt", PAGE + ("Một đoạn rất dài về cải cách. " * 70_000 + "\n"))
    good_line = json.dumps({"title": "Tốt", "maintext": "Nội dung."}, ensure_ascii=False)
    write(raw / "records.jsonl", f'{good_line}\n{{"title": "hỏng",\n[1, 2]\n{good_line}\n')
    write(raw / "broken.json", '{"title": "thiếu ngoặc"')
    write(raw / "bad.csv", "title,body\nA,B\nC,D,E\n")
    write(raw / "report.docx", b"PK\x03\x04 not ours")

    frame, files = load("raw")
    assert kinds(files.loc["raw/empty.txt", "warnings"]) == ["empty_file"]
    assert kinds(files.loc["raw/blank.txt", "warnings"]) == ["empty_file"]
    assert kinds(files.loc["raw/image.txt", "warnings"]) == ["binary_file"]
    assert kinds(files.loc["raw/garbage.txt", "warnings"]) == ["undecodable"]
    assert kinds(files.loc["raw/broken.json", "warnings"]) == ["malformed_file"]
    assert kinds(files.loc["raw/report.docx", "warnings"]) == ["unknown_extension"]
    assert "'.docx' is not a known format" in files.loc["raw/report.docx", "warnings"][0]
    skipped = files[files.status == "skipped"].index.tolist()
    assert sorted(skipped) == sorted(["raw/empty.txt", "raw/blank.txt", "raw/image.txt",
        "raw/garbage.txt", "raw/broken.json", "raw/report.docx"])  # fmt: skip

    jsonl = files.loc["raw/records.jsonl", "warnings"]
    assert jsonl[0].startswith("malformed_record: line 2 is not valid JSON")
    assert jsonl[1] == "malformed_record: line 3 is not an object; skipped"
    assert frame[frame.path == "raw/records.jsonl"]["record"].tolist() == [1, 4]
    assert kinds(files.loc["raw/bad.csv", "warnings"]) == ["malformed_record"]
    assert "line 3" in files.loc["raw/bad.csv", "warnings"][0]
    assert kinds(files.loc["raw/huge.txt", "warnings"]) == ["large_file"]
    assert len(frame[frame.path == "raw/huge.txt"].body.iloc[0]) > 2_000_000

    markup = frame[frame.path == "raw/markup.txt"].iloc[0]
    assert kinds(markup.warnings) == ["markup"]
    assert "<p>Đoạn thân bài thứ hai.</p> <script>alert('x')</script> &nbsp;" in markup.body
    assert sorted(frame.path) == sorted(
        ["raw/good.txt", "raw/markup.txt", "raw/huge.txt", "raw/records.jsonl",
         "raw/records.jsonl", "raw/bad.csv"]
    )  # fmt: skip


def test_legacy_and_unicode_encodings_load_to_the_same_text(chdir_tmp):
    text = "Phó Thủ tướng yêu cầu tỉnh Đắk Lắk đẩy mạnh cải cách thủ tục hành chính"
    tcvn3 = "Phã Thñ t\u00adíng yªu cÇu tØnh §¾k L¾k ®Èy m¹nh c¶i c¸ch thñ tôc hµnh chÝnh"
    write(chdir_tmp / "a_utf16.txt", text.encode("utf-16"))
    write(chdir_tmp / "b_cp1258.txt", to_cp1258(text))
    write(chdir_tmp / "c_tcvn3.txt", tcvn3.encode("latin-1"))
    frame, files = load(["a_utf16.txt", "b_cp1258.txt", "c_tcvn3.txt"])
    assert frame["title"].tolist() == [text, text, text]
    assert files["encoding"].tolist() == ["utf-16", "cp1258", "tcvn3"]
    assert kinds(files.loc["c_tcvn3.txt", "warnings"]) == ["legacy_encoding"]


def test_missing_paths_are_reported(chdir_tmp, caplog):
    write(chdir_tmp / "a.txt", PAGE)
    frame = load_corpus(["a.txt", "nowhere"])
    assert len(frame) == 1
    assert "nowhere: not found" in caplog.text
    assert input_files(["nowhere"]) == ([], ["nowhere: not found"])


@pytest.mark.parametrize(
    "name", ["vmds_baomoi_2013.jsonl", "baomoi_2017_gov.jsonl", "vfnd_newsplease.jsonl"]
)
def test_shared_corpora_with_bodies_load(shared, name):
    with open(CORPORA / name, encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    frame = load_corpus(CORPORA / name)
    assert len(frame) >= 0.99 * len(records)
    # VFND also holds 12 Facebook posts (_kind Social_Contents), which have no title.
    articles = [i for i, r in enumerate(records, 1) if r.get("_kind") != "Social_Contents"]
    frame = frame[frame["record"].isin(articles)]
    complete = frame["title"].notna() & frame["body"].notna()
    assert complete.sum() >= 0.99 * len(articles)
    assert frame["text"].map(lambda t: unicodedata.is_normalized("NFC", t)).all()


def test_shared_title_and_lead_corpus_loads(shared):
    with open(CORPORA / "danes_title_lead.jsonl", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    frame = load_corpus(CORPORA / "danes_title_lead.jsonl")
    assert len(frame) >= 0.99 * len(records)
    assert frame["title"].notna().mean() >= 0.99
    with_lead = sum(1 for r in records if r["description"].strip())
    assert frame["lead"].notna().sum() == with_lead  # every lead kept; the corpus has no bodies
    assert (frame["source"] == "Tổ Quốc").sum() >= 165


def test_vmds_times_are_vietnam_timestamps(shared):
    with open(CORPORA / "vmds_baomoi_2013.jsonl", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    frame = load_corpus(CORPORA / "vmds_baomoi_2013.jsonl").set_index("record")
    assert str(frame["published"].dtype) == f"datetime64[us, {TIMEZONE}]"
    timed = [(i, r["time"]) for i, r in enumerate(records, start=1) if r.get("time")]
    assert len(timed) >= 400
    for record, time_text in timed:
        expected = pd.Timestamp(pd.to_datetime(time_text, format="%d/%m/%Y %H:%M"), tz=TIMEZONE)
        assert frame.loc[record, "published"] == expected
    untimed = [i for i, r in enumerate(records, start=1) if not r.get("time")]
    assert frame.loc[untimed, "published"].isna().all()
    first = frame.loc[1]
    assert first.published == pd.Timestamp("2013-10-23 11:39", tz=TIMEZONE)
    assert first.source == "Tuổi Trẻ"


def test_seed_through_load_corpus(shared):
    frame = load_corpus(SEED)
    row = frame.iloc[0]
    assert row.format == "page" and row.record is pd.NA
    assert row.text.startswith(row.title + "\n" + row.lead + "\n" + row.body[:20])
    assert list(row.captions)[1].endswith("- Ảnh TTXVN")


def test_each_file_is_read_once_and_symlinks_are_followed(chdir_tmp):
    write(chdir_tmp / "raw/a.txt", PAGE)
    (chdir_tmp / "linked").symlink_to(chdir_tmp / "raw", target_is_directory=True)
    (chdir_tmp / "raw/loop").symlink_to(chdir_tmp / "raw", target_is_directory=True)
    files, problems = input_files(["raw", "raw/a.txt", "./raw", "linked"])
    assert [str(f) for f in files] == ["raw/a.txt"] and problems == []
    assert [str(f) for f in input_files(["linked"])[0]] == ["linked/a.txt"]


def test_unreadable_file_is_a_read_error(chdir_tmp):
    (chdir_tmp / "folder.txt").mkdir()
    result = read_file(chdir_tmp / "folder.txt")
    assert result.skipped and kinds(result.warnings) == ["read_error"]


def test_a_json_escape_of_half_a_utf16_pair_does_not_stop_the_file(chdir_tmp):
    (chdir_tmp / "a.jsonl").write_text(  # "\ud800" decodes to a character UTF-8 cannot hold
        '{"title": "Tin \\ud800 lỗi", "body": "Nội dung."}\n{"title": "Tin tốt"}\n', "utf-8"
    )
    result = read_file(chdir_tmp / "a.jsonl")
    assert [article["title"] for article in result.articles] == ["Tin \ufffd lỗi", "Tin tốt"]


def test_a_large_file_hands_its_articles_over_while_read(chdir_tmp, monkeypatch):
    monkeypatch.setattr(corpus, "HAND_OVER_EVERY", 5)
    lines = [json.dumps({"title": f"Bài {i}", "body": "Nội dung."}) for i in range(12)]
    path = chdir_tmp / "many.jsonl"
    path.write_text("\n".join(lines) + "\n\n", "utf-8")
    taken = []

    def hand_over(result):
        taken.append([article["title"] for article in result.articles])
        result.articles.clear()

    result = corpus.parse_file(path, path.read_bytes(), hand_over=hand_over)
    assert taken == [[f"Bài {i}" for i in range(5)], [f"Bài {i}" for i in range(5, 10)]]
    assert [article["record"] for article in result.articles] == [11, 12]
    assert result.summary()["n_articles"] == 12 and not result.skipped


def test_records_read_in_small_chunks_give_the_same_articles_and_warnings(chdir_tmp, monkeypatch):
    lines = [json.dumps({"title": f"Thanh Hoá {i}", "body": "Uỷ ban  nhân dân."}) for i in range(9)]
    lines[2], lines[5], lines[7] = "{not json", json.dumps(["a list"]), json.dumps({"title": " "})
    path = chdir_tmp / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    whole = read_file(path)
    monkeypatch.setattr(corpus, "NORMALISED_AT_ONCE", 10)  # a chunk per record or two
    chunked = read_file(path)
    assert chunked.articles == whole.articles and chunked.warnings == whole.warnings
    assert [a["record"] for a in whole.articles] == [1, 2, 4, 5, 7, 9]
    assert [w.split(":")[0] for w in whole.warnings] == ["malformed_record"] * 2 + ["no_text"]
    assert (
        whole.articles[0]["title"] == "Thanh Hóa 0"
        and whole.articles[0]["body"] == "Ủy ban nhân dân."
    )


def test_article_rows_and_their_order(chdir_tmp):
    lines = [json.dumps({"title": f"Tin {i}", "body": "Nội dung một hai."}) for i in range(3)]
    write(chdir_tmp / "b.jsonl", "\n".join(lines))
    write(chdir_tmp / "a.txt", PAGE)
    results = [read_file(chdir_tmp / "b.jsonl"), read_file(chdir_tmp / "a.txt")]
    rows = article_rows(results)
    assert rows.schema.equals(ARTICLES_SCHEMA)
    assert rows["path"].to_pylist() == ["b.jsonl"] * 3 + ["a.txt"]
    assert rows["record"].to_pylist() == [1, 2, 3, None]
    assert rows["n_syllables"].to_pylist()[:3] == [6, 6, 6]
    seen = Counter()
    ordered = ordered_articles(pa.concat_tables([rows, rows.slice(0, 1)]), seen)
    assert ordered.schema.equals(ARTICLES_SCHEMA)
    assert ordered["record"].to_pylist() == [None, 1, 1, 2, 3]  # by path, then record, stable
    first = rows["doc_id"][0].as_py()
    assert ordered["doc_id"].to_pylist()[1:3] == [first, f"{first}-2"]
    again = ordered_articles(rows.slice(0, 1), seen)  # a later batch: ids stay unique
    assert again["doc_id"].to_pylist() == [f"{first}-3"]
    assert ordered["duplicate_of"].null_count == len(ordered)
