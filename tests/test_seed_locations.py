"""Every source points at a real place in its seed: the quote stands where the locator says."""

from __future__ import annotations

import pytest

from conftest import SEEDS
from seed_locations import PARAGRAPH_REACH, SeedText, region


@pytest.fixture(scope="module")
def seeds() -> dict[str, SeedText]:
    return {p.name: SeedText(p) for p in SEEDS.glob("*.txt")}


def _sources(G):
    for node in G.nodes():
        for source in node.sources:
            yield node.id, source
    for fact in G.facts():
        for source in fact.sources:
            yield fact.key, source


def test_every_locator_names_a_place_that_holds_its_quote(G, seeds):
    wrong = []
    for what, source in _sources(G):
        seed = seeds[source.doc]
        try:
            span = region(seed, source.doc, source.loc)
        except LookupError:
            wrong.append((what, source.doc[:3], source.loc, "no such place in the seed"))
            continue
        lines = seed.quote_lines(source.quote)
        if span is None or not lines:
            continue  # "header", "summary": the quote test alone applies
        start, end = span
        reach = end if source.doc.startswith("003") or source.loc.lower().startswith(
            "footnote") else start + PARAGRAPH_REACH
        if not any(start <= line < min(end, reach + 1) for line in lines):
            wrong.append((what, source.doc[:3], source.loc, f"quote is at line(s) "
                          f"{[l + 1 for l in lines]}, not in lines {start + 1}-{min(end, reach)}"))
    assert not wrong, "\n".join(map(str, wrong[:40])) + f"\n({len(wrong)} in all)"


def test_the_locator_check_catches_a_wrong_place(seeds):
    seed = seeds["000_ec8d6a74a8fff0cc.txt"]
    start, _ = region(seed, "000_ec8d6a74a8fff0cc.txt", "2.2")
    line = seed.quote_lines("The Children's Services Improvement Panel (CSIP) was initiated April 2011")
    assert start <= line[0] < start + PARAGRAPH_REACH
    late, _ = region(seed, "000_ec8d6a74a8fff0cc.txt", "5.4")
    assert line[0] < late  # a quote from 2.2 cited as 5.4 would fail
    with pytest.raises(LookupError):
        region(seed, "000_ec8d6a74a8fff0cc.txt", "9.9")
    seed3 = seeds["003_4604ee4c7e40cf11.txt"]
    cpp_aug = region(seed3, "003_4604ee4c7e40cf11.txt", "CPP 31 August 2011 PRESENT")
    june = seed3.quote_lines("held in Swale 3, Sessions House")
    assert not (cpp_aug[0] <= june[0] < cpp_aug[1])
