"""Qualifiers: what else a fact says (``acting``, ``for``, ``what`` ...), checked against
the names and kinds its relation declares in schema.yaml.

Declared, so that the same thing is not called ``report`` in one register, ``reports``
in another and ``what`` in a third, and so that a YAML slip (``on:`` reads as ``true``)
is an error rather than a qualifier named ``True``.
"""

from __future__ import annotations

from typing import Callable

from govgraph.graph.dates import DateError, parse_date
from govgraph.ontology.terms import Relation

__all__ = ["KINDS", "qualifiers_problem", "value_problem", "unknown_id", "dated"]

#: The kinds of qualifier value schema.yaml may declare.
KINDS = ("text", "bool", "date", "number", "id", "ids", "list")


def qualifiers_problem(relation: Relation, qualifiers: dict) -> str | None:
    """What is wrong with a fact's qualifiers' names and kinds, or None.

    Whether ``id`` and ``ids`` values name nodes is :func:`unknown_id`'s to say: a
    part of a graph (a store's answer, an option's scope) holds facts whose
    qualifiers name nodes outside it.

    Examples
    --------
    >>> from govgraph.ontology.terms import RELATIONS
    >>> qualifiers_problem(RELATIONS["holds_post"], {"interim": True})
    >>> qualifiers_problem(RELATIONS["holds_post"], {"acting": "yes"})
    "qualifier acting of holds_post: expected true or false, not 'yes'"
    """
    for name, value in qualifiers.items():
        kind = relation.qualifiers.get(name)
        if kind is None:
            return (f"unknown qualifier {name!r} for {relation.name} "
                    f"(allowed: {', '.join(relation.qualifiers)})")
        problem = value_problem(kind, value)
        if problem:
            return f"qualifier {name} of {relation.name}: {problem}"
    return None


def unknown_id(relation: Relation, qualifiers: dict, known: Callable[[str], bool]) -> str | None:
    """The first ``id`` or ``ids`` qualifier value that names no node, as a problem.

    ``known`` says whether a node id exists.

    Examples
    --------
    >>> from govgraph.ontology.terms import RELATIONS
    >>> unknown_id(RELATIONS["member_of"], {"represents": "kent/scs"}, {"kent/scs"}.__contains__)
    >>> unknown_id(RELATIONS["member_of"], {"represents": "kent/sc"}, {"kent/scs"}.__contains__)
    "qualifier represents of member_of: unknown id 'kent/sc'"
    """
    for name, value in qualifiers.items():
        kind = relation.qualifiers.get(name)
        if kind in ("id", "ids"):
            values = value if kind == "ids" else [value]
            if not isinstance(values, list):
                continue  # not a list: a wrong kind, which qualifiers_problem reports
            for node_id in values:
                if isinstance(node_id, str) and not known(node_id):
                    return f"qualifier {name} of {relation.name}: unknown id {node_id!r}"
    return None


def dated(relation: Relation, qualifiers: dict) -> dict:
    """The qualifiers with each ``date`` one written as a date is (``2011`` as YAML reads
    it, an int, becomes ``"2011"``), as fact dates are.

    Raises
    ------
    DateError
        If a ``date`` qualifier is not a year, year-month or full date (the message
        starts with its name).

    Examples
    --------
    >>> from govgraph.ontology.terms import RELATIONS
    >>> dated(RELATIONS["informs"], {"date": 2011, "what": "minutes"})
    {'date': '2011', 'what': 'minutes'}
    """
    found = dict(qualifiers)
    for name, value in qualifiers.items():
        if relation.qualifiers.get(name) == "date":
            try:
                found[name] = parse_date(value)
            except DateError as exc:
                raise DateError(f"{name}: {exc}") from None
    return found


def value_problem(kind: str, value: object) -> str | None:
    """What is wrong with one qualifier value for its kind, or None."""
    if kind == "bool":
        return None if isinstance(value, bool) else f"expected true or false, not {value!r}"
    if kind == "number":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return None if ok else f"expected a number, not {value!r}"
    if kind in ("ids", "list"):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return None if ok else \
            f"expected a list of {'ids' if kind == 'ids' else 'texts'}, not {value!r}"
    if not isinstance(value, str):
        return f"expected {'an id' if kind == 'id' else 'a ' + kind}, not {value!r}"
    if kind == "date":
        try:
            parse_date(value)
        except DateError as exc:
            return f"bad date ({exc})"
    return None
