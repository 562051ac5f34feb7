"""A register's fact lines read straight into facts, by their shape.

Nine in ten lines of a large register are one fact, a flow mapping on one line::

    - {subject: "k/person/x", relation: "attended", object: "k/meeting/m", role: "member", sources: [{loc: "PRESENT", quote: "Mr X"}]}

Read as YAML, each becomes two or three mappings, which :mod:`~govgraph.loaders.register`
then checks key by key and turns into a :class:`~govgraph.graph.model.Fact`: two thirds
of a national first load. A line's *shape* (:mod:`~govgraph.loaders.flowshapes`) fixes
which keys it has and where each value comes from, so :class:`FactLines` works that out
once a shape, and checks the plain words of the shape (a date's form, a key's name)
then too: each later line of that shape is its quoted strings checked and put in place.

It only ever gives the fact the register's own checks would make from the line, with
no problem found; for anything else (a key it does not build, such as qualifiers or
notes; a value of another kind; any problem at all) it gives None and the line is read
and checked the usual way, which says what is wrong. tests/test_factlines.py holds it
to that on the generated and bundled data and on thousands of awkward lines.
"""

from __future__ import annotations

import datetime as dt
import sys
from operator import itemgetter
from typing import Callable

from govgraph.graph.dates import DateError, parse_date, period_end, period_start
from govgraph.graph.model import Fact, Source
from govgraph.graph.restore import from_values
from govgraph.loaders.flowshapes import QUOTE, FlowShapes
from govgraph.ontology.terms import RELATIONS

__all__ = ["FactLines", "BUILT_KEYS"]

#: The keys of a fact line built here; a line with any other is read the usual way.
BUILT_KEYS = frozenset({"subject", "relation", "object", "role", "party", "valid_from",
                        "valid_to", "sources"})
_TEXT = ("subject", "relation", "object", "role", "party")  # text, or absent
_SOURCE = ("doc", "loc", "quote")
_FAILED = object()  # an interval with a problem: the usual reading reports it

#: A plan: (the line's quoted strings, the file's doc) -> (Fact, the sources' docs) or None.
Plan = Callable[[list, object], "tuple[Fact, tuple] | None"]


class _Slot:
    """Where a quoted string of the line goes, in a shape's template."""

    __slots__ = ("index",)

    def __init__(self, index: int):
        self.index = index


class FactLines:
    """The plans of the fact-line shapes met so far.

    Parameters
    ----------
    shapes
        The line reader's shapes, which parse a shape into its template.
    source_keys
        The keys a source may have (the register's ``SOURCE_KEYS``).
    no_qualifiers
        The mapping a fact without qualifiers holds (the register's shared one).
    """

    #: Plans and intervals kept at most (a national load has a few thousand).
    LIMIT = 100_000

    def __init__(self, shapes: FlowShapes, *, source_keys: set[str], no_qualifiers: dict):
        self.shapes, self.source_keys = shapes, frozenset(source_keys)
        self.no_qualifiers = no_qualifiers
        self.plans: dict[str, Plan | None] = {}
        self.intervals: dict[tuple, object] = {}
        self.docs: dict[str, tuple[str]] = {}  # a source's document as a fact's docs

    def read(self, text: str, default_doc: object) -> tuple[Fact, tuple] | None:
        """The fact of a one-line flow mapping and its sources' documents (each source's
        own ``doc``, or the file's), as the register's checks make them; None if the
        line must be read and checked the usual way."""
        parts = text.split('"')
        if not len(parts) % 2 or "\\" in text:
            return None
        shape = QUOTE.join(parts[0::2])
        try:
            plan = self.plans[shape]
        except KeyError:
            plan = self._plan(shape)
        return plan(parts[1::2], default_doc) if plan is not None else None

    def _plan(self, shape: str) -> Plan | None:
        if len(self.plans) >= self.LIMIT:
            self.plans.clear()
            self.docs.clear()
        template = self.shapes.template(shape, _Slot)
        plan = self.plans[shape] = _Planner(self, shape.count(QUOTE)).plan(template)
        return plan

    def interval(self, start: object, end: object) -> object:
        """A fact's ``valid_from`` and ``valid_to`` as the register reads them (ISO
        text, shared), or _FAILED if either is not a date or they are out of order."""
        key = (start, end)
        try:
            return self.intervals[key]
        except KeyError:
            pass
        if len(self.intervals) >= self.LIMIT:
            self.intervals.clear()
        try:
            start, end = (None if d is None else sys.intern(parse_date(d)) for d in key)
        except DateError:
            found: object = _FAILED
        else:
            found = _FAILED if start and end and period_start(start) > period_end(end) else (
                start, end)
        self.intervals[key] = found
        return found


class _Planner:
    """One shape's template made into a plan: each value's place among the line's quoted
    strings and the shape's own values (plain words), which follow them."""

    def __init__(self, lines: FactLines, slots: int):
        self.lines, self.slots = lines, slots
        self.constants: list = []

    def place(self, value: object) -> int:
        if value.__class__ is _Slot:
            return value.index
        self.constants.append(value)
        return self.slots + len(self.constants) - 1

    def plan(self, template: object) -> Plan | None:
        if not isinstance(template, dict) or not template.keys() <= BUILT_KEYS:
            return None
        if not all(_is_text(template.get(key)) for key in _TEXT) or not all(
                _is_date(template.get(key)) for key in ("valid_from", "valid_to")):
            return None
        sources = template.get("sources")
        if not isinstance(sources, list) or not sources or not all(
                isinstance(s, dict) and s.keys() <= self.lines.source_keys
                and all(_is_text(s.get(key)) for key in _SOURCE) for s in sources):
            return None
        ends = itemgetter(*[self.place(template.get(key)) for key in _TEXT])
        dates = itemgetter(*[self.place(template.get(key)) for key in ("valid_from", "valid_to")])
        cited = [itemgetter(*[self.place(s.get(key)) for key in _SOURCE]) for s in sources]
        return _fact_plan(self.lines, self.constants, ends, dates, cited)


def _is_text(value: object) -> bool:
    """A value the register reads as text as it is: a quoted string, a plain word that
    YAML reads as text, or nothing."""
    return value is None or value.__class__ is _Slot or value.__class__ is str


def _is_date(value: object) -> bool:
    """A value read as a date (a year, text or a date) whose reading can be kept by
    value: not true, which equals 1 as a key, nor 2011.0, which equals 2011."""
    return _is_text(value) or value.__class__ is int or isinstance(value, dt.date)


def _fact_plan(lines: FactLines, constants: list, ends: Callable, dates: Callable,
               cited: list[Callable]) -> Plan:
    intern, relations, shared = sys.intern, RELATIONS, lines.docs
    interval, spans = lines.interval, lines.intervals
    one = len(cited) == 1
    new_fact, new_source, no_qualifiers = from_values(Fact), from_values(Source), lines.no_qualifiers

    def plan(quoted: list, default_doc: object) -> tuple[Fact, tuple] | None:
        values = quoted + constants
        subject, relation, obj, role, party = ends(values)
        if not (subject and relation and obj):
            return None
        declared = relations.get(relation)
        if declared is None or (role is not None and declared.roles
                                and role not in declared.roles):
            return None
        span = spans.get(when := dates(values)) or interval(*when)
        if span is _FAILED:
            return None
        if one:  # one source, the usual case: no loop, and its tuple of docs shared
            doc, loc, quote = cited[0](values)
            doc = doc or default_doc
            if not (doc and loc and quote):
                return None
            sources = (new_source((intern(doc if doc.__class__ is str else str(doc)),
                                   intern(loc), quote)),)
            docs = shared.get(doc) if doc.__class__ is str else None
            if docs is None:
                docs = (doc,)
                if doc.__class__ is str:
                    shared[doc] = docs
        else:
            sources, docs = [], []
            for where in cited:
                doc, loc, quote = where(values)
                doc = doc or default_doc
                if not (doc and loc and quote):
                    return None
                docs.append(doc)
                sources.append(new_source((intern(doc if doc.__class__ is str else str(doc)),
                                           intern(loc), quote)))
            sources, docs = tuple(sources), tuple(docs)
        fact = new_fact((intern(subject), declared.name, intern(obj),
                         role if role is None else intern(role),
                         party if party is None else intern(party), span[0], span[1],
                         no_qualifiers, (), sources, None, None))
        return fact, docs

    return plan
