"""Reading dates written in English prose and keeping their precision.

A date is returned as an ISO 8601 string as precise as the text is:
"1988", "1988-04" or "1988-04-14". Nothing here guesses a day that the text
did not give.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()

# Regular-expression pieces (no groups) for a month written in full and a year of the
# period the sources cover: every module that finds dates in text builds on these.
MONTH_PATTERN = "(?:" + "|".join(MONTH_NAMES) + ")"
YEAR_PATTERN = r"(?:1[6-9]\d\d|20\d\d)"

_MONTH = f"({MONTH_PATTERN})"
_YEAR = f"({YEAR_PATTERN})"

# Whole-string forms, for date lines such as "June 13, 1988" or "14 March 1985".
_MONTH_DAY_YEAR = re.compile(rf"^{_MONTH}\s+(\d{{1,2}}),?\s+{_YEAR}$", re.IGNORECASE)
_DAY_MONTH_YEAR = re.compile(rf"^(\d{{1,2}})\s+{_MONTH},?\s+{_YEAR}$", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"^{_MONTH},?\s+{_YEAR}$", re.IGNORECASE)
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """Format a date as ISO with its precision; None if it is not a real date."""
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    days_in_month = [31, 29 if _is_leap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    if not 1 <= day <= days_in_month[month - 1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def parse_date(text: str) -> str | None:
    """Parse a string that is only a date ("June 13, 1988", "1988-04") into ISO form."""
    text = " ".join(text.replace("*", " ").split()).strip(" .")
    if match := _MONTH_DAY_YEAR.match(text):
        return iso(int(match[3]), MONTHS[match[1].lower()], int(match[2]))
    if match := _DAY_MONTH_YEAR.match(text):
        return iso(int(match[3]), MONTHS[match[2].lower()], int(match[1]))
    if match := _MONTH_YEAR.match(text):
        return iso(int(match[2]), MONTHS[match[1].lower()])
    if match := _ISO.match(text):
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        return iso(year, month, day)
    return None


def precision(iso_date: str) -> str:
    """"day", "month" or "year" for an ISO date string."""
    return {4: "year", 7: "month", 10: "day"}.get(len(iso_date), "unknown")


def display_date(value: str) -> str:
    """A date as a reader writes it if `value` is one ("1988-04-14", "April 14, 1988");
    anything else as it was given."""
    iso_date = parse_date(value)
    return format_date(iso_date) if iso_date else value


def format_date(iso_date: str) -> str:
    """A date as a reader writes it, keeping its precision: "14 April 1988", "February 1989"."""
    parts = iso_date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTH_NAMES[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"
