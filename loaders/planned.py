"""What the plans of fact and node lines share: dates read once, sources cited.

A plan (:mod:`~govgraph.loaders.factlines`, :mod:`~govgraph.loaders.nodelines`) turns
the quoted strings of a line or item of one shape into what the register's checks would
make of it. Dates repeat across thousands of lines, so each is read once here; every
fact and node cites its sources the same way, so that is here once too.
"""

from __future__ import annotations

import datetime as dt
import sys
from operator import itemgetter
from typing import Callable

from govgraph.graph.dates import DateError, parse_date, period_end, period_start
from govgraph.graph.model import Source
from govgraph.graph.restore import from_values
from govgraph.loaders.blockshapes import Slot

__all__ = ["FAILED", "Dates", "Placer", "SharedDocs", "citing", "source_getters", "is_text",
           "is_date"]

#: A value with a problem: the usual reading reports it.
FAILED = object()
_SOURCE = ("doc", "loc", "quote")


class Dates:
    """Dates as the register reads them (ISO text, shared), each read once."""

    #: Values kept at most (a national load has a few thousand).
    LIMIT = 100_000

    def __init__(self) -> None:
        self.intervals: dict[tuple, object] = {}
        self.days: dict[object, object] = {}

    def interval(self, start: object, end: object) -> object:
        """``valid_from`` and ``valid_to``, or FAILED if either is not a date or they
        are out of order."""
        key = (start, end)
        found = self.intervals.get(key)
        if found is None:
            start, end = self.date(start), self.date(end)
            found = FAILED if FAILED in (start, end) or (
                start and end and period_start(start) > period_end(end)) else (start, end)
            self._keep(self.intervals, key, found)
        return found

    def date(self, value: object) -> object:
        """One date (None for none), or FAILED if it is not a date."""
        if value is None:
            return None
        found = self.days.get(value)
        if found is None:
            try:
                found = sys.intern(parse_date(value))
            except DateError:
                found = FAILED
            self._keep(self.days, value, found)
        return found

    def _keep(self, kept: dict, key: object, value: object) -> None:
        if len(kept) >= self.LIMIT:
            kept.clear()
        kept[key] = value


class SharedDocs(dict):
    """A source's document as the one tuple of documents shared by everything citing
    only it: ``shared[doc]`` makes it the first time."""

    def __missing__(self, doc: str) -> tuple[str]:
        docs = self[doc] = (doc,)
        return docs


def is_text(value: object) -> bool:
    """A value the register reads as text as it is: a quoted string, a plain word that
    YAML reads as text, or nothing."""
    return value is None or value.__class__ is Slot or value.__class__ is str


def is_date(value: object) -> bool:
    """A value read as a date (a year, text or a date) whose reading can be kept by
    value: not true, which equals 1 as a key, nor 2011.0, which equals 2011."""
    return is_text(value) or value.__class__ is int or isinstance(value, dt.date)


class Placer:
    """Each value of a template placed among a line's values: its quoted strings, then
    the shape's own values (plain words), which follow them."""

    def __init__(self, slots: int):
        self.slots = slots
        self.constants: list = []

    def place(self, value: object) -> int:
        if value.__class__ is Slot:
            return value.index
        self.constants.append(value)
        return self.slots + len(self.constants) - 1

    def getter(self, values: list) -> Callable[[list], tuple]:
        """A getter of these template values' places, always giving a tuple."""
        places = [self.place(value) for value in values]
        if not places:
            return lambda line: ()
        if len(places) == 1:
            only = places[0]
            return lambda line: (line[only],)
        return itemgetter(*places)


def source_getters(placer: Placer, sources: object,
                   source_keys: frozenset) -> list[Callable[[list], tuple]] | None:
    """A getter of each of a template's sources' ``(doc, loc, quote)``; None if its
    sources are not a list of mappings of text with those keys."""
    if not isinstance(sources, list) or not sources or not all(
            isinstance(s, dict) and s.keys() <= source_keys and all(is_text(s.get(k)) for k in _SOURCE)
            for s in sources):
        return None
    return [placer.getter([s.get(key) for key in _SOURCE]) for s in sources]


def citing(where: list[Callable[[list], tuple]],
           shared: SharedDocs) -> Callable[[list, object], tuple | None]:
    """How a plan cites the sources :func:`source_getters` gets: ``cite(values, file's
    doc)`` gives the sources and the document each names (one shared tuple a document
    when there is one source), or None if one lacks a doc, loc or quote."""
    intern, new_source = sys.intern, from_values(Source)

    def source(doc: object, loc: str, quote: str) -> Source:
        return new_source((intern(doc if doc.__class__ is str else str(doc)), intern(loc), quote))

    if len(where) == 1:  # the usual case: no loop, and its tuple of docs shared
        only = where[0]

        def cite(values: list, default_doc: object) -> tuple | None:
            doc, loc, quote = only(values)
            doc = doc or default_doc
            if not (doc and loc and quote):
                return None
            if doc.__class__ is not str:
                return (source(doc, loc, quote),), (doc,)
            return (new_source((intern(doc), intern(loc), quote)),), shared[doc]

        return cite

    def cite_all(values: list, default_doc: object) -> tuple | None:
        cited, docs = [], []
        for get in where:
            doc, loc, quote = get(values)
            doc = doc or default_doc
            if not (doc and loc and quote):
                return None
            docs.append(doc)
            cited.append(source(doc, loc, quote))
        return tuple(cited), tuple(docs)

    return cite_all
