"""A register's node items read straight into nodes, by their shape.

A national load has 297,000 nodes of 1,241 shapes (:mod:`~govgraph.loaders.blockshapes`):
a meeting is seven lines that differ from the next meeting's only in their quoted
strings and its date. :class:`NodeLines` works out once a shape, and once for each type
a shape's ``type:`` names, which keys the node has, which of them are its type's fields
and of what kind, and where each value comes from; each node of that shape is then its
quoted strings checked and put in place, without the mappings of its YAML.

Like :class:`~govgraph.loaders.factlines.FactLines` it only ever gives the node the
register's own checks (``items.node_of``) would make, with no problem found; for
anything else it gives None and the item is read and checked the usual way, which says
what is wrong. tests/test_nodelines.py holds it to that.
"""

from __future__ import annotations

import re
import sys
from typing import Callable

from govgraph.graph.model import Node
from govgraph.graph.restore import from_values
from govgraph.loaders.blockshapes import BlockShapes, Slot
from govgraph.loaders.flowshapes import QUOTE, Unreadable, shape_of
from govgraph.loaders.planned import (FAILED, Dates, Placer, SharedDocs, citing, is_date, is_text,
                                      source_getters)
from govgraph.ontology.terms import NODE_TYPES

__all__ = ["NodeLines"]

#: A plan: (the item's quoted strings, the file's doc, the dataset) -> (Node, docs) or None.
Plan = Callable[[list, object, str], "tuple[Node, tuple] | None"]
_TEXT = ("id", "label", "note", "inferred")  # text, or absent
# (a field of text may not be null, as a note may: register._field's check)
_OF_KIND = {"text": lambda v: v is not None and is_text(v), "bool": lambda v: v.__class__ is bool,
            "date": is_date,
            "list": lambda v: v.__class__ is list and all(x.__class__ in (str, Slot) for x in v)}


class NodeLines:
    """The plans of the node-item shapes met so far.

    Parameters
    ----------
    blocks
        The line reader's item shapes, which parse a shape into its template.
    node_keys
        The keys every node may have (the register's ``NODE_KEYS``); a type's own
        fields come from the schema.
    source_keys
        The keys a source may have (the register's ``SOURCE_KEYS``).
    pattern
        What an id must match (the register's).
    dates
        Dates read once, shared with other plans.
    """

    #: Shapes kept at most (a national load has about 1,300).
    LIMIT = 100_000

    def __init__(self, blocks: BlockShapes, *, node_keys: set[str], source_keys: set[str],
                 pattern: re.Pattern, dates: Dates | None = None):
        self.blocks, self.node_keys = blocks, frozenset(node_keys)
        self.source_keys, self.pattern = frozenset(source_keys), pattern
        self.dates = dates or Dates()
        self.shapes: dict[tuple[int, str], _Shape | None] = {}
        self.docs = SharedDocs()  # a source's document as a node's docs

    def read(self, text: str, indent: int, default_doc: object,
             dataset: str) -> tuple[Node, tuple] | None:
        """The node of an item (as :func:`~govgraph.loaders.blockshapes.section_items`
        gives it) and its sources' documents, as the register's checks make them; None
        if the item must be read and checked the usual way."""
        try:
            shape, quoted = shape_of(text)
        except Unreadable:
            return None
        try:
            planned = self.shapes[indent, shape]
        except KeyError:
            planned = self._shape(indent, shape)
        return None if planned is None else planned.read(quoted, default_doc, dataset)

    def _shape(self, indent: int, shape: str) -> _Shape | None:
        if len(self.shapes) >= self.LIMIT:
            self.shapes.clear()
            self.docs.clear()
        template = self.blocks.template(indent, shape, Slot)
        found = self.shapes[indent, shape] = (
            _Shape(self, template, shape.count(QUOTE)) if isinstance(template, dict) else None)
        return found


class _Shape:
    """One shape's plans, one for each type its items name (usually one, quoted)."""

    def __init__(self, lines: NodeLines, template: dict, slots: int):
        self.lines, self.template, self.slots = lines, template, slots
        kind = template.get("type")
        self.type_at = kind.index if kind.__class__ is Slot else None
        self.plans: dict[object, Plan | None] = {}

    def read(self, quoted: list, default_doc: object, dataset: str) -> tuple[Node, tuple] | None:
        node_type = self.template.get("type") if self.type_at is None else quoted[self.type_at]
        try:
            plan = self.plans[node_type]
        except KeyError:
            plan = self.plans[node_type] = self._plan(node_type)
        except TypeError:  # unhashable: a problem, said the usual way
            return None
        return None if plan is None else plan(quoted, default_doc, dataset)

    def _plan(self, node_type: object) -> Plan | None:
        lines, template = self.lines, self.template
        if node_type not in NODE_TYPES:
            return None
        fields = NODE_TYPES[node_type].fields
        if not template.keys() <= lines.node_keys | set(fields):
            return None
        aliases = template.get("aliases")
        if aliases is not None and not _OF_KIND["list"](aliases):
            return None
        if not all(is_text(template.get(key)) for key in _TEXT) or not all(
                is_date(template.get(key)) for key in ("valid_from", "valid_to")):
            return None
        present = [(name, kind) for name, kind in fields.items() if name in template]
        if not all(_OF_KIND[kind](template[name]) for name, kind in present):
            return None
        placer = Placer(self.slots)
        where = source_getters(placer, template.get("sources"), lines.source_keys)
        if where is None:
            return None
        return _node_plan(lines, sys.intern(node_type), placer, template, present,
                          citing(where, lines.docs))


def _node_plan(lines: NodeLines, node_type: str, placer: Placer, template: dict,
               present: list[tuple[str, str]], cite: Callable) -> Plan:
    """The plan of one shape for one type: ``items.node_of`` for its items."""
    texts = placer.getter([template.get(key) for key in _TEXT])
    named = placer.getter(template.get("aliases") or [None])
    has_aliases = bool(template.get("aliases"))
    dates = placer.getter([template.get(key) for key in ("valid_from", "valid_to")])
    props = [(name, kind, placer.getter(template[name] if kind == "list" else [template[name]]))
             for name, kind in present]
    constants, matches, interval, date = placer.constants, lines.pattern.match, \
        lines.dates.interval, lines.dates.date
    intern, new_node = sys.intern, from_values(Node)

    def plan(quoted: list, default_doc: object, dataset: str) -> tuple[Node, tuple] | None:
        values = quoted + constants
        node_id, label, note, inferred = texts(values)
        if node_id.__class__ is not str or not matches(node_id) or not label:
            return None
        fields = {}
        for name, kind, get in props:
            if kind == "list":
                fields[name] = sorted(set(get(values)))
            elif kind == "date":
                fields[name] = date(get(values)[0])
                if fields[name] is FAILED:
                    return None
            else:
                fields[name] = get(values)[0]
        span = interval(*dates(values))
        cited = span is not FAILED and cite(values, default_doc)
        if not cited:
            return None
        aliases = tuple(sorted(set(named(values)))) if has_aliases else ()
        node = new_node((intern(node_id), node_type, label, aliases, span[0], span[1], fields,
                         cited[0], note, inferred, dataset or None))
        return node, cited[1]

    return plan
