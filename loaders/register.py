"""The YAML register format: datasets of nodes and facts, strictly validated.

A dataset is a folder with a ``dataset.yaml`` (its id, title and source documents)
and any number of register files (``*.yaml``) holding ``nodes:`` and ``facts:``.
docs/register-format.md describes the format with a complete example.

Everything is checked before anything is returned: a bad file raises
:class:`RegisterError` listing every problem with file and line, and no graph.
"""

from __future__ import annotations

from array import array
from pathlib import Path
from typing import Iterable, NamedTuple

from govgraph.graph.model import Fact, GovGraph, Node, paused_gc
from govgraph.loaders.building import Build
from govgraph.loaders.factlines import Cut, FactLines
from govgraph.loaders.items import (FACT_KEYS, ID, NO_QUALIFIERS, NODE_KEYS, SOURCE_KEYS,
                                    fact_of, node_of, source_docs, unknown_keys)
from govgraph.loaders.nodelines import NodeLines
from govgraph.loaders.planned import Dates
from govgraph.loaders.yamlfile import (Located, Problem, Unreadable, block_item, flow_item,
                                       line_shapes, read_yaml, read_yaml_aside)
from govgraph.loaders.yamllines import Aside

__all__ = ["RegisterError", "Problem", "load_datasets", "load_register_files", "dataset_dirs",
           "NODE_KEYS", "FACT_KEYS", "SOURCE_KEYS"]

DATASET_KEYS = {"id", "title", "publisher", "description", "requires", "documents"}
DOCUMENT_KEYS = {"id", "title", "date", "publisher", "url"}
REGISTER_KEYS = {"doc", "nodes", "mentions", "facts"}


class _ReadFact(NamedTuple):
    """A fact as read from its file, with what is needed to report on it later.

    Facts are read into this as each file is parsed, rather than kept as YAML
    mappings until the end: that more than halved the memory of a national load.
    """

    fact: Fact | None
    problems: tuple[Problem, ...]
    file: str
    line: int
    docs: tuple  # the document each source names, checked once every dataset is read


class _ReadFacts(NamedTuple):
    """Facts built by their shape from consecutive fact lines of one file, none with a
    problem, kept as lists rather than a :class:`_ReadFact` each: nationally 2.35 M
    fewer objects to make, send between processes and free."""

    facts: list[Fact]
    file: str
    lines: array  # each fact's line ("L")
    docs: list[tuple]  # each fact's sources' documents (one shared tuple a document)


class _ReadCut(NamedTuple):
    """Fact lines of one file checked but not built (a reading worker's, sent as plain
    values): :func:`built_cut` makes them a :class:`_ReadFacts`."""

    cut: Cut
    file: str
    lines: range | list[int]


def built_cut(read: _ReadCut) -> _ReadFacts:
    """The facts of fact lines read unbuilt (``build_facts=False``)."""
    facts, docs = _FACT_LINES.assemble(read.cut, taken_back=True)
    return _ReadFacts(facts, read.file, array("L", read.lines), docs)


class _ReadNode(NamedTuple):
    """A node as read and checked from its file, like :class:`_ReadFact`: checking
    nodes as they are read (on every core) took 4 s off building a national graph."""

    node: Node | None
    problems: tuple[Problem, ...]
    file: str
    line: int
    docs: tuple


class RegisterError(ValueError):
    """Input files that cannot be loaded; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[:50])
        more = f"\n... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s) in the data; nothing was loaded:\n{shown}{more}")


def dataset_dirs(paths: Iterable[Path]) -> list[Path]:
    """The dataset folders named by ``paths`` (a dataset folder, or a folder of them),
    with the datasets they ``require`` (sibling folders), each once, required first."""
    found: list[Path] = []
    for path in map(Path, paths):
        if (path / "dataset.yaml").is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(sorted(p.parent for p in path.glob("*/dataset.yaml")))
        else:
            raise RegisterError([Problem(str(path), 0, "no such data folder")])
    if not found:
        raise RegisterError([Problem(", ".join(map(str, paths)), 0,
                                     "no dataset.yaml found (a dataset is a folder with one)")])
    ordered: list[Path] = []
    for folder in found:
        _with_requirements(folder.resolve(), ordered, [])
    return ordered


def _with_requirements(folder: Path, ordered: list[Path], stack: list[Path]) -> None:
    if folder in ordered:
        return
    if folder in stack:
        raise RegisterError([Problem(str(folder / "dataset.yaml"), 1, "datasets require each "
                                     "other in a cycle: " + " -> ".join(p.name for p in stack))])
    head, problems = read_yaml(folder / "dataset.yaml")
    requires = head.get("requires", []) if isinstance(head, dict) else []
    for name in requires if isinstance(requires, list) else []:
        needed = folder.parent / str(name)
        if not (needed / "dataset.yaml").is_file():
            raise RegisterError([Problem(str(folder / "dataset.yaml"), head.line,
                                         f"requires dataset {name!r}, but there is no "
                                         f"{needed}/dataset.yaml")])
        _with_requirements(needed, ordered, stack + [folder])
    ordered.append(folder)


def load_datasets(paths: Iterable[Path]) -> GovGraph:
    """Load one or more datasets into a new graph.

    Parameters
    ----------
    paths : iterable of Path
        Dataset folders, or folders holding dataset folders (such as ``data/``).

    Raises
    ------
    RegisterError
        With every problem found; nothing is loaded.
    """
    from govgraph.loaders.parallel import read_datasets  # which reads with this module

    # The collector stays paused from the first file to the last fact: resumed in
    # between, its first pass would walk every object read (2 s nationally).
    with paused_gc(kept=True):
        build = Build()  # each dataset built as soon as this process has read it or taken it back
        # (dataset, kind, what was read), read on every core when there is much to read
        entries, problems = read_datasets(dataset_dirs(paths), take=build.add)
        return _built(build, entries, problems)


def load_register_files(files: Iterable[Path], documents: Iterable[dict] = ()) -> GovGraph:
    """Load register files directly (with the given documents), mainly for tests."""
    entries: list[tuple[str, str, Located | _ReadFact]] = []
    for doc in documents:
        entries.append(("", "document", Located(doc)))
    problems: list[Problem] = []
    with paused_gc():
        for file in files:
            problems += _read_register(Path(file), "", entries)
        build = Build()
        build.add(entries)
        return _built(build, entries, problems)


def _built(build: Build, entries: list, problems: list[Problem]) -> GovGraph:
    """The graph once every entry is built, unless there is any problem.

    Raises
    ------
    RegisterError
        With every problem found.
    """
    G, problems = build.finish(entries, problems)
    if problems:
        raise RegisterError(problems)
    return G


# -- reading files ------------------------------------------------------------------

def _read_dataset(folder: Path, entries: list, *, by_shape: bool = True,
                  build_facts: bool = True) -> list[Problem]:
    head, problems = read_yaml(folder / "dataset.yaml")
    if problems:
        return problems
    where = str(folder / "dataset.yaml")
    if not isinstance(head, Located):
        return [Problem(where, 1, "dataset.yaml must be a mapping with id, title and documents")]
    problems += unknown_keys(head, DATASET_KEYS, "dataset.yaml")
    dataset = str(head.get("id") or folder.name)
    for doc in _as_list(head, "documents", problems):
        problems += unknown_keys(doc, DOCUMENT_KEYS, "document")
        entries.append((dataset, "document", doc))
    for file in sorted(folder.glob("*.yaml")):
        if file.name != "dataset.yaml":
            problems += _read_register(file, dataset, entries, by_shape=by_shape,
                                       build_facts=build_facts)
    return problems


def _read_register(file: Path, dataset: str, entries: list, *, by_shape: bool = True,
                   build_facts: bool = True) -> list[Problem]:
    """Read one register file's entries into ``entries`` and give its problems.

    Its node items and fact lines are read straight into nodes and facts, by their
    shape (:mod:`~govgraph.loaders.nodelines`, :mod:`~govgraph.loaders.factlines`),
    unless ``by_shape`` is False: what it reads is the same either way. Unless
    ``build_facts``, a block of fact lines all checked by their shape is left unbuilt,
    a ``fact-cut`` entry (:class:`_ReadCut`), as a reading worker sends it.
    """
    if by_shape:
        body, aside, problems = read_yaml_aside(file, ("nodes", "facts"))
    else:
        (body, problems), aside = read_yaml(file), {}
    if problems:
        return problems
    if body is None:
        return []
    if not isinstance(body, Located):
        return [Problem(str(file), 1, "a register file must be a mapping with nodes: and facts:")]
    problems += unknown_keys(body, REGISTER_KEYS, "register file")
    default_doc = body.get("doc")
    read: list = []  # this file's entries, kept back until every item is read
    try:
        for kind in ("nodes", "mentions", "facts"):
            if kind in aside:
                _read_aside(kind, aside[kind], body, dataset, read, problems, build_facts)
                continue
            for item in _as_list(body, kind, problems):
                item.default_doc = default_doc  # type: ignore[attr-defined]
                read.append(_entry(kind, item, dataset))
    except Unreadable:  # an item of another shape: the whole file is PyYAML's, as before
        return _read_register(file, dataset, entries, by_shape=False)
    entries += read
    return problems


def _entry(kind: str, item: Located, dataset: str) -> tuple:
    """What an item of nodes, mentions or facts is read into (facts and nodes now, so
    the YAML can go: they are most of a load)."""
    if kind == "facts":
        return dataset, "fact", _read_fact(item)
    if kind == "nodes":
        node, found = node_of(item, dataset)
        return dataset, "node", _ReadNode(node, tuple(found), item.file, item.line,
                                          source_docs(item))
    return dataset, kind[:-1], item


def _read_aside(kind: str, aside: Aside, body: Located, dataset: str, read: list,
                problems: list[Problem], build_facts: bool = True) -> None:
    """The entries of a sequence's items left aside: nodes and facts built by their
    shape where they can be, the rest read and checked as any item (to say why).

    Raises
    ------
    Unreadable
        If an item is not of a shape the line reader reads.
    """
    file, default_doc, indent = body.file, body.get("doc"), aside.indent
    block = (_FACT_LINES.read_block(aside.lines, indent, default_doc, aside.first,
                                    build=build_facts)
             if kind == "facts" and aside.one_line else None)
    if block is not None and not block.left:  # the usual case: every fact built (or checked)
        if block.cut is not None and block.lines:
            read.append((dataset, "fact-cut", _ReadCut(block.cut, file, block.lines)))
        elif block.facts:
            read.append((dataset, "facts", _ReadFacts(block.facts, file, array("L", block.lines),
                                                      block.docs)))
        return
    by_shape = (_FACT_LINES.read if kind == "facts" and aside.one_line else
                (lambda text, doc: _NODE_LINES.read(text, indent, doc, dataset))
                if kind == "nodes" and not aside.one_line else None)
    # each item's (record, documents) as built by its shape, or None: read the usual way
    made_each = (((fact, docs) if fact is not None else None
                  for fact, docs in zip(block.facts, block.docs)) if block is not None else
                 (by_shape(text, default_doc) if by_shape else None for _, text in aside.items))
    built: list = []  # facts built by their shape, with their lines and documents
    lines: array = array("L")
    docs: list = []
    odd = False
    for (line, text), made in zip(aside.items, made_each):
        if made is not None and kind == "nodes":
            read.append((dataset, "node", _ReadNode(made[0], (), file, line, made[1])))
            continue
        if made is not None:
            built.append(made[0])
            lines.append(line)
            docs.append(made[1])
            continue
        item = (flow_item(text, file, line) if aside.one_line
                else block_item(text, indent, file, line))
        if built:
            read.append((dataset, "facts", _ReadFacts(built, file, lines, docs)))
            built, lines, docs = [], array("L"), []
        if not isinstance(item, Located):
            odd = True
            continue
        item.default_doc = default_doc
        read.append(_entry(kind, item, dataset))
    if built:
        read.append((dataset, "facts", _ReadFacts(built, file, lines, docs)))
    if odd:  # as _as_list says it
        problems.append(Problem(body.file, body.line, f"every item of {kind} must be a mapping"))


def _read_fact(item: Located) -> _ReadFact:
    fact, found = fact_of(item)
    return _ReadFact(fact, tuple(found), item.file, item.line, source_docs(item))


def _as_list(mapping: Located, key: str, problems: list[Problem]) -> list[Located]:
    value = mapping.get(key) or []
    if not isinstance(value, list):
        problems.append(Problem(mapping.file, mapping.line, f"{key} must be a list"))
        return []
    good = [v for v in value if isinstance(v, Located)]
    if len(good) != len(value):
        problems.append(Problem(mapping.file, mapping.line, f"every item of {key} must be a mapping"))
    return good


#: Node items and fact lines read straight into nodes and facts by their shape: most of
#: a national load.
_DATES = Dates()
_FACT_LINES = FactLines(line_shapes().flows, source_keys=SOURCE_KEYS,
                        no_qualifiers=NO_QUALIFIERS, dates=_DATES)
_NODE_LINES = NodeLines(line_shapes().blocks, node_keys=NODE_KEYS, source_keys=SOURCE_KEYS,
                        pattern=ID, dates=_DATES)
