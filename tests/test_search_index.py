"""search scores only the nodes holding the query's rarest word: the same answers as
scoring every node."""

import itertools

from govgraph.graph.model import Node, Source
from govgraph.graph.names import normalise
from govgraph.graph.search import _score, _Searchable, search


def _every_node(entries: list, text: str) -> list[dict]:
    """The answer by scoring every node, as search did before it had an index."""
    query = normalise(text)
    words = query.split()
    results = []
    for node, names, texts in entries:
        best = _score(names, texts, query, words)
        if best:
            results.append({**node.ref(), "matched": best[1], "score": best[0]})
    results.sort(key=lambda r: (-r["score"], r["label"]))
    return results


def _queries(G) -> list[str]:
    words = sorted({w for n in G.nodes() for w in normalise(n.label).split()})
    labels = sorted({n.label for n in G.nodes() if n.type != "Document"})
    pairs = [" ".join(p) for p in itertools.islice(itertools.combinations(words[::7], 2), 300)]
    return words + labels[::3] + pairs + ["csip", "CSIP", "safeguarding board", "children in care",
                                          "ren", "a", "zzz-nothing"]


def test_index_gives_the_same_answers_as_scoring_every_node(G):
    queries = _queries(G)
    assert len(queries) > 1000
    hits, entries = 0, _Searchable(G).entries
    for q in queries:
        expected = _every_node(entries, q)
        assert search(G, q, limit=100_000) == expected, q
        assert search(G, q, limit=3) == expected[:3], q  # the best few, ties in node order
        hits += bool(expected)
    assert hits > 900  # the queries find things: the comparison is not of empty lists


def test_index_follows_changes_to_the_graph(G):
    H = G.copy()
    assert search(H, "Quangocracy Review Group") == []
    H.add_node(Node("kent/qrg", "Body", "Quangocracy Review Group",
                    sources=(Source("d", "1", "q"),)))
    assert [r["id"] for r in search(H, "quangocracy")] == ["kent/qrg"]


def test_a_word_split_across_two_nodes_does_not_match():
    from govgraph.graph.model import GovGraph

    G = GovGraph()
    for node_id, label in (("a", "Alpha"), ("b", "Beta")):
        G.add_node(Node(node_id, "Body", label, sources=(Source("d", "1", "q"),)))
    assert _Searchable(G).text == "alpha\nbeta\n"
    assert search(G, "habe") == [] and search(G, "ha") != [] and search(G, "be") != []
