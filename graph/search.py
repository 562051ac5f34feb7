"""Search labels, aliases and the text of remits and priorities."""

from __future__ import annotations

import heapq
from bisect import bisect_right
from typing import Iterable

from govgraph.graph.model import GovGraph
from govgraph.graph.names import normalise

__all__ = ["search"]

_TEXT_FIELDS = ("text", "kind", "topics")
#: Characters of the folded text in which the query's words are counted to find the
#: rarest: counting in all of it (20 million characters nationally) took 10-20 ms a word.
_SAMPLE = 2_000_000


def search(G: GovGraph, text: str, *, types: Iterable[str] | None = None,
           limit: int = 50) -> list[dict]:
    """Nodes whose label, aliases or text contain every word of the query.

    Best matches first: an exact label or alias, then a label that starts with the
    query, then any label or alias, then remit and priority text.

    Returns
    -------
    list of dict
        ``{id, label, type, matched, score}``; ``matched`` is the name or text that
        matched.

    Examples
    --------
    >>> from govgraph.graph.model import Node, Source
    >>> G = GovGraph(); s = (Source("d", "1", "q"),)
    >>> G.add_node(Node("k/cpp", "Body", "Corporate Parenting Panel", aliases=("CPP",), sources=s))
    >>> [r["id"] for r in search(G, "parenting")]
    ['k/cpp']
    """
    query = normalise(text)
    words = query.split()
    if not words:
        return []
    wanted = set(types) if types else None
    found = []
    for (node, names, texts), first in G.derived("search", _Searchable).candidates(words):
        if wanted and node.type not in wanted:
            continue
        best = _score(names, texts, query, words, first=first)
        if best:
            found.append((-best[0], node.label, best[1], node))
    # A common word matches thousands of nodes nationally: only the answers are made.
    top = heapq.nsmallest(limit, found, key=lambda match: match[:2])
    return [{**node.ref(), "matched": matched, "score": -score}
            for score, _, matched, node in top]


class _Searchable:
    """Each node (but documents) with its names and texts, normalised once per graph.

    Every match needs each query word inside one of the node's names or texts, so
    only nodes whose folded text holds the query's rarest word are scored: found by
    ``str.find`` over all the text at once, which in a national graph is a few
    thousand nodes of 300,000.
    """

    def __init__(self, G: GovGraph):
        self.entries: list[tuple] = []
        parts, self.starts = [], []
        offset = 0
        for node in G.nodes():
            if node.type == "Document":
                continue
            names = [(name, normalise(name)) for name in (node.label, *node.aliases)]
            texts = []
            for field in _TEXT_FIELDS:
                value = node.props.get(field)
                value = " ".join(value) if isinstance(value, list) else value
                if isinstance(value, str):
                    texts.append((value, normalise(value)))
            self.entries.append((node, names, texts))
            # "\n" never occurs in folded text, so no word matches across two nodes
            part = "\n".join(folded for _, folded in (*names, *texts)) + "\n"
            parts.append(part)
            self.starts.append(offset)
            offset += len(part)
        self.text = "".join(parts)
        self.sample = self.text[:_SAMPLE]

    def candidates(self, words: list[str]) -> list[tuple[tuple, int]]:
        """The entries whose text contains the rarest of the words, in node order, each
        with the index of its first name or text (names first) that contains that word."""
        # Which word is rarest only decides how many entries are scored, never which
        # match, so counting in a sample is enough; a single word needs no count.
        word = words[0] if len(words) == 1 else min(words, key=self.sample.count)
        found, at = [], self.text.find(word)
        while at != -1:
            index = bisect_right(self.starts, at) - 1
            entry = self.entries[index]
            found.append((entry, _field_at(entry, at - self.starts[index])))
            # on to the next node: one entry however often the word occurs in it
            at = self.text.find(word, self.starts[index + 1] if index + 1 < len(self.starts)
                                else len(self.text))
        return found


def _field_at(entry: tuple, offset: int) -> int:
    """The index of the name or text (names first) at ``offset`` in an entry's text."""
    _, names, texts = entry
    end = 0
    for index, (_, folded) in enumerate((*names, *texts)):
        end += len(folded) + 1  # and its "\n"
        if offset < end:
            return index
    raise ValueError(f"offset {offset} is past the entry's text")


def _score(names: list[tuple[str, str]], texts: list[tuple[str, str]], query: str,
           words: list[str], *, first: int = 0) -> tuple[int, str] | None:
    """The best way the node matches the query (score, what matched), or None.

    ``first`` is the index of the first name or text (names first) that can hold
    every word: when it is past the names, none of them is looked at, and none of the
    texts before it. Searching long remit texts was most of a common word's search.
    """
    if first >= len(names):
        return _score_texts(texts[first - len(names):], words)
    for name, folded in names:
        if folded == query:
            return 100, name
    label, folded_label = names[0]
    if folded_label.startswith(query):
        return 80, label
    for name, folded in names:
        if all(w in folded for w in words):
            return 60, name
    return _score_texts(texts, words)


def _score_texts(texts: list[tuple[str, str]], words: list[str]) -> tuple[int, str] | None:
    for value, folded in texts:
        if all(w in folded for w in words):
            return 40, value
    return None
