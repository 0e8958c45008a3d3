"""Vietnamese dates: every accepted form, every refusal, and round trips."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hdnd.dates import InvalidDate, format_date, parse_date
from hdnd.errors import HdndError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ngày 15 tháng 12 năm 2022", date(2022, 12, 15)),
        ("Ngày 15 tháng 12 năm 2022", date(2022, 12, 15)),
        ("NGÀY 05 THÁNG 02 NĂM 2023", date(2023, 2, 5)),
        ("ngày 5 tháng 2 năm 2023", date(2023, 2, 5)),
        ("15 tháng 12 năm 2022", date(2022, 12, 15)),
        ("15/12/2022", date(2022, 12, 15)),
        ("15-12-2022", date(2022, 12, 15)),
        ("15.12.2022", date(2022, 12, 15)),
        ("ngày 15/12/2022", date(2022, 12, 15)),
        ("5/2/2023", date(2023, 2, 5)),
        ("05/02/2023", date(2023, 2, 5)),
        ("17 / 4 / 2023", date(2023, 4, 17)),
        ("2022-12-15", date(2022, 12, 15)),
        ("  15/12/2022\n", date(2022, 12, 15)),
        ("29/02/2024", date(2024, 2, 29)),
        (unicodedata.normalize("NFD", "Ngày 15 tháng 12 năm 2022"), date(2022, 12, 15)),
    ],
)
def test_parse_date_accepts(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31/02/2023", "day must be 1–28 in 02/2023, got 31"),
        ("29/02/2023", "day must be 1–28 in 02/2023, got 29"),
        ("31/04/2023", "day must be 1–30 in 04/2023, got 31"),
        ("00/01/2023", "day must be 1–31 in 01/2023, got 0"),
        ("15/13/2022", "month must be 1–12, got 13"),
        ("ngày 15 tháng 0 năm 2022", "month must be 1–12, got 0"),
        ("2023-02-30", "day must be 1–28 in 02/2023, got 30"),
        ("01/01/0000", "year must be 1 or later, got 0"),
        ("15/12/22", "expected a day-first date"),
        ("15/12-2022", "expected a day-first date"),
        ("12/15", "expected a day-first date"),
        ("", "expected a day-first date"),
        ("hôm qua", "expected a day-first date"),
    ],
)
def test_parse_date_refuses(text: str, reason: str) -> None:
    with pytest.raises(InvalidDate) as caught:
        parse_date(text)
    assert reason in str(caught.value)
    assert repr(text) in str(caught.value)


def test_invalid_date_is_an_hdnd_value_error() -> None:
    assert issubclass(InvalidDate, HdndError)
    assert issubclass(InvalidDate, ValueError)


@pytest.mark.parametrize(
    ("day", "long", "short"),
    [
        (date(2023, 2, 5), "ngày 05 tháng 02 năm 2023", "05/02/2023"),
        (date(2023, 3, 12), "ngày 12 tháng 3 năm 2023", "12/03/2023"),
        (date(2023, 1, 1), "ngày 01 tháng 01 năm 2023", "01/01/2023"),
        (date(2022, 12, 15), "ngày 15 tháng 12 năm 2022", "15/12/2022"),
        (date(2024, 10, 9), "ngày 09 tháng 10 năm 2024", "09/10/2024"),
    ],
)
def test_format_date(day: date, long: str, short: str) -> None:
    assert format_date(day) == long
    assert format_date(day, style="long") == long
    assert format_date(day, style="short") == short


def test_format_date_refuses_an_unknown_style() -> None:
    with pytest.raises(ValueError, match="style must be 'long' or 'short'"):
        format_date(date(2023, 1, 1), style="iso")  # type: ignore[arg-type]


@given(st.dates(), st.sampled_from(["long", "short"]))
def test_format_then_parse_is_the_same_date(day: date, style: str) -> None:
    assert parse_date(format_date(day, style=style)) == day  # type: ignore[arg-type]


@given(st.dates())
def test_day_first_in_every_separator(day: date) -> None:
    for sep in "/-.":
        assert parse_date(f"{day.day}{sep}{day.month}{sep}{day.year:04d}") == day
