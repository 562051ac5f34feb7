"""One node, fact or source as the register format says it must be: checked, every
problem located at its file and line.

:mod:`~govgraph.loaders.register` reads a register's items with these (the usual
reading), and the readers by shape (:mod:`~govgraph.loaders.nodelines`,
:mod:`~govgraph.loaders.factlines`) are held to give what these give.
"""

from __future__ import annotations

import re
import sys
from typing import Iterable

from govgraph.graph.dates import DateError, parse_date, period_end, period_start
from govgraph.graph.model import Fact, Node, Source
from govgraph.graph.qualifiers import dated
from govgraph.graph.restore import from_values
from govgraph.loaders.yamlfile import Located, Problem, json_ready
from govgraph.ontology.terms import NODE_TYPES, RELATIONS

__all__ = ["NODE_KEYS", "FACT_KEYS", "SOURCE_KEYS", "ID", "NO_QUALIFIERS", "node_of", "fact_of",
           "sources_of", "source_docs", "unknown_keys", "text_of", "date_of", "canonical"]

NODE_KEYS = {"id", "type", "label", "aliases", "valid_from", "valid_to", "sources", "note",
             "inferred"}
FACT_KEYS = {"subject", "relation", "object", "role", "party", "valid_from", "valid_to",
             "attested", "qualifiers", "sources", "note", "inferred"}
SOURCE_KEYS = {"doc", "loc", "quote"}
ID = re.compile(r"^[a-z0-9][a-z0-9_./-]*$")


def unknown_keys(item: Located, allowed: set[str], what: str) -> list[Problem]:
    if item.keys() <= allowed:  # the usual case, checked in one step
        return []
    return [Problem(item.file, item.line, f"unknown key {k!r} in {what} "
                                          f"(allowed: {', '.join(sorted(allowed))})")
            for k in item if k not in allowed]


def node_of(item: Located, dataset: str) -> tuple[Node | None, list[Problem]]:
    problems: list[Problem] = []
    where = (item.file, item.line)
    node_type = item.get("type")
    if node_type not in NODE_TYPES:
        return None, [Problem(*where, f"unknown node type {node_type!r} "
                              f"(expected one of {', '.join(NODE_TYPES)})")]
    fields = NODE_TYPES[node_type].fields
    problems += unknown_keys(item, NODE_KEYS | set(fields), f"a {node_type}")
    node_id, label = item.get("id"), item.get("label")
    if not isinstance(node_id, str) or not ID.match(node_id):
        problems.append(Problem(*where, f"bad or missing id {node_id!r} (lower-case slug, "
                                "e.g. kent/csip)"))
        return None, problems
    if not label:
        problems.append(Problem(*where, f"{node_id}: missing label"))
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list):
        problems.append(Problem(*where, f"{node_id}: aliases must be a list"))
        aliases = []
    props = {}
    for name, kind in fields.items():
        if name in item:
            props[name] = _field(item, name, kind, problems)
    valid_from, valid_to = _interval(item, problems)
    node = Node(id=_intern(node_id), type=_intern(node_type), label=str(label or node_id),
                aliases=canonical(aliases), valid_from=valid_from, valid_to=valid_to,
                props=props, sources=sources_of(item, problems, required=True),
                note=text_of(item, "note", problems), inferred=text_of(item, "inferred", problems),
                dataset=dataset or None)
    return node, problems


def fact_of(item: Located) -> tuple[Fact | None, list[Problem]]:
    problems = unknown_keys(item, FACT_KEYS, "a fact")
    where = (item.file, item.line)
    get = item.get
    if not (get("subject") and get("relation") and get("object")):
        missing = [k for k in ("subject", "relation", "object") if not get(k)]
        return None, problems + [Problem(*where, f"fact without {', '.join(missing)}")]
    relation = RELATIONS.get(item["relation"])
    if relation is None:
        return None, problems + [Problem(*where, f"unknown relation {item['relation']!r} "
                                         f"(expected one of {', '.join(RELATIONS)})")]
    role = get("role")
    if role is not None and relation.roles and role not in relation.roles:
        problems.append(Problem(*where, f"unknown role {role!r} for {relation.name} "
                                f"(expected one of {', '.join(relation.roles)})"))
    qualifiers = get("qualifiers") or {}
    if not isinstance(qualifiers, dict):
        problems.append(Problem(*where, "qualifiers must be a mapping"))
        qualifiers = {}
    # Most facts have no dates, attestations, qualifiers or notes: each is looked at
    # only when it is there (a national load reads 2.35 M facts).
    valid_from = valid_to = None
    if "valid_from" in item or "valid_to" in item:
        valid_from, valid_to = _interval(item, problems)
    attested = get("attested") or ()
    if attested:
        if not isinstance(attested, list):
            problems.append(Problem(*where, "attested must be a list of dates"))
            attested = []
        attested = canonical(d for d in (_check_date(a, item, "attested", problems)
                                          for a in attested) if d)
    if qualifiers:
        try:
            qualifiers = dated(relation, _plain(qualifiers, item, problems))
        except DateError as exc:
            problems.append(Problem(*where, f"bad date in qualifier {exc}"))
            qualifiers = {}
    party, note, inferred = get("party"), get("note"), get("inferred")
    fact = _new_fact((_intern(item["subject"]), relation.name, _intern(item["object"]),
                      None if role is None else _intern(role),
                      None if party is None else _intern(party),
                      valid_from and _intern(valid_from), valid_to and _intern(valid_to),
                      qualifiers or NO_QUALIFIERS, attested,
                      sources_of(item, problems, required=True),
                      note if note is None else text_of(item, "note", problems),
                      inferred if inferred is None else text_of(item, "inferred", problems)))
    return fact, problems


# A frozen dataclass's own __init__ sets each field through object.__setattr__: these
# make the same Fact and Source from their fields in order, 1.3 µs less a fact.
_new_fact, _new_source = from_values(Fact), from_values(Source)


#: What a fact without qualifiers holds; facts are immutable, so one empty mapping
#: serves them all (a national load has millions of facts and few qualifiers).
NO_QUALIFIERS: dict = {}

def _intern(value: object) -> str | None:
    """One shared copy of a string met many times (ids, roles, parties, dates, places).

    Every fact repeats its ends' ids and most repeat a role or a locator; sharing one
    string per distinct value took a fifth off the memory of a national load.
    """
    return None if value is None else sys.intern(str(value))


def text_of(item: Located, key: str, problems: list[Problem]) -> str | None:
    """A free-text field (note, inferred, title, ...): a string, or a located problem."""
    value = item.get(key)
    if value is None or isinstance(value, str):
        return value
    problems.append(Problem(item.file, item.line, f"{key} must be text, not {value!r} "
                                                  "(put it in quotes)"))
    return str(value)


#: Whether a value is of a node field's kind (a date's own check is ``date_of``'s).
_OF_KIND = {"text": lambda v: isinstance(v, str), "bool": lambda v: isinstance(v, bool),
            "list": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
            "date": lambda v: True}


def _field(item: Located, name: str, kind: str, problems: list[Problem]) -> object:
    value = item[name]
    if not _OF_KIND[kind](value):
        problems.append(Problem(item.file, item.line, f"{name} must be a {kind}, not {value!r}"))
    if kind == "date":
        return date_of(item, name, problems)
    return list(canonical(value)) if kind == "list" and isinstance(value, list) else value


def canonical(values: Iterable) -> tuple[str, ...]:
    """Set-like lists (aliases, topics, attested dates) in one order, so views round-trip."""
    return tuple(sorted({str(v) for v in values}))


def _plain(qualifiers: dict, item: Located, problems: list[Problem]) -> dict:
    """Qualifiers as JSON-ready values (YAML gives dates as date objects); names must be
    text. Whether each is one its relation declares is the graph's check (add_fact)."""
    plain = {}
    for name, value in qualifiers.items():
        if isinstance(name, str):
            plain[name] = json_ready(value)
        else:
            problems.append(Problem(item.file, item.line, f"qualifier name {name!r} is not text "
                                    "(YAML reads on, off, yes and no as true or false): "
                                    "put it in quotes"))
    return plain


def date_of(item: Located, key: str, problems: list[Problem]) -> str | None:
    return _check_date(item.get(key), item, key, problems)


def _check_date(value: object, item: Located, key: str, problems: list[Problem]) -> str | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except DateError as exc:
        problems.append(Problem(item.file, item.line, f"bad date in {key}: {exc}"))
        return None


def _interval(item: Located, problems: list[Problem]) -> tuple[str | None, str | None]:
    start, end = date_of(item, "valid_from", problems), date_of(item, "valid_to", problems)
    if start and end and period_start(start) > period_end(end):
        problems.append(Problem(item.file, item.line,
                                f"valid_from {start} is after valid_to {end}"))
    return start, end


def sources_of(item: Located, problems: list[Problem], required: bool) -> tuple[Source, ...]:
    raw = item.get("sources")
    if not raw:
        if required:
            problems.append(Problem(item.file, item.line, "no sources: every fact needs at least "
                                    "one {doc, loc, quote}"))
        return ()
    if not isinstance(raw, list):
        problems.append(Problem(item.file, item.line, "sources must be a list"))
        return ()
    found = []
    default_doc = getattr(item, "default_doc", None)
    for source in raw:
        if not isinstance(source, Located):
            problems.append(Problem(item.file, item.line, "each source must be a mapping "
                                    "{doc, loc, quote}"))
            continue
        if not source.keys() <= SOURCE_KEYS:
            problems += unknown_keys(source, SOURCE_KEYS, "a source")
        doc, loc, quote = source.get("doc") or default_doc, source.get("loc"), source.get("quote")
        if not doc or not loc or not quote:
            problems.append(Problem(source.file, source.line,
                                    "a source needs doc (or the file's doc:), loc and quote"))
            continue
        found.append(_new_source((_intern(doc), _intern(loc), str(quote))))
    return tuple(found)


def source_docs(item: Located) -> tuple:
    """The document each of an item's sources names (its own doc, or the file's)."""
    default_doc, sources = getattr(item, "default_doc", None), item.get("sources") or []
    if sources.__class__ is list and len(sources) == 1:  # the usual case, without a loop
        source = sources[0]
        return ((source.get("doc") if isinstance(source, dict) else None) or default_doc,)
    return tuple((source.get("doc") if isinstance(source, dict) else None) or default_doc
                 for source in sources)
