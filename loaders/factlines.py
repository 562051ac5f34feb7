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

import sys
from typing import Callable

from govgraph.graph.model import Fact
from govgraph.graph.restore import from_values
from govgraph.loaders.blockshapes import Slot
from govgraph.loaders.flowshapes import QUOTE, FlowShapes, Unreadable, shape_of
from govgraph.loaders.planned import FAILED, Dates, Placer, citing, is_date, is_text
from govgraph.ontology.terms import RELATIONS

__all__ = ["FactLines", "BUILT_KEYS"]

#: The keys of a fact line built here; a line with any other is read the usual way.
BUILT_KEYS = frozenset({"subject", "relation", "object", "role", "party", "valid_from",
                        "valid_to", "sources"})
_TEXT = ("subject", "relation", "object", "role", "party")  # text, or absent

#: A plan: (the line's quoted strings, the file's doc) -> (Fact, the sources' docs) or None.
Plan = Callable[[list, object], "tuple[Fact, tuple] | None"]


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
        self.plans: dict[str, Plan | None] = {}
        self.docs: dict[str, tuple[str]] = {}  # a source's document as a fact's docs

    def read(self, text: str, default_doc: object) -> tuple[Fact, tuple] | None:
        """The fact of a one-line flow mapping and its sources' documents (each source's
        own ``doc``, or the file's), as the register's checks make them; None if the
        line must be read and checked the usual way."""
        try:
            shape, quoted = shape_of(text)
        except Unreadable:
            return None
        try:
            plan = self.plans[shape]
        except KeyError:
            plan = self._plan(shape)
        return plan(quoted, default_doc) if plan is not None else None

    def _plan(self, shape: str) -> Plan | None:
        if len(self.plans) >= self.LIMIT:
            self.plans.clear()
            self.docs.clear()
        template = self.shapes.template(shape, Slot)
        plan = self.plans[shape] = self._planned(template, Placer(shape.count(QUOTE)))
        return plan

    def _planned(self, template: object, placer: Placer) -> Plan | None:
        if not isinstance(template, dict) or not template.keys() <= BUILT_KEYS:
            return None
        if not all(is_text(template.get(key)) for key in _TEXT) or not all(
                is_date(template.get(key)) for key in ("valid_from", "valid_to")):
            return None
        cite = citing(placer, template.get("sources"), self.source_keys, self.docs)
        if cite is None:
            return None
        ends = placer.getter([template.get(key) for key in _TEXT])
        dates = placer.getter([template.get(key) for key in ("valid_from", "valid_to")])
        return _fact_plan(self, placer.constants, ends, dates, cite)


def _fact_plan(lines: FactLines, constants: list, ends: Callable, dates: Callable,
               cite: Callable) -> Plan:
    intern, relations, new_fact = sys.intern, RELATIONS, from_values(Fact)
    interval, spans, no_qualifiers = lines.dates.interval, lines.dates.intervals, lines.no_qualifiers

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
        cited = span is not FAILED and cite(values, default_doc)
        if not cited:
            return None
        fact = new_fact((intern(subject), declared.name, intern(obj),
                         role if role is None else intern(role),
                         party if party is None else intern(party), span[0], span[1],
                         no_qualifiers, (), cited[0], None, None))
        return fact, cited[1]

    return plan
