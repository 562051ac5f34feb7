"""Name resolution: find a node from what a person would type.

Every command takes names the way papers and minutes write them: a label, an
alias, an acronym ("CSIP"), a person's name with or without honorific and
initials ("Mrs A D Allen", "Mrs Allen", "Ann Allen"), in any case and with or
without apostrophes. A miss raises :class:`NameNotFound` with the closest names.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from typing import Iterable

from govgraph.graph.model import GovGraph, Node

__all__ = ["NameNotFound", "AmbiguousName", "normalise", "resolve", "NameIndex", "display_name"]

HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "cllr", "councillor", "sir", "dame", "rev",
              "revd", "prof", "professor", "lord", "lady"}
_STOP = {"of", "and", "the", "for", "to", "in", "on", "&"}


class NameNotFound(LookupError):
    """No node answers to a name; ``suggestions`` are the closest names."""

    def __init__(self, name: str, kind: str, suggestions: list[Node]):
        self.name, self.kind, self.suggestions = name, kind, suggestions
        hint = ""
        if suggestions:
            hint = " Did you mean: " + "; ".join(display_name(n) for n in suggestions) + "?"
        super().__init__(f"No {kind} named {name!r}.{hint}")


class AmbiguousName(LookupError):
    """Several nodes answer to a name equally well; ``candidates`` lists them."""

    def __init__(self, name: str, candidates: list[Node]):
        self.name, self.candidates = name, candidates
        listed = "; ".join(f"{display_name(n)} [{n.id}]" for n in candidates[:8])
        super().__init__(f"{name!r} could be any of: {listed}. Use a fuller name or the id.")


_APOSTROPHES = str.maketrans("", "", "'`")
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Fold case, accents, apostrophes and punctuation for matching.

    >>> normalise("Children’s  Services Improvement Panel")
    'childrens services improvement panel'
    >>> normalise("Mrs. A. D. Allen")
    'mrs a d allen'
    """
    if not text.isascii():  # most names are; for them this step changes nothing
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ").translate(_APOSTROPHES)
    return _NOT_ALPHANUMERIC.sub(" ", text).strip()


def display_name(node: Node) -> str:
    """A label with its acronym, as suggestions show it: "Children's ... Panel (CSIP)"."""
    acronym = next((a for a in node.aliases if a.isupper() and " " not in a and len(a) <= 8), None)
    return f"{node.label} ({acronym})" if acronym else node.label


def _acronym(label: str) -> str | None:
    words = [w for w in normalise(label).split() if w not in _STOP]
    return "".join(w[0] for w in words) if len(words) >= 3 else None


def _person_forms(text: str, honorific: str | None) -> set[str]:
    """Minutes-style forms of a person's name: "mrs allen", "a allen", "mrs a d allen"."""
    words = normalise(text).split()
    words = [w for w in words if w not in {"mbe", "obe", "cbe", "kbe", "dbe"}]
    if words and words[0] in HONORIFICS:
        honorific, words = words[0], words[1:]
    if len(words) < 2:
        return set()
    *given, surname = words
    initials = " ".join(g[0] for g in given)
    first = given[0][0]
    forms = {f"{first} {surname}", f"{initials} {surname}", f"{given[0]} {surname}"}
    if honorific:
        hon = normalise(honorific)
        forms |= {f"{hon} {surname}", f"{hon} {first} {surname}", f"{hon} {initials} {surname}",
                  f"{hon} {given[0]} {surname}"}
    return forms


class NameIndex:
    """Names of a graph's nodes in three tiers: exact, derived forms, surnames."""

    def __init__(self, G: GovGraph):
        self.exact: dict[str, set[str]] = defaultdict(set)
        self.derived: dict[str, set[str]] = defaultdict(set)
        self.G = G
        for node in G.nodes():
            names = (node.label, *node.aliases)
            for name in names:
                self.exact[normalise(name)].add(node.id)
            if node.type == "Person":
                honorific = node.props.get("honorific")
                for name in names:
                    for form in _person_forms(name, honorific):
                        self.derived[form].add(node.id)
            elif node.type in ("Body", "Organisation", "Post"):
                acronym = _acronym(node.label)
                if acronym:
                    self.derived[acronym].add(node.id)

    def lookup(self, name: str, types: Iterable[str] | None = None) -> list[Node]:
        """The best-matching nodes for a name (several if equally good)."""
        wanted = set(types) if types else None
        if name in self.G and (wanted is None or self.G.node(name).type in wanted):
            return [self.G.node(name)]
        key = normalise(name)
        forms = _person_forms(name, None) if len(key.split()) >= 2 else set()
        for tier in (self.exact.get(key, ()), self.derived.get(key, ()),
                     set().union(*(self.derived.get(f, set()) for f in forms)) if forms else ()):
            found = [self.G.node(i) for i in sorted(tier)
                     if wanted is None or self.G.node(i).type in wanted]
            if found:
                return found
        return []

    def suggest(self, name: str, types: Iterable[str] | None = None, n: int = 3) -> list[Node]:
        """The nodes whose names are closest to a name that matched nothing."""
        wanted = set(types) if types else None
        key = normalise(name)
        pool = {k: ids for k, ids in (*self.exact.items(), *self.derived.items())}
        close = difflib.get_close_matches(key, list(pool), n=n * 3, cutoff=0.6)
        close += [k for k in pool if key and key in k.split() and k not in close]
        seen: dict[str, Node] = {}
        for k in close:
            for node_id in sorted(pool[k]):
                node = self.G.node(node_id)
                if (wanted is None or node.type in wanted) and node_id not in seen:
                    seen[node_id] = node
        return list(seen.values())[:n]


def _index(G: GovGraph) -> NameIndex:
    return G.derived("names", NameIndex)


def resolve(G: GovGraph, name: str, types: Iterable[str] | None = None) -> Node:
    """The node a name refers to.

    Parameters
    ----------
    G : GovGraph
    name : str
        An id, label, alias, acronym or a person's name as minutes write it.
    types : iterable of str, optional
        Only nodes of these types (e.g. ``["Body"]``).

    Raises
    ------
    NameNotFound
        Nothing matches; the error carries the closest names as suggestions.
    AmbiguousName
        Several nodes match equally well.

    Examples
    --------
    >>> from govgraph.graph.model import Node, Source
    >>> G = GovGraph()
    >>> s = (Source("d", "1", "q"),)
    >>> G.add_node(Node("k/allen", "Person", "Ann Allen", aliases=("Mrs A D Allen",),
    ...                 props={"honorific": "Mrs"}, sources=s))
    >>> resolve(G, "Mrs Allen").id
    'k/allen'
    """
    types = list(types) if types else None
    if name in G and (types is None or G.node(name).type in types):
        return G.node(name)  # an id: no need for the name index (16 s to build nationally)
    index = _index(G)
    found = index.lookup(name, types)
    if len(found) == 1:
        return found[0]
    if found:
        raise AmbiguousName(name, found)
    kind = " or ".join(t.lower() for t in types) if types else "node"
    raise NameNotFound(name, kind, index.suggest(name, types))
