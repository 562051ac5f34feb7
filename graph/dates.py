"""Partial ISO dates: ``2011``, ``2011-04`` and ``2011-04-21``.

Governance papers date things to the year or month as often as to the day. A
partial date stands for a period; as the start of a validity interval it means the
period's first day, as the end its last day, so ``valid_to: 2013`` still holds on
31 December 2013.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

__all__ = ["DateError", "parse_date", "period_start", "period_end", "holds_on"]

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class DateError(ValueError):
    """A date is not a valid ISO date or partial date."""


def parse_date(text: object) -> str:
    """Check a partial ISO date and return it as a canonical string.

    Parameters
    ----------
    text : str, int or datetime.date
        ``2011``, ``"2011-04"``, ``"2011-04-21"`` or a :class:`datetime.date`.

    Returns
    -------
    str
        The date in the precision it was given.

    Raises
    ------
    DateError
        If the value is not a year, year-month or full date, or not a real date.

    Examples
    --------
    >>> parse_date("2011-04")
    '2011-04'
    >>> parse_date(2014)
    '2014'
    >>> parse_date("2011-02-30")
    Traceback (most recent call last):
    ...
    govgraph.graph.dates.DateError: '2011-02-30' is not a real date
    """
    if isinstance(text, dt.datetime):
        text = text.date()
    if isinstance(text, dt.date):
        return text.isoformat()
    value = str(text).strip()
    match = _PARTIAL.match(value)
    if not match:
        raise DateError(f"{value!r} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise DateError(f"{value!r} is not a real date") from None
    return value


def period_start(text: str) -> dt.date:
    """The first day of the period a partial date names.

    >>> period_start("2011-04")
    datetime.date(2011, 4, 1)
    """
    parts = [int(p) for p in parse_date(text).split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def period_end(text: str) -> dt.date:
    """The last day of the period a partial date names.

    >>> period_end("2012-02")
    datetime.date(2012, 2, 29)
    """
    parts = [int(p) for p in parse_date(text).split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    month = parts[1] if len(parts) == 2 else 12
    return dt.date(parts[0], month, calendar.monthrange(parts[0], month)[1])


def holds_on(valid_from: str | None, valid_to: str | None, on: str | dt.date,
             attested: tuple[str, ...] = ()) -> bool:
    """Whether an interval with optional, partial bounds holds on a date or period.

    A missing bound means "not bounded" on that side. A partial query date names a
    period (``2014-12`` is all of December 2014) and the interval holds if it
    overlaps it. A fact with no stated bounds but ``attested`` dates (a membership
    list on the day of a meeting, a post holder named in a report's header) is
    known to hold only from the first to the last attested date.

    >>> holds_on("2011-04", None, "2011-04-21")
    True
    >>> holds_on(None, "2013", "2014-01-01")
    False
    >>> holds_on(None, None, "2014-12", attested=("2014-12-03",))
    True
    >>> holds_on(None, None, "2013", attested=("2014-04-22",))
    False
    """
    if isinstance(on, dt.date):
        first = last = on
    else:
        first, last = period_start(on), period_end(on)
    if not valid_from and not valid_to and attested:
        valid_from, valid_to = min(attested, key=period_start), max(attested, key=period_end)
    if valid_from and last < period_start(valid_from):
        return False
    if valid_to and first > period_end(valid_to):
        return False
    return True
