from datetime import datetime

import pandas as pd
import pytest

from analysis.dates import TIMEZONE, DateError, parse_published


def vn(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz=TIMEZONE)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("11/01/2019 10:22", "2019-01-11 10:22"),
        ("Thứ Năm, 10/01/2019 16:30 (GMT+7)", "2019-01-10 16:30"),
        ("08-03-2024, 14:20", "2024-03-08 14:20"),
        ("10:22 11/01/2019", "2019-01-11 10:22"),
        ("1/2/2020", "2020-02-01 00:00"),
        ("2018-05-24 00:00:00", "2018-05-24 00:00"),
        ("2023-05-04T09:30:00+07:00", "2023-05-04 09:30"),
        ("2023-05-04T02:30:00Z", "2023-05-04 09:30"),
        (datetime(2025, 7, 1, 8, 0), "2025-07-01 08:00"),
        (1546300800, "2019-01-01 07:00"),
        (1546300800000, "2019-01-01 07:00"),
        ("Thu, 10 Jan 2019 09:30:00 GMT", "2019-01-10 16:30"),
    ],
)
def test_values_become_vietnam_time(value, expected):
    assert parse_published(value) == vn(expected)
    assert str(parse_published(value).tz) == TIMEZONE


def test_explicit_format():
    assert parse_published("2019|01|11", date_format="%Y|%m|%d") == vn("2019-01-11")
    with pytest.raises(DateError, match="does not match"):
        parse_published("11/01/2019", date_format="%Y-%m-%d")


@pytest.mark.parametrize("value", [None, "", "   ", float("nan"), pd.NaT, pd.NA])
def test_missing_values_are_none(value):
    assert parse_published(value) is None


@pytest.mark.parametrize(
    "value", ["hôm qua", "now", "2019", "2019-05", "31/02/2019 10:00", "2019-13-45", 2019, 1e20]
)
def test_bad_dates_raise(value):
    with pytest.raises(DateError):
        parse_published(value)


def test_a_local_time_a_clock_change_skipped_or_repeated_is_a_date_error():
    with pytest.raises(DateError, match="skipped or repeated"):
        parse_published("14/03/1945 23:30")  # clocks went from 23:00 to 00:00
    with pytest.raises(DateError, match="skipped or repeated"):
        parse_published(datetime(1975, 6, 12, 23, 30))  # 23:00 to 00:00 came twice
    assert str(parse_published("14/03/1945 22:30")) == "1945-03-14 22:30:00+08:00"
    assert str(parse_published("13/06/1975 10:00")) == "1975-06-13 10:00:00+07:00"
