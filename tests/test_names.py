"""Name resolution on the real data: labels, acronyms, and people as minutes write them."""

from __future__ import annotations

import pytest

from govgraph.graph.names import AmbiguousName, NameNotFound, normalise, resolve


@pytest.mark.parametrize("name, node_id", [
    ("CSIP", "kent/csip"),
    ("csip", "kent/csip"),
    ("Children's Services Improvement Panel", "kent/csip"),
    ("childrens services improvement panel", "kent/csip"),
    ("CHILDREN’S SERVICES IMPROVEMENT PANEL", "kent/csip"),
    ("KICSB", "kent/kicsb"),
    ("Corporate Parenting Panel", "kent/cpp"),
    ("kent/cpp", "kent/cpp"),
])
def test_bodies_by_label_acronym_and_id(G, name, node_id):
    assert resolve(G, name).id == node_id


@pytest.mark.parametrize("name", ["Mrs A D Allen", "Mrs Allen", "Mrs Ann Allen", "Ann Allen",
                                  "mrs a d allen", "A Allen"])
def test_ann_allen_as_the_papers_write_her(G, name):
    assert resolve(G, name, ["Person"]).id == "kent/person/allen-a"


@pytest.mark.parametrize("name, node_id", [
    ("Mr A Pettigrew", "kent/person/pettigrew-a"),
    ("Mrs J Whittle", "kent/person/whittle-j"),
    ("Jenny Whittle", "kent/person/whittle-j"),
    ("Mrs Whittle", "kent/person/whittle-j"),
])
def test_people_in_minutes_form(G, name, node_id):
    assert resolve(G, name, ["Person"]).id == node_id


def test_a_miss_suggests_the_closest_names(G):
    with pytest.raises(NameNotFound) as caught:
        resolve(G, "CSIPP", ["Body"])
    assert "No body named 'CSIPP'" in str(caught.value)
    assert "Children's Services Improvement Panel (CSIP)" in str(caught.value)
    assert caught.value.suggestions[0].id == "kent/csip"


def test_a_type_filter_excludes_other_types(G):
    with pytest.raises(NameNotFound):
        resolve(G, "CSIP", ["Person"])


def test_an_ambiguous_name_lists_the_candidates(G):
    # Two people in the papers share the surname Green ("Mr E Green", "Mrs E Green")
    with pytest.raises(AmbiguousName) as caught:
        resolve(G, "E Green", ["Person"])
    assert len(caught.value.candidates) >= 2


def test_normalise_folds_what_people_type_differently():
    assert normalise("Children’s Services") == normalise("childrens services")
    assert normalise("Health & Wellbeing") == "health and wellbeing"
