"""Every source in the bundled data quotes its seed: the quote occurs in the seed's text."""

from __future__ import annotations

from conftest import normalise_text


def _all_sources(G):
    for node in G.nodes():
        for source in node.sources:
            yield f"node {node.id}", source
    for fact in G.facts():
        for source in fact.sources:
            yield f"fact {fact.key}", source


def test_every_source_names_a_seed(G, seed_texts):
    bad = [(what, s.doc) for what, s in _all_sources(G) if s.doc not in seed_texts]
    assert not bad, bad[:20]


def test_every_quote_occurs_in_its_seed(G, seed_texts):
    missing = [(what, s.doc, s.quote) for what, s in _all_sources(G)
               if s.doc in seed_texts and normalise_text(s.quote) not in seed_texts[s.doc]]
    assert not missing, "\n".join(map(str, missing[:30]))


def test_every_node_and_fact_has_a_source(G):
    unsourced = [n.id for n in G.nodes() if n.type != "Document" and not n.sources]
    unsourced += [f.key for f in G.facts() if not f.sources]
    assert not unsourced, unsourced[:20]
