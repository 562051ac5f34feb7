"""Partial dates and validity: the model's sense of time."""

import datetime as dt

import pytest

from govgraph.graph.dates import DateError, holds_on, parse_date, period_end, period_start


@pytest.mark.parametrize("given, expected", [
    ("2011", "2011"), (2011, "2011"), ("2011-04", "2011-04"), ("2011-04-21", "2011-04-21"),
    (dt.date(2014, 12, 3), "2014-12-03"),
])
def test_parse_partial_dates(given, expected):
    assert parse_date(given) == expected


@pytest.mark.parametrize("bad", ["April 2011", "2011-13", "2011-02-30", "11-04-2011", ""])
def test_bad_dates_are_refused(bad):
    with pytest.raises(DateError):
        parse_date(bad)


def test_periods():
    assert period_start("2011") == dt.date(2011, 1, 1)
    assert period_end("2011") == dt.date(2011, 12, 31)
    assert period_end("2012-02") == dt.date(2012, 2, 29)


def test_intervals_and_attestation():
    assert holds_on("2011-04", "2014", "2014-12-31")
    assert not holds_on("2011-04", "2014", "2015-01-01")
    assert not holds_on("2011-04", None, "2011-03-31")
    assert holds_on(None, None, "1900")
    # attested only: known from the first to the last attested date
    assert holds_on(None, None, "2012", attested=("2011-06-21", "2014-04-22"))
    assert not holds_on(None, None, "2014-12-03", attested=("2011-06-21", "2014-04-22"))
    # a partial query date is a period: overlap counts
    assert holds_on(None, "2014-03-31", "2014")
