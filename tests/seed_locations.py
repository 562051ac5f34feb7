"""Where a source's locator points in its seed, so a test can check the quote is there.

A locator names a place a reader can find: a numbered paragraph ("2.1", "30(ii)"),
a footnote ("footnote 4"), or in the agenda pack (seed 003) a section ("CPP 31
August 2011 minute 24", "B1 Appendix A action 4.1.13", "D1 para 3"). This module
turns a locator into the range of lines the quote must fall in; locators that name
no checkable place ("header", "summary") give the whole document.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import normalise_text

__all__ = ["SeedText", "region"]

#: Seed 003's sections: a locator prefix and the first words of the section's first line.
SECTIONS_003 = [
    (("membership", "agenda", "front page"), "SPECIALIST CHILDREN'S SERVICES POLICY"),
    (("scs posc 21 june 2011",), "MINUTES of a meeting of the Specialist Children's Services Policy"),
    (("cpp 21 june 2011",), "MINUTES of a meeting of the Corporate Parenting Panel held in Swale 3"),
    (("cpp 31 august 2011",), "MINUTES of a meeting of the Corporate Parenting Panel held in Swale 1"),
    (("csip 22 june 2011",), "Minutes of the Children's Service Improvement Panel"),
    (("csip 13 july 2011",), "Minutes of the Children's Service Improvement Panel"),
    # each report opens with its "By:" line, in agenda order
    (("b1",), "By: Jenny Whittle"),
    (("b2",), "By: Jenny Whittle"),
    (("c1",), "By: Jenny Whittle"),
    (("c2",), "By: Mike Hill"),
    (("c3",), "By: Jenny Whittle"),
    (("d1",), "By: Head of Democratic Services"),
]
#: How far after its paragraph marker a quote may stand (lists and long paragraphs).
PARAGRAPH_REACH = 60


class SeedText:
    """A seed's lines, normalised for quote matching, with line numbers kept."""

    def __init__(self, path: Path):
        self.raw = path.read_text(encoding="utf-8").splitlines()
        self.lines = [normalise_text(line) for line in self.raw]
        self.text = ""
        self.starts = []
        for line in self.lines:
            self.starts.append(len(self.text))
            self.text += line + " "

    def quote_lines(self, quote: str) -> list[int]:
        """The (0-based) lines where each occurrence of the quote begins."""
        needle = normalise_text(quote)
        found, at = [], self.text.find(needle)
        while at >= 0:
            found.append(max(i for i, s in enumerate(self.starts) if s <= at))
            at = self.text.find(needle, at + 1)
        return found

    def first_line(self, marker: str, after: int = 0) -> int:
        for i in range(after, len(self.raw)):
            if self.raw[i].startswith(marker):
                return i
        raise LookupError(marker)


def region(seed: SeedText, doc: str, loc: str) -> tuple[int, int] | None:
    """The line range a locator names, or None when it names no checkable place.

    Raises LookupError when the locator names a paragraph or section the seed lacks.
    """
    low = loc.lower().strip()
    if doc.startswith("003"):
        return _section_003(seed, low)
    footnote = re.match(r"footnote (\d+)", low)
    if footnote:
        marks = [i for i, l in enumerate(seed.raw) if f"<sup>{footnote.group(1)}</sup>" in l]
        if not marks:
            raise LookupError(loc)
        return marks[0], len(seed.raw)
    number = re.match(r"(?:section |para(?:graph)? )?(\d+(?:\.\d+)*)", low)
    if not number:
        return None
    pattern = re.compile(r"^\s*(?:[-#*]+\s*)*(?:\*\*)?" + re.escape(number.group(1)) + r"(?:[.)]|\s|\*\*|$)")
    marks = [i for i, l in enumerate(seed.raw) if pattern.match(l)]
    if not marks:
        raise LookupError(loc)
    return marks[0], len(seed.raw)


def _section_003(seed: SeedText, low: str) -> tuple[int, int] | None:
    starts = []
    after = 0
    for prefixes, marker in SECTIONS_003:
        after = seed.first_line(marker, after)
        starts.append((prefixes, after))
        after += 1
    for n, (prefixes, start) in enumerate(starts):
        if low.startswith(prefixes):
            end = starts[n + 1][1] if n + 1 < len(starts) else len(seed.raw)
            return start, end
    raise LookupError(low)
