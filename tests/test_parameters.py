"""Report parameters: defaults, validation into a Selection, ParameterError and report periods."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from analysis import parameters
from analysis.parameters import (
    DEFAULTS,
    ParameterError,
    Province,
    Selection,
    check_names,
    closest,
    fold,
    parameter_names,
    period_dates,
    unknown_parameters,
    validate_parameters,
)
from analysis.provinces import Gazetteer, load_gazetteer

TZ = "Asia/Ho_Chi_Minh"
NAMES = ", ".join(DEFAULTS)  # the parameters every report has, in the order of DEFAULTS


@pytest.fixture(scope="module")
def data_dir(demo_processed) -> str:
    return str(demo_processed)


def validate(data_dir: str, report: str | None = None, **values) -> Selection:
    return validate_parameters({"data_dir": data_dir, **values}, report=report)


def error_of(data_dir: str, report: str | None = None, **values) -> ParameterError:
    with pytest.raises(ParameterError) as caught:
        validate(data_dir, report, **values)
    return caught.value


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz=TZ)


# --- defaults and the Selection -------------------------------------------------------------


def test_defaults_validate_into_a_selection(data_dir):
    selection = validate_parameters({**DEFAULTS, "data_dir": data_dir})
    assert selection == Selection(
        data_dir=Path(data_dir),
        date_from=None,
        date_to=None,
        sources=(),
        provinces=(),
        terms=(),
        themes=(),
        granularity="month",
        province_system="34",
        language="vi",
        top_n=10,
        province=None,
    )


def test_parameter_names_add_the_report_specific_ones():
    assert parameter_names() == DEFAULTS
    assert parameter_names("overview") == DEFAULTS
    assert parameter_names("province_profile") == {**DEFAULTS, "province": "Hà Nội"}
    assert unknown_parameters(["terms", "province", "term"]) == ["province", "term"]
    assert unknown_parameters(["terms", "province"], "province_profile") == []


def test_missing_articles_parquet_is_an_error(tmp_path):
    with pytest.raises(ParameterError) as caught:
        validate_parameters({"data_dir": str(tmp_path)})
    assert (caught.value.name, caught.value.value) == ("data_dir", str(tmp_path))
    assert caught.value.problem == (
        "no articles.parquet there: run `vnpolicy ingest` first, or name the folder it wrote"
    )


def test_empty_data_dir_is_an_error():
    with pytest.raises(ParameterError) as caught:
        validate_parameters({"data_dir": "  "})
    assert str(caught.value) == "parameter data_dir='  ': must be a non-empty string"


# --- dates and the province system ----------------------------------------------------------


@pytest.mark.parametrize(
    ("date_to", "system"),
    [
        (None, "34"),
        ("2024-12-31", "63"),
        ("2025-06-30", "63"),  # the last day of the 63 provinces
        ("2025-07-01", "34"),  # the first day of the 34
        ("2025-09-15", "34"),
    ],
)
def test_auto_province_system_follows_the_end_of_the_period(data_dir, date_to, system):
    assert validate(data_dir, date_to=date_to).province_system == system


@pytest.mark.parametrize("system", ["63", "34"])
def test_explicit_province_system_wins_over_the_dates(data_dir, system):
    selection = validate(data_dir, date_to="2025-06-30", province_system=system)
    assert selection.province_system == system
    other = validate(data_dir, date_to="2025-12-31", province_system=system)
    assert other.province_system == system


def test_province_system_given_as_a_number_from_papermill_cli(data_dir):
    assert validate(data_dir, province_system=63).province_system == "63"


def test_date_to_is_the_next_day_exclusive_in_vietnam_time(data_dir):
    selection = validate(data_dir, date_from="2025-01-01", date_to="2025-06-30")
    assert selection.date_from == day("2025-01-01")
    assert selection.date_to == day("2025-07-01")
    assert str(selection.date_from.tz) == TZ
    assert str(selection.date_to.tz) == TZ
    assert selection.date_to == pd.Timestamp("2025-06-30 17:00", tz="UTC")


def test_a_single_day_period(data_dir):
    selection = validate(data_dir, date_from="2025-02-28", date_to="2025-02-28")
    assert (selection.date_from, selection.date_to) == (day("2025-02-28"), day("2025-03-01"))


def test_year_end_and_leap_day(data_dir):
    assert validate(data_dir, date_to="2024-12-31").date_to == day("2025-01-01")
    assert validate(data_dir, date_to="2024-02-29").date_to == day("2024-03-01")


def test_empty_date_means_no_bound(data_dir):
    selection = validate(data_dir, date_from="", date_to="")
    assert (selection.date_from, selection.date_to) == (None, None)


def test_a_date_object_from_papermill_yaml_is_accepted(data_dir):
    selection = validate(data_dir, date_from=date(2025, 3, 1), date_to=date(2025, 3, 31))
    assert (selection.date_from, selection.date_to) == (day("2025-03-01"), day("2025-04-01"))


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("01/02/2025", "must be a date written YYYY-MM-DD"),
        ("2025-1-5", "must be a date written YYYY-MM-DD"),
        ("2025-01", "must be a date written YYYY-MM-DD"),
        ("2025-13-01", "is not a date (month must be in 1..12)"),
        ("2025-02-30", "is not a date (day is out of range for month)"),
        ("2025-02-29", "is not a date (day is out of range for month)"),
    ],
)
@pytest.mark.parametrize("name", ["date_from", "date_to"])
def test_bad_dates(data_dir, name, value, problem):
    error = error_of(data_dir, **{name: value})
    assert (error.name, error.value, error.problem, error.suggestions) == (name, value, problem, [])
    assert str(error) == f"parameter {name}={value!r}: {problem}"


def test_date_to_before_date_from(data_dir):
    error = error_of(data_dir, date_from="2025-03-01", date_to="2025-02-28")
    assert (error.name, error.value) == ("date_to", "2025-02-28")
    assert str(error) == "parameter date_to='2025-02-28': is before date_from 2025-03-01"


# --- names in the namespace -----------------------------------------------------------------


def test_unknown_parameter_suggests_the_closest_name(data_dir):
    with pytest.raises(ParameterError) as caught:
        validate_parameters({"data_dir": data_dir, "term": ["dân vận"]})
    error = caught.value
    assert (error.name, error.value) == ("term", "…")
    assert error.suggestions == ["terms", "date_from", "themes"]
    assert str(error) == (
        f"parameter term='…': this report has no such parameter (it has: {NAMES}); "
        "did you mean 'terms', 'date_from', 'themes'?"
    )


def test_unknown_parameter_names_the_report(data_dir):
    with pytest.raises(ParameterError) as caught:
        validate_parameters({"data_dir": data_dir, "provnce": "Huế"}, report="province_profile")
    assert caught.value.suggestions == ["province", "provinces", "province_system"]
    assert caught.value.problem == (
        f"province_profile has no such parameter (it has: {NAMES}, province)"
    )


def test_check_names_accepts_known_names():
    assert check_names(list(DEFAULTS)) is None
    assert check_names(["province"], "province_profile") is None


def test_imports_functions_and_notebook_names_are_not_parameters(data_dir):
    def helper():
        return 1

    namespace = {
        "data_dir": data_dir,
        "terms": ["dân vận"],
        "os": os,  # import os
        "pd": pd,  # import pandas as pd
        "Path": Path,  # from pathlib import Path
        "validate_parameters": validate_parameters,
        "helper": helper,
        "In": ["", "import os"],
        "Out": {1: "x"},
        "get_ipython": lambda: None,
        "exit": "exit",
        "quit": "quit",
        "open": "open",
        "_": "last output",
        "__": [1],
        "_i1": "import os",
        "_oh": {},
        "__name__": "__main__",
        "__builtins__": {},
    }
    selection = validate_parameters(namespace)
    assert selection.terms == ("dân vận",)


def test_report_parameter_province_only_in_province_profile(data_dir):
    error = error_of(data_dir, province="Huế")
    assert (error.name, error.suggestions) == ("province", ["provinces", "province_system"])
    selection = validate(data_dir, "province_profile", province="Huế")
    assert selection.province == Province("46", "Huế", "34")


def test_province_profile_default_province(data_dir):
    assert validate(data_dir, "province_profile").province == Province("01", "Hà Nội", "34")
    selection = validate(data_dir, "province_profile", date_to="2025-06-30")
    assert selection.province == Province("01", "Hà Nội", "63")


def test_province_profile_province_must_be_text(data_dir):
    error = error_of(data_dir, "province_profile", province=None)
    assert str(error) == "parameter province=None: must be a non-empty string"


# --- provinces --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["TP.HCM", "tp hồ chí minh", "TP HCM", "Sài Gòn", "thành phố Hồ Chí Minh"]
)
@pytest.mark.parametrize("system", ["63", "34"])
def test_province_aliases(data_dir, value, system):
    selection = validate(data_dir, provinces=[value], province_system=system)
    assert selection.provinces == (Province("79", "Hồ Chí Minh", system),)


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("hà nội", "Hà Nội"),
        ("HÀ NỘI", "Hà Nội"),
        ("tỉnh Thanh Hoá", "Thanh Hóa"),  # old tone-mark placement
        ("Khánh Hoà", "Khánh Hòa"),
        ("Daklak", "Đắk Lắk"),
        ("Thừa Thiên - Huế", "Huế"),
    ],
)
def test_province_names_as_people_type_them(data_dir, value, name):
    (province,) = validate(data_dir, provinces=value, province_system="63").provinces
    assert province == Province(load_gazetteer().legacy[name].code, name, "63")


def test_old_province_under_34_is_its_merged_unit(data_dir):
    gazetteer = load_gazetteer()
    assert gazetteer.merged_into["Hà Giang"] == "Tuyên Quang"
    code_2025 = gazetteer.current["Tuyên Quang"].code
    assert code_2025 == "08"
    selection = validate(data_dir, provinces=["Hà Giang", "Bình Dương"], province_system="34")
    assert selection.provinces == (
        Province(code_2025, "Tuyên Quang", "34"),
        Province(gazetteer.current["Hồ Chí Minh"].code, "Hồ Chí Minh", "34"),
    )


def test_old_province_under_63_keeps_its_own_code(data_dir):
    selection = validate(data_dir, provinces=["Hà Giang"], province_system="63")
    assert selection.provinces == (Province("02", "Hà Giang", "63"),)


def test_auto_system_decides_how_an_old_province_is_read(data_dir):
    before = validate(data_dir, provinces="Bắc Kạn", date_to="2025-06-30").provinces
    after = validate(data_dir, provinces="Bắc Kạn", date_to="2025-07-01").provinces
    assert before == (Province("06", "Bắc Kạn", "63"),)
    assert after == (Province(load_gazetteer().current["Thái Nguyên"].code, "Thái Nguyên", "34"),)


def test_34_only_name_under_63_is_an_error(data_dir, monkeypatch):
    # Every short name of the 34 is also a name of the 63 in vietnamadminunits, so the branch is
    # reached with a gazetteer whose 63 lack one of the 34 names.
    real = load_gazetteer()
    legacy = {name: unit for name, unit in real.legacy.items() if name != "Huế"}
    monkeypatch.setattr(
        parameters, "load_gazetteer", lambda: Gazetteer(legacy, real.current, real.merged_into)
    )
    error = error_of(data_dir, provinces=["Huế"], province_system="63")
    assert (error.name, error.value) == ("provinces", "Huế")
    assert error.problem == (
        "exists only in the 34-province system (from 07/2025): set province_system to '34'"
    )
    selection = validate(data_dir, provinces=["Huế"], province_system="34")
    assert selection.provinces == (Province(real.current["Huế"].code, "Huế", "34"),)


def test_unknown_province_suggests_the_closest_names(data_dir):
    error = error_of(data_dir, provinces=["Ha Noi"])
    assert (error.name, error.value, error.problem) == ("provinces", "Ha Noi", "is not a province")
    assert error.suggestions == ["Hà Nội", "Hà Nam", "Hà Tĩnh"]
    assert str(error) == (
        "parameter provinces='Ha Noi': is not a province; "
        "did you mean 'Hà Nội', 'Hà Nam', 'Hà Tĩnh'?"
    )


def test_province_that_is_nothing_like_a_name(data_dir):
    error = error_of(data_dir, provinces=["Paris"])
    assert (error.problem, error.suggestions) == ("is not a province", [])


# --- themes and sources -----------------------------------------------------------------------


def test_themes_by_id_vietnamese_or_english_label(data_dir):
    selection = validate(
        data_dir,
        themes=[
            "admin_reform",
            "XÂY DỰNG ĐẢNG",
            "Digital transformation and e-government",
            "quoc phong, an ninh",
        ],
    )
    assert selection.themes == ("admin_reform", "party_building", "digital", "security_defence")


def test_unknown_theme_suggests_the_closest(data_dir):
    error = error_of(data_dir, themes=["anti-corruption"])
    assert (error.name, error.value) == ("themes", "anti-corruption")
    assert error.problem == "is not a theme of themes.yml"
    assert error.suggestions == ["anti_corruption", "Anti-corruption and waste"]


def test_sources_match_the_outlets_in_the_data(data_dir):
    selection = validate(data_dir, sources=["Tổ Quốc", "toquoc.vn", "nhan dan", "baochinhphu.vn"])
    assert selection.sources == ("Tổ Quốc", "Nhân Dân", "Chinhphu.vn")  # each once


def test_source_not_in_the_data_is_an_error(data_dir):
    error = error_of(data_dir, sources=["VnExpress"])
    assert (error.name, error.value) == ("sources", "VnExpress")
    assert error.problem == "no article in data_dir is from this outlet"
    assert error.suggestions == ["VnExpress"]  # a known outlet, but none of the demo's
    unknown = error_of(data_dir, sources="Tổ Quóc Online")
    assert unknown.suggestions == ["Tổ Quốc"]


def test_documented_source_example_validates(data_dir):
    assert validate(data_dir, sources=["Báo Chính phủ"]).sources == ("Chinhphu.vn",)


# --- choices and numbers ----------------------------------------------------------------------


@pytest.mark.parametrize("granularity", ["month", "quarter", "year"])
def test_granularities(data_dir, granularity):
    assert validate(data_dir, granularity=granularity).granularity == granularity


def test_choices_ignore_case(data_dir):
    selection = validate(data_dir, granularity="Month", language="EN", province_system="Auto")
    assert (selection.granularity, selection.language) == ("month", "en")


@pytest.mark.parametrize(
    ("name", "value", "choices", "suggestions"),
    [
        ("granularity", "mont", "month, quarter, year", ["month"]),
        ("granularity", "week", "month, quarter, year", []),
        ("language", "fr", "vi, en", []),
        ("language", "vn", "vi, en", ["vi"]),
        ("province_system", "36", "63, 34, auto", ["63"]),
        ("province_system", "autoo", "63, 34, auto", ["auto"]),
    ],
)
def test_bad_choices(data_dir, name, value, choices, suggestions):
    error = error_of(data_dir, **{name: value})
    assert (error.name, error.value) == (name, value)
    assert (error.problem, error.suggestions) == (f"must be one of {choices}", suggestions)


def test_language(data_dir):
    assert validate(data_dir, language="en").language == "en"
    assert validate(data_dir, language=" vi ").language == "vi"


@pytest.mark.parametrize("top_n", [1, 5, 50])
def test_top_n(data_dir, top_n):
    assert validate(data_dir, top_n=top_n).top_n == top_n


@pytest.mark.parametrize("top_n", [True, False, 0, -3, "5", 5.0, None])
def test_top_n_must_be_a_positive_int(data_dir, top_n):
    error = error_of(data_dir, top_n=top_n)
    assert (error.name, error.value) == ("top_n", top_n)
    assert error.problem == "must be a whole number of at least 1"


# --- list parameters --------------------------------------------------------------------------


def test_a_string_becomes_a_one_item_list(data_dir):
    selection = validate(
        data_dir, terms="dân vận", sources="Nhân Dân", provinces="Huế", themes="digital"
    )
    assert selection.terms == ("dân vận",)
    assert selection.sources == ("Nhân Dân",)
    assert selection.provinces == (Province("46", "Huế", "34"),)
    assert selection.themes == ("digital",)


def test_a_comma_in_a_string_does_not_split_it(data_dir):
    assert validate(data_dir, terms="dân vận, dân chủ").terms == ("dân vận, dân chủ",)


def test_terms_are_stripped_deduplicated_and_empties_dropped(data_dir):
    selection = validate(data_dir, terms=[" dân vận ", "dân vận", "", "  ", "chuyển đổi số"])
    assert selection.terms == ("dân vận", "chuyển đổi số")


def test_none_and_tuple_lists(data_dir):
    selection = validate(data_dir, terms=None, sources=("Tổ Quốc",))
    assert (selection.terms, selection.sources) == ((), ("Tổ Quốc",))


@pytest.mark.parametrize("value", [["dân vận", 3], 5, {"dân vận": 1}])
def test_list_parameter_must_hold_strings(data_dir, value):
    error = error_of(data_dir, terms=value)
    assert (error.name, error.value, error.problem) == ("terms", value, "must be a list of strings")


def test_code_in_a_string_is_never_run(data_dir, monkeypatch):
    calls = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args) or 0)
    code = "__import__('os').system('x')"
    selection = validate(data_dir, terms=[code])
    assert selection.terms == (code,)
    error = error_of(data_dir, themes=[code])
    assert (error.name, error.value, error.suggestions) == ("themes", code, [])
    assert calls == []


# --- periods ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "today", "expected"),
    [
        ("last-month", date(2025, 8, 20), ("2025-07-01", "2025-07-31")),
        ("last-month", date(2025, 3, 1), ("2025-02-01", "2025-02-28")),
        ("last-month", date(2024, 3, 31), ("2024-02-01", "2024-02-29")),
        ("last-month", date(2025, 1, 15), ("2024-12-01", "2024-12-31")),
        ("last-quarter", date(2025, 8, 20), ("2025-04-01", "2025-06-30")),
        ("last-quarter", date(2025, 10, 1), ("2025-07-01", "2025-09-30")),
        ("last-quarter", date(2025, 2, 10), ("2024-10-01", "2024-12-31")),
        ("Last-Month", date(2025, 8, 20), ("2025-07-01", "2025-07-31")),
    ],
)
def test_relative_periods(period, today, expected):
    assert period_dates(period, today=today) == expected


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2025-07", ("2025-07-01", "2025-07-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2025-12", ("2025-12-01", "2025-12-31")),
        ("2025-Q3", ("2025-07-01", "2025-09-30")),
        ("2025-q1", ("2025-01-01", "2025-03-31")),
        ("2024-Q4", ("2024-10-01", "2024-12-31")),
        ("2025", ("2025-01-01", "2025-12-31")),
        (" 2024 ", ("2024-01-01", "2024-12-31")),
    ],
)
def test_named_periods(period, expected):
    assert period_dates(period, today=date(2030, 1, 1)) == expected


def test_period_without_today_counts_from_today():
    first, last = period_dates("last-month")
    expected = pd.Period(date.today(), "M") - 1
    assert (first, last) == (
        expected.start_time.date().isoformat(),
        expected.end_time.date().isoformat(),
    )


@pytest.mark.parametrize(
    "period",
    ["2025-13", "2025-00", "2025-7", "2025-Q5", "2025-Q0", "25", "2025-07-01", "last-week", ""],
)
def test_bad_periods(period):
    with pytest.raises(ParameterError) as caught:
        period_dates(period, today=date(2025, 8, 20))
    assert (caught.value.name, caught.value.value) == ("period", period)
    assert str(caught.value) == (
        f"parameter period={period!r}: must be last-month, last-quarter, YYYY-MM, YYYY-Qn or YYYY"
    )


# --- fold, closest, period_label --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Hà Nội", "ha noi"),
        ("ĐẮK LẮK", "dak lak"),
        ("Đà Nẵng", "da nang"),
        ("  Thanh Hoá ", "thanh hoa"),
        ("Thanh Hóa", "thanh hoa"),
        ("Hồ Chí Minh", "ho chi minh"),
        ("Straße", "strasse"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_closest():
    names = ["Hà Nội", "Hà Nam", "Hà Tĩnh", "Hải Phòng"]
    assert closest("ha noi", names) == ["Hà Nội", "Hà Nam", "Hà Tĩnh"]
    assert closest("HA NOI", names, n=1) == ["Hà Nội"]
    assert closest("Cần Thơ", names) == []
    assert closest("ha noi", ["Hà Nội", "Ha Noi", "HÀ NỘI"]) == ["Hà Nội"]  # first of a fold


def selection_for(date_from, date_to, language="vi") -> Selection:
    return Selection(
        data_dir=Path("."),
        date_from=date_from,
        date_to=date_to,
        sources=(),
        provinces=(),
        terms=(),
        themes=(),
        granularity="month",
        province_system="34",
        language=language,
        top_n=10,
    )


@pytest.mark.parametrize(
    ("date_from", "date_to", "language", "label"),
    [
        ("2024-01-01", "2025-06-30", "vi", "01/01/2024 – 30/06/2025"),
        ("2024-01-01", "2025-06-30", "en", "01/01/2024 – 30/06/2025"),
        (None, "2025-06-30", "vi", "… – 30/06/2025"),
        ("2024-01-01", None, "vi", "01/01/2024 – …"),
        (None, None, "vi", "toàn bộ thời gian"),
        (None, None, "en", "all dates"),
    ],
)
def test_period_label(data_dir, date_from, date_to, language, label):
    selection = validate(data_dir, date_from=date_from, date_to=date_to, language=language)
    assert selection.period_label == label


def test_period_label_of_a_hand_made_selection():
    selection = selection_for(day("2025-07-01"), day("2025-10-01"))
    assert selection.period_label == "01/07/2025 – 30/09/2025"
