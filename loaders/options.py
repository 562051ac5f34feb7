"""Option files: governance options as YAML change sets, strictly validated.

An option file holds one option: its id, title, baseline dataset, effective date,
sources and a list of operations (docs/options-format.md). The operation types and
their fields are declared once in :data:`govgraph.graph.options.model.OPERATIONS`.

Reading checks the files themselves (keys, fields, dates, sources, ``based_on``);
whether the ids they name exist on the option's date is checked when the option is
applied to a graph. Either way a bad file raises
:class:`~govgraph.graph.options.model.OptionError` naming file and line, and
nothing is returned.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Sequence

from govgraph.data import bundled_options_dir
from govgraph.graph.dates import DateError, parse_date
from govgraph.graph.qualifiers import dated, qualifiers_problem
from govgraph.graph.model import Source
from govgraph.graph.options.model import (OPERATION_KEYS, OPERATIONS, Operation, Option,
                                          OptionError)
from govgraph.loaders.register import dataset_dirs
from govgraph.loaders.yamlfile import Located, json_ready, read_yaml
from govgraph.ontology.terms import RELATIONS

__all__ = ["load_options", "open_options", "option_dirs", "OPTION_KEYS", "REMIT_KEYS"]

OPTION_KEYS = {"id", "title", "baseline", "effective", "based_on", "doc", "sources", "note",
               "operations"}
REMIT_KEYS = {"id", "label", "text", "topics", "note", "inferred", "sources"}
_ID = re.compile(r"^[a-z0-9][a-z0-9_./-]*$")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def option_dirs(data: Sequence[Path] | None = None) -> list[Path]:
    """The folders option files are read from.

    The bundled ``data/options/`` always; with ``--data`` folders, also an
    ``options/`` folder inside each one, and beside each dataset folder (a folder
    with a ``dataset.yaml``).
    """
    found = [bundled_options_dir()]
    for folder in map(Path, data or ()):
        beside = [folder.parent / "options"] if (folder / "dataset.yaml").is_file() else []
        for candidate in [folder / "options", *beside]:
            if candidate.is_dir() and candidate.resolve() not in {f.resolve() for f in found}:
                found.append(candidate)
    return found


def open_options(data: Sequence[Path] | None = None) -> dict[str, Option]:
    """The options available with the given data folders (see :func:`option_dirs`).

    Raises
    ------
    OptionError
        If any option file is invalid.
    """
    if data:
        dataset_dirs(data)  # a missing --data folder is reported as such, not as "no options"
    return load_options(option_dirs(data))


def load_options(folders: Iterable[Path]) -> dict[str, Option]:
    """Read every ``*.yaml`` option file in the folders, by id.

    Raises
    ------
    OptionError
        With every problem found (file:line: message); nothing is returned.
    """
    problems: list[str] = []
    read: dict[str, Option] = {}
    for folder in map(Path, folders):
        if not folder.is_dir():
            continue
        for file in sorted(folder.glob("*.yaml")):
            option = _read_option(file, problems)
            if option is None:
                continue
            if option.id in read:
                problems.append(f"{option.file}:{option.line}: duplicate option id {option.id!r} "
                                f"(first in {read[option.id].file})")
                continue
            read[option.id] = option
    resolved = _resolve_parents(read, problems)
    if problems:
        raise OptionError(list(dict.fromkeys(problems)))
    return resolved


# -- one file ------------------------------------------------------------------------------

def _read_option(file: Path, problems: list[str]) -> Option | None:
    body, found = read_yaml(file)
    if found:
        problems += [str(p) for p in found]
        return None
    if not isinstance(body, Located):
        problems.append(f"{file}:1: an option file must be a mapping with id, title, baseline, "
                        "effective, sources and operations")
        return None
    where = f"{body.file}:{body.line}"
    before = len(problems)
    _unknown_keys(body, OPTION_KEYS, "an option", problems)
    for key in ("id", "title", "baseline"):
        if not isinstance(body.get(key), str) or not body.get(key):
            problems.append(f"{where}: missing {key} (text)")
    option_id = body.get("id")
    if isinstance(option_id, str) and not _ID.match(option_id):
        problems.append(f"{where}: bad option id {option_id!r} (lower-case slug, e.g. "
                        "kent-2014-dissolve-csip)")
    effective = _effective(body, problems)
    default_doc = body.get("doc")
    sources = _sources(body, default_doc, problems, required=not body.get("based_on"))
    raw_ops = body.get("operations")
    if raw_ops is None:
        raw_ops = []
    if not isinstance(raw_ops, list):
        problems.append(f"{where}: operations must be a list")
        raw_ops = []
    operations = []
    for index, item in enumerate(raw_ops, start=1):
        op = _operation(item, index, body, default_doc, problems)
        if op is not None:
            operations.append(op)
    if len(problems) > before:
        return None
    return Option(id=option_id, title=body["title"], baseline=body["baseline"],
                  effective=effective or "", operations=tuple(operations), sources=sources,
                  note=body.get("note"), based_on=body.get("based_on"),
                  file=str(file), line=body.line)


def _effective(body: Located, problems: list[str]) -> str | None:
    value = body.get("effective")
    where = f"{body.file}:{body.line}"
    if value is None:
        if body.get("based_on"):
            return None  # inherited from the option it builds on
        problems.append(f"{where}: missing effective (the date the option takes effect, "
                        "YYYY-MM-DD)")
        return None
    try:
        text = parse_date(value)
    except DateError as exc:
        problems.append(f"{where}: bad effective date: {exc}")
        return None
    if not _FULL_DATE.match(text):
        problems.append(f"{where}: effective must be a full date YYYY-MM-DD, not {text!r}")
        return None
    return text


def _operation(item: object, index: int, body: Located, default_doc: str | None,
               problems: list[str]) -> Operation | None:
    if not isinstance(item, Located):
        problems.append(f"{body.file}:{body.line}: operation {index} must be a mapping with op:")
        return None
    where = f"{item.file}:{item.line}"
    name = item.get("op")
    spec = OPERATIONS.get(name)
    if spec is None:
        problems.append(f"{where}: unknown operation {name!r} (expected one of "
                        f"{', '.join(OPERATIONS)})")
        return None
    before = len(problems)
    _unknown_keys(item, OPERATION_KEYS | set(spec.required) | set(spec.optional),
                  f"a {name} operation", problems)
    for key in spec.required:
        if item.get(key) in (None, "", []):
            problems.append(f"{where}: {name} needs {key}")
    fields = {}
    for key, kind in {**spec.required, **spec.optional}.items():
        if item.get(key) is not None:
            fields[key] = _field(item, name, key, kind, default_doc, problems)
    if fields.get("type", "Body") not in ("Body", "Post"):
        problems.append(f"{where}: establish makes a Body or a Post, not {fields['type']!r}")
    rationale = item.get("rationale")
    if not isinstance(rationale, str) or not rationale.strip():
        problems.append(f"{where}: {name} needs a rationale (why this step)")
    sources = _sources(item, default_doc, problems, required=True)
    if len(problems) > before:
        return None
    return Operation(op=name, fields=fields, rationale=rationale.strip(), sources=sources,
                     note=item.get("note"), inferred=item.get("inferred"),
                     file=item.file, line=item.line, index=index)


#: The relation of the fact an operation adds, where the operation names none itself.
_QUALIFIED = {"add_member": "member_of", "align": "aligned_with"}


def _field(item: Located, op: str, key: str, kind: str, default_doc: str | None,
           problems: list[str]) -> object:
    value = item[key]
    where = f"{item.file}:{item.line}"
    if kind in ("body", "agent", "remit", "node", "text"):
        if not isinstance(value, str):
            problems.append(f"{where}: {op} {key} must be text, not {value!r}")
        return str(value)
    if kind == "new_id":
        if not isinstance(value, str) or not _ID.match(value):
            problems.append(f"{where}: {op} {key} {value!r} is not a valid id (lower-case slug, "
                            "e.g. kent/cstp)")
        return str(value)
    if kind == "relation":
        relation = RELATIONS.get(value)
        if relation is None:
            problems.append(f"{where}: unknown relation {value!r} (expected one of "
                            f"{', '.join(RELATIONS)})")
        elif relation.change:
            problems.append(f"{where}: {value} is a change event; options record those "
                            "themselves (use dissolve, absorb or rename)")
        return value
    if kind == "role":
        relation = RELATIONS[item.get("relation") or "member_of"] \
            if (item.get("relation") or "member_of") in RELATIONS else None
        if relation is not None and relation.roles and value not in relation.roles:
            problems.append(f"{where}: unknown role {value!r} for {relation.name} "
                            f"(expected one of {', '.join(relation.roles)})")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            problems.append(f"{where}: {op} {key} must be true or false, not {value!r}")
        return value
    if kind == "list":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(f"{where}: {op} {key} must be a list of text")
            return []
        return list(value)
    if kind == "mapping":  # qualifiers, checked as a register's (ids once the step applies)
        if not isinstance(value, dict):
            problems.append(f"{where}: {op} {key} must be a mapping")
            return {}
        for name in value:
            if not isinstance(name, str):
                problems.append(f"{where}: {op} {key}: name {name!r} is not text (YAML reads on, "
                                "off, yes and no as true or false): put it in quotes")
        plain = {name: json_ready(v) for name, v in value.items() if isinstance(name, str)}
        relation = RELATIONS.get(_QUALIFIED.get(op) or item.get("relation"))
        if relation is None:  # an unknown relation is reported on its own
            return plain
        try:
            plain = dated(relation, plain)
        except DateError as exc:
            problems.append(f"{where}: {op} {key}: bad date in qualifier {exc}")
            return plain
        problem = qualifiers_problem(relation, plain)
        if problem:
            problems.append(f"{where}: {op} {key}: {problem}")
        return plain
    if kind == "remits":
        if value in ("all", "none"):
            return value
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value)
        problems.append(f"{where}: {op} {key} must be all, none or a list of remit ids")
        return "all"
    if kind == "remit_list":
        return _remit_list(item, key, default_doc, problems)
    raise AssertionError(f"unknown field kind {kind}")  # OPERATIONS and this table disagree


def _remit_list(item: Located, key: str, default_doc: str | None,
                problems: list[str]) -> list[dict]:
    value = item[key]
    if not isinstance(value, list) or not all(isinstance(v, Located) for v in value):
        problems.append(f"{item.file}:{item.line}: {key} must be a list of remits "
                        "{id, label, text, topics, sources}")
        return []
    remits = []
    for remit in value:
        where = f"{remit.file}:{remit.line}"
        _unknown_keys(remit, REMIT_KEYS, "a remit", problems)
        if not isinstance(remit.get("id"), str) or not _ID.match(remit["id"]):
            problems.append(f"{where}: remit id {remit.get('id')!r} is not a valid id")
            continue
        topics = remit.get("topics") or []
        if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
            problems.append(f"{where}: topics must be a list of text")
            topics = []
        remits.append({"id": remit["id"], "label": str(remit.get("label") or remit.get("text")
                                                       or remit["id"]),
                       "text": remit.get("text"), "topics": list(topics),
                       "note": remit.get("note"), "inferred": remit.get("inferred"),
                       "sources": _sources(remit, default_doc, problems, required=False)})
    return remits


def _sources(item: Located, default_doc: str | None, problems: list[str],
             required: bool) -> tuple[Source, ...]:
    raw = item.get("sources")
    where = f"{item.file}:{item.line}"
    if not raw:
        if required:
            problems.append(f"{where}: no sources: say where the option or step is stated "
                            "({doc, loc, quote})")
        return ()
    if not isinstance(raw, list):
        problems.append(f"{where}: sources must be a list")
        return ()
    found = []
    for source in raw:
        if not isinstance(source, Located):
            problems.append(f"{where}: each source must be a mapping {{doc, loc, quote}}")
            continue
        _unknown_keys(source, {"doc", "loc", "quote"}, "a source", problems)
        doc = source.get("doc") or default_doc
        if not doc or not source.get("loc") or not source.get("quote"):
            problems.append(f"{source.file}:{source.line}: a source needs doc (or the file's "
                            "doc:), loc and quote")
            continue
        found.append(Source(str(doc), str(source["loc"]), str(source["quote"])))
    return tuple(found)


def _unknown_keys(item: Located, allowed: set[str], what: str, problems: list[str]) -> None:
    problems += [f"{item.file}:{item.line}: unknown key {k!r} in {what} "
                 f"(allowed: {', '.join(sorted(allowed))})" for k in item if k not in allowed]


# -- based_on ------------------------------------------------------------------------------

def _resolve_parents(read: dict[str, Option], problems: list[str]) -> dict[str, Option]:
    """Link each option to the option it builds on, in dependency order."""
    resolved: dict[str, Option] = {}

    def resolve(option: Option, seen: tuple[str, ...]) -> Option | None:
        if option.id in resolved:
            return resolved[option.id]
        if option.based_on is None:
            resolved[option.id] = option
            return option
        where = f"{option.file}:{option.line}"
        if option.based_on in seen or option.based_on == option.id:
            problems.append(f"{where}: based_on makes a cycle: "
                            f"{' -> '.join(seen + (option.id, option.based_on))}")
            return None
        base = read.get(option.based_on)
        if base is None:
            problems.append(f"{where}: based_on names unknown option {option.based_on!r}")
            return None
        parent = resolve(base, seen + (option.id,))
        if parent is None:
            return None
        if parent.baseline != option.baseline:
            problems.append(f"{where}: baseline {option.baseline!r} differs from that of "
                            f"{parent.id} ({parent.baseline!r}), which it is based on")
            return None
        effective = option.effective or parent.effective
        if effective < parent.effective:
            problems.append(f"{where}: effective {effective} is before that of {parent.id} "
                            f"({parent.effective}), which it is based on")
            return None
        sources = option.sources or parent.sources
        linked = Option(**{**{f: getattr(option, f) for f in option.__dataclass_fields__},
                           "effective": effective, "sources": sources, "parent": parent})
        resolved[option.id] = linked
        return linked

    for option in read.values():
        resolve(option, ())
    return {oid: resolved[oid] for oid in read if oid in resolved}
