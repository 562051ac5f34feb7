"""A register's fact lines read straight into facts, by their shape.

Nine in ten lines of a large register are one fact, a flow mapping on one line::

    - {subject: "k/person/x", relation: "attended", object: "k/meeting/m", role: "member", sources: [{loc: "PRESENT", quote: "Mr X"}]}

Read as YAML, each becomes two or three mappings, which :mod:`~govgraph.loaders.register`
then checks key by key and turns into a :class:`~govgraph.graph.model.Fact`: two thirds
of a national first load. A line's *shape* (:mod:`~govgraph.loaders.flowshapes`) fixes
which keys it has and where each value comes from, so :class:`FactLines` works that out
once a shape, and checks the plain words of the shape (a date's form, a key's name)
then too: each later line of that shape is its quoted strings checked and put in place.
A register's whole sequence of fact lines is read at once (:meth:`FactLines.read_block`):
cut at its quotes in one call, then the lines of each shape checked and built together,
a column of values at a time (12% fewer instructions than line by line). A reading
worker leaves them unbuilt (:class:`Rows`, plain values), for the loading process to
build (:meth:`FactLines.assemble`).

It only ever gives the fact the register's own checks would make from the line, with
no problem found; for anything else (a key it does not build, such as qualifiers or
notes; a value of another kind; any problem at all) it gives None and the line is read
and checked the usual way, which says what is wrong. tests/test_factlines.py holds it
to that on the generated and bundled data and on thousands of awkward lines, and a
block to each of its lines read alone, on 1,500 random blocks.
"""

from __future__ import annotations

import sys
from collections import deque
from itertools import accumulate, repeat
from operator import itemgetter
from typing import Callable, Iterable, Iterator, NamedTuple, Sequence

from govgraph.graph.model import Fact, Source
from govgraph.graph.restore import from_columns, from_values
from govgraph.loaders.blockshapes import Slot
from govgraph.loaders.flowshapes import QUOTE, FlowShapes, Unreadable, shape_of
from govgraph.loaders.planned import (FAILED, Dates, Placer, SharedDocs, citing, is_date, is_text,
                                      source_getters)
from govgraph.ontology.terms import RELATIONS

__all__ = ["FactLines", "Block", "Rows", "Same", "Cut", "BUILT_KEYS", "shared_column"]

#: The keys of a fact line built here; a line with any other is read the usual way.
BUILT_KEYS = frozenset({"subject", "relation", "object", "role", "party", "valid_from",
                        "valid_to", "sources"})
_TEXT = ("subject", "relation", "object", "role", "party")  # text, or absent

#: A plan: (the line's quoted strings, the file's doc) -> (Fact, the sources' docs) or None.
Plan = Callable[[list, object], "tuple[Fact, tuple] | None"]
#: The same for many lines of one shape at once: (each line's quoted strings, the file's
#: doc) -> their checked values (:class:`Rows`), or None if any has a problem.
RowsPlan = Callable[[list, object], "Rows | None"]


class Block(NamedTuple):
    """The fact lines of a block read by :meth:`FactLines.read_block`."""

    facts: list | None  # each item's Fact, or None where it must be read the usual way
    docs: list | None  # each built fact's sources' documents
    lines: list[int] | range  # each item's line number
    left: int  # how many items are left to the usual reading
    cut: Cut | None = None  # unbuilt (``build=False``): what builds facts and docs


class Rows(NamedTuple):
    """Fact lines of one shape checked, a column of values a field, not yet built into
    facts (:meth:`FactLines.build`): a column holds each line's value, or is
    :class:`Same` if every line's is the same. Plain values, quick to send to another
    process, where a reading worker would otherwise make objects only to take them
    apart again."""

    subjects: list
    relations: list | Same
    objects: list
    roles: tuple | Same
    parties: tuple | Same
    starts: list | Same
    ends: list | Same
    docs: tuple | list | Same
    locs: list
    quotes: tuple | str  # or all of them in one text, a line each, as sent: no line has a break


class Same(NamedTuple):
    """A column of :class:`Rows` with the same value on every line."""

    value: object


class Cut(NamedTuple):
    """A block's lines grouped by shape and checked (:meth:`FactLines.assemble` builds
    them): ``groups`` are each shape's line positions (among the block's ``size``
    lines) and their :class:`Rows`, or their built facts and documents; ``every`` the
    positions of the items, if not every line is one."""

    size: int
    groups: list[tuple[list[int], object]]
    every: list[int] | None


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
    dates
        Dates read once, shared with other plans.
    """

    #: Plans kept at most (a national load has a few thousand).
    LIMIT = 100_000

    def __init__(self, shapes: FlowShapes, *, source_keys: set[str], no_qualifiers: dict,
                 dates: Dates | None = None):
        self.shapes, self.source_keys = shapes, frozenset(source_keys)
        self.no_qualifiers, self.dates = no_qualifiers, dates or Dates()
        # a shape's plan for one line and for many, or None if it is read the usual way
        self.plans: dict[str, tuple[Plan, RowsPlan | None] | None] = {}
        self.docs = SharedDocs()  # a source's document as a fact's docs

    def read(self, text: str, default_doc: object) -> tuple[Fact, tuple] | None:
        """The fact of a one-line flow mapping and its sources' documents (each source's
        own ``doc``, or the file's), as the register's checks make them; None if the
        line must be read and checked the usual way."""
        try:
            shape, quoted = shape_of(text)
        except Unreadable:
            return None
        plans = self._plans(shape)
        return plans[0](quoted, default_doc) if plans is not None else None

    def read_block(self, text: str, indent: int, default_doc: object, first: int = 1, *,
                   build: bool = True) -> Block | None:
        """The fact of each item of a block of lines numbered from ``first``, each line
        an item ``- {...}`` at ``indent``, blank or a comment (a register's facts), as
        :meth:`read` gives it.

        The block is cut at its quotes once, and the lines of each shape are built
        together, column by column: a national load's 2.35 M fact lines have a few
        thousand shapes. None if a quoted string has an escape or goes on to another
        line (read each line with :meth:`read`). With ``build`` False, a block whose
        every line is checked by columns is given unbuilt (``facts`` None and its
        :class:`Cut`, for :meth:`assemble`), as a reading worker sends it.
        """
        if "\\" in text:
            return None
        text = text.rstrip("\n ")  # (blank lines at the end: not items)
        parts = text.split('"')
        shapes = QUOTE.join(parts[0::2]).split("\n")
        if not len(parts) % 2 or len(shapes) != text.count("\n") + 1:
            return None
        quoted = parts[1::2]
        starts = [0, *accumulate(map(str.count, shapes, repeat(QUOTE)))]
        lines_of: dict[str, list[int]] = {}  # each shape's lines
        for at, shape in enumerate(shapes):
            same = lines_of.get(shape)
            if same is None:
                lines_of[shape] = [at]
            else:
                same.append(at)
        groups: list[tuple[list[int], object]] = []
        items = left = 0
        item, cut = " " * indent + "- {", indent + 2
        for shape, at in lines_of.items():
            if not shape.startswith(item):  # a blank line or a comment
                continue
            items += len(at)
            rows = [quoted[starts[i]:starts[i + 1]] for i in at]
            made, unread = self._read_rows(shape[cut:].rstrip(" "), rows, default_doc)
            left += unread
            if unread < len(at):
                groups.append((at, made))
        every = None if items == len(shapes) else [
            i for i, shape in enumerate(shapes) if shape.startswith(item)]
        lines = range(first, first + items) if every is None else [first + i for i in every]
        if not build and not left and all(made.__class__ is Rows for _, made in groups):
            # the quotes as one text: a third quicker to send and take back than each alone
            return Block(None, None, lines, 0, Cut(len(shapes), [
                (at, rows._replace(quotes="\n".join(rows.quotes))) for at, rows in groups], every))
        return Block(*self.assemble(Cut(len(shapes), groups, every)), lines, left)

    def assemble(self, block: Cut, *, taken_back: bool = False) -> tuple[list, list]:
        """Each item's fact (None for those left to the usual reading) and its sources'
        documents, in the order of the lines, from a block's groups of lines (as
        :meth:`build` makes them)."""
        size, groups, every = block
        facts: list = [None] * size
        docs: list = [None] * size
        for at, made in groups:
            if made.__class__ is Rows:
                made = self.build(made, taken_back=taken_back)
            deque(map(facts.__setitem__, at, made[0]), maxlen=0)  # each in its place
            deque(map(docs.__setitem__, at, made[1]), maxlen=0)
        if every is None:
            return facts, docs
        return [facts[i] for i in every], [docs[i] for i in every]

    def build(self, rows: Rows, *, taken_back: bool = False) -> tuple[list[Fact], list[tuple]]:
        """The facts of checked rows, and each one's sources' documents; rows
        ``taken_back`` from another process have their strings shared again."""
        k, docs, shared = len(rows.subjects), rows.docs, self.docs
        subjects, objects, locs = ((map(sys.intern, rows.subjects), map(sys.intern, rows.objects),
                                    map(sys.intern, rows.locs)) if taken_back
                                   else (rows.subjects, rows.objects, rows.locs))
        quotes = rows.quotes.split("\n") if rows.quotes.__class__ is str else rows.quotes
        cited = list(zip(from_columns(Source)(_column(docs, k), locs, quotes)))
        facts = from_columns(Fact)(
            subjects, _column(rows.relations, k), objects, _column(rows.roles, k),
            _column(rows.parties, k), _column(rows.starts, k), _column(rows.ends, k),
            repeat(self.no_qualifiers), repeat(()), cited, repeat(None), repeat(None))
        if docs.__class__ is Same:
            return facts, [shared[docs.value]] * k
        return facts, list(map(shared.__getitem__, docs))

    def _read_rows(self, shape: str, rows: list[list[str]],
                   default_doc: object) -> tuple[Rows | tuple[list, list] | None, int]:
        """The lines of one shape checked (:class:`Rows`), or else their facts and docs
        built line by line (None for each left to the usual reading), and how many are
        left."""
        plans = self._plans(shape)
        if plans is None:
            return None, len(rows)
        line_plan, rows_plan = plans
        made = rows_plan(rows, default_doc) if rows_plan is not None else None
        if made is not None:
            return made, 0
        each = [line_plan(row, default_doc) for row in rows]  # one or more has a problem
        return ([m[0] if m is not None else None for m in each],
                [m[1] if m is not None else None for m in each]), each.count(None)

    def _plans(self, shape: str) -> tuple[Plan, RowsPlan | None] | None:
        """A shape's plans for one line and for many, planned the first time."""
        if shape in self.plans:
            return self.plans[shape]
        if len(self.plans) >= self.LIMIT:
            self.plans.clear()
            self.docs.clear()
        template = self.shapes.template(shape, Slot)
        plans = self.plans[shape] = self._planned(template, Placer(shape.count(QUOTE)))
        return plans

    def _planned(self, template: object, placer: Placer) -> tuple[Plan, RowsPlan | None] | None:
        if not isinstance(template, dict) or not template.keys() <= BUILT_KEYS:
            return None
        if not all(is_text(template.get(key)) for key in _TEXT) or not all(
                is_date(template.get(key)) for key in ("valid_from", "valid_to")):
            return None
        where = source_getters(placer, template.get("sources"), self.source_keys)
        if where is None:
            return None
        ends = placer.getter([template.get(key) for key in _TEXT])
        dates = placer.getter([template.get(key) for key in ("valid_from", "valid_to")])
        line_plan = _fact_plan(self, placer.constants, ends, dates, citing(where, self.docs))
        rows_plan = (_rows_plan(self, placer.constants, ends, dates, where[0])
                     if len(where) == 1 else None)
        return line_plan, rows_plan


def _fact_plan(lines: FactLines, constants: list, ends: Callable, dates: Callable,
               cite: Callable) -> Plan:
    intern, new_fact = sys.intern, from_values(Fact)
    interval, spans, no_qualifiers = lines.dates.interval, lines.dates.intervals, lines.no_qualifiers

    def plan(quoted: list, default_doc: object) -> tuple[Fact, tuple] | None:
        values = quoted + constants
        subject, relation, obj, role, party = ends(values)
        if not (subject and relation and obj):
            return None
        declared = _declared(relation, role)
        if declared is None:
            return None
        span = spans.get(when := dates(values)) or interval(*when)
        cited = span is not FAILED and cite(values, default_doc)
        if not cited:
            return None
        fact = new_fact((intern(subject), declared.name, intern(obj),
                         role if role is None else intern(role),
                         party if party is None else intern(party), span[0], span[1],
                         no_qualifiers, (), cited[0], None, None))
        return fact, cited[1]

    return plan


def _rows_plan(lines: FactLines, constants: list, ends: Callable, dates: Callable,
                source: Callable) -> RowsPlan:
    """What :func:`_fact_plan` checks of each row, checked a column at a time (the
    plan's getters pick columns, each value's over the rows, as they pick a line's
    values), into :class:`Rows` for :meth:`FactLines.build`."""
    dated, first, second, intern = lines.dates, itemgetter(0), itemgetter(1), sys.intern

    def plan(rows: list[list[str]], default_doc: object) -> Rows | None:
        k = len(rows)
        columns = [*zip(*rows), *[(value,) * k for value in constants]]
        subject, relation, obj, role, party = ends(columns)
        if not (all(subject) and all(relation) and all(obj)):
            return None
        names = {}  # each relation's name, its roles checked
        for name, each_role in set(zip(relation, role)):
            declared = _declared(name, each_role)
            if declared is None:
                return None
            names[name] = declared.name
        spans = {}
        for when in set(zip(*dates(columns))):
            span = spans[when] = dated.intervals.get(when) or dated.interval(*when)
            if span is FAILED:
                return None
        doc, loc, quote = source(columns)
        if not all(doc):
            doc = [each or default_doc for each in doc]
        cited = set(doc)
        if not (all(doc) and all(loc) and all(quote)) or any(
                each.__class__ is not str for each in cited):
            return None  # (a doc YAML reads as a number is named as text: by the line)
        if len(spans) == 1:
            (start, end), = spans.values()
            starts, ends_ = Same(start), Same(end)
        else:
            # (each line's dates paired again, not kept from above: most shapes have one
            # span, and pairing for a set lets zip reuse one tuple throughout)
            both = list(map(spans.__getitem__, zip(*dates(columns))))
            starts, ends_ = list(map(first, both)), list(map(second, both))
        # (shared now: sent to another process, each is sent once, not once a line)
        return Rows(list(map(intern, subject)), Same(names[relation[0]]) if len(names) == 1
                    else list(map(names.__getitem__, relation)), list(map(intern, obj)),
                    _same_if_none(role), _same_if_none(party), starts, ends_,
                    Same(doc[0]) if len(cited) == 1 else doc, list(map(intern, loc)), quote)

    return plan


def _declared(relation: str, role: object):
    """The relation's declaration if it is one and allows the role (if any), else None."""
    declared = RELATIONS.get(relation)
    if declared is None or (role is not None and declared.roles and role not in declared.roles):
        return None
    return declared


def _same_if_none(values: tuple) -> object:
    """A column of text or None (one or the other throughout), as :class:`Same` if None."""
    return Same(None) if values[0] is None else values


def _column(values: object, k: int) -> Iterable:
    """A column of :class:`Rows` as ``k`` values, their text shared."""
    if values.__class__ is Same:
        return repeat(_shared(values.value), k)
    return shared_column(values)


def shared_column(values: Sequence) -> Iterator:
    """The values (text or None) with their text interned, each distinct one looked up
    once: for columns with few distinct values (relations, roles, dates, places)."""
    table = {value: _shared(value) for value in set(values)}
    return map(table.__getitem__, values)


def _shared(value: object) -> object:
    return value if value is None else sys.intern(value)
