"""Vietnamese dates: read them day first, write them the official way.

Vietnamese text writes dates day first, in prose ("ngày 15 tháng 12 năm 2022") or in
figures ("15/12/2022"). :func:`parse_date` reads every such form (and ISO 8601) and
never guesses: an impossible date is an :class:`InvalidDate`, not a nearby one.
:func:`format_date` writes the style of Decree 30/2020/NĐ-CP.

>>> from hdnd.dates import parse_date, format_date
>>> parse_date("Ngày 5 tháng 2 năm 2023")
datetime.date(2023, 2, 5)
>>> format_date(parse_date("15.12.2022"), style="long")
'ngày 15 tháng 12 năm 2022'
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date
from typing import Literal

from hdnd.errors import HdndError
from hdnd.i18n import gettext as _

__all__ = ["DateStyle", "InvalidDate", "format_date", "parse_date"]

DateStyle = Literal["long", "short"]
"""The styles :func:`format_date` writes: ``"long"`` (prose) or ``"short"`` (dd/mm/yyyy)."""


class InvalidDate(HdndError, ValueError):
    """Text that is not a date, or names a day that does not exist.

    >>> try:
    ...     parse_date("29/02/2023")
    ... except InvalidDate as e:
    ...     print(e)
    day must be 1–28 in 02/2023, got 29 in '29/02/2023'
    """


# Day first, always: a four-digit year first is ISO 8601, anything else is day/month/year.
_FORMS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"(?:ngày\s*)?(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})\s+năm\s+(?P<year>\d{4})",
        r"(?:ngày\s*)?(?P<day>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<month>\d{1,2})\s*(?P=sep)\s*"
        r"(?P<year>\d{4})",
        r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})",
    )
)


def parse_date(text: str) -> date:
    """Read a day-first Vietnamese date, or an ISO 8601 one.

    Accepted: "ngày 15 tháng 12 năm 2022", "15/12/2022", "15-12-2022", "15.12.2022",
    "ngày 15/12/2022", "2022-12-15", with one-digit days and months. Input is
    NFC-normalised, case-insensitive and may carry surrounding whitespace. Two-digit
    years are refused: the century would be a guess.

    >>> parse_date(" ngày 15 tháng 12 năm 2022 ")
    datetime.date(2022, 12, 15)
    >>> parse_date("5/2/2023")
    datetime.date(2023, 2, 5)
    >>> parse_date("2022-12-15")
    datetime.date(2022, 12, 15)
    >>> parse_date("31/02/2023")
    Traceback (most recent call last):
    ...
    hdnd.dates.InvalidDate: day must be 1–28 in 02/2023, got 31 in '31/02/2023'
    """
    cleaned = " ".join(unicodedata.normalize("NFC", text).split())
    for form in _FORMS:
        if match := form.fullmatch(cleaned):
            return _checked(int(match["year"]), int(match["month"]), int(match["day"]), text)
    raise InvalidDate(
        _(
            "expected a day-first date such as 'ngày 15 tháng 12 năm 2022', '15/12/2022'"
            " or '2022-12-15', got {value!r}"
        ).format(value=text)
    )


def _checked(year: int, month: int, day: int, text: str) -> date:
    """The date, or an :class:`InvalidDate` saying which part is out of range."""
    if year < 1:
        message = _("year must be 1 or later, got {year} in {text!r}")
        raise InvalidDate(message.format(year=year, text=text))
    if not 1 <= month <= 12:
        message = _("month must be 1–12, got {month} in {text!r}")
        raise InvalidDate(message.format(month=month, text=text))
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        message = _("day must be 1–{last} in {month:02d}/{year}, got {day} in {text!r}")
        raise InvalidDate(message.format(last=last, month=month, year=year, day=day, text=text))
    return date(year, month, day)


def format_date(day: date, style: DateStyle = "long") -> str:
    """Write a date in the official Vietnamese style.

    ``"long"`` is the prose form of Decree 30/2020/NĐ-CP: days below 10 and the
    months January and February take a leading zero ("ngày 05 tháng 02 năm 2023",
    "ngày 12 tháng 3 năm 2023"). ``"short"`` is dd/mm/yyyy, zero padded.

    >>> from datetime import date
    >>> format_date(date(2023, 2, 5))
    'ngày 05 tháng 02 năm 2023'
    >>> format_date(date(2023, 3, 12))
    'ngày 12 tháng 3 năm 2023'
    >>> format_date(date(2022, 12, 15), style="short")
    '15/12/2022'
    """
    if style == "short":
        return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
    if style == "long":
        # Decree 30 pads the days 1–9 and the months 1–2 so no digit can be added later (1 → 11).
        month = f"{day.month:02d}" if day.month < 3 else str(day.month)
        return f"ngày {day.day:02d} tháng {month} năm {day.year:04d}"
    raise ValueError(f"style must be 'long' or 'short', got {style!r}")
