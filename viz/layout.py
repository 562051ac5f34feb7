"""A layered (Sugiyama-style) layout for org charts, computed once in Python.

Positions are fixed before the browser sees the chart, so nothing moves (no physics
churn), a 3,000-node chart lays out in a moment, and a test can prove that no two
nodes overlap. Levels follow the lines up (a body sits below what it reports to);
within a level, nodes are ordered to keep lines short and placed under their parents,
and a level wider than ``max_per_row`` wraps onto several rows.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from typing import Iterable, Mapping, Sequence

__all__ = ["layered_layout", "Placement"]

Placement = dict  # {"x": float, "y": float, "level": int}


def layered_layout(nodes: Sequence[str], up: Iterable[tuple[str, str]], *,
                   sizes: Mapping[str, tuple[float, float]],
                   root_level: Mapping[str, int] | None = None,
                   order: Mapping[str, tuple] | None = None,
                   gap: float = 30.0, level_gap: float = 110.0, row_gap: float = 40.0,
                   max_per_row: int | None = None, sweeps: int = 4,
                   block_gap: float = 140.0) -> dict[str, Placement]:
    """Place nodes in levels: parents above children, no two boxes overlapping.

    Parameters
    ----------
    nodes : sequence of str
        The node ids.
    up : iterable of (child, parent)
        The lines that set levels, most important first: when lines form a cycle,
        the later line is ignored for levels.
    sizes : mapping of id to (width, height)
        Each node's box, in pixels.
    root_level : mapping of id to int, optional
        The level of a node with no parent (default 0): keeps a councils and
        cabinets on top and a free-standing panel lower down.
    order : mapping of id to tuple, optional
        The initial order within a level (default: the id).
    gap, level_gap, row_gap : float
        Horizontal space between boxes, vertical space between levels and between
        the rows of a wrapped level.
    max_per_row : int, optional
        Wrap a level wider than this (default grows with the square root of the size).
    sweeps : int
        Rounds of crossing reduction.
    block_gap : float
        Space between groups of nodes that no line joins (each council's tree).

    Returns
    -------
    dict
        ``{id: {"x", "y", "level"}}``; x and y are box centres.
    """
    ids = list(dict.fromkeys(nodes))
    known = set(ids)
    order = order or {}
    parents, children = _acyclic(ids, ((c, p) for c, p in up if c in known and p in known))
    level = _levels(ids, parents, children, root_level or {})
    blocks = []
    for members in _components(ids, parents, children, order):
        by_level: dict[int, list[str]] = defaultdict(list)
        for node in sorted(members, key=lambda n: (order.get(n, ()), n)):
            by_level[level[node]].append(node)
        levels = [by_level[k] for k in sorted(by_level)]
        _reduce_crossings(levels, parents, children, sweeps)
        per_row = max_per_row or max(10, round(math.sqrt(len(members)) * 1.6))
        blocks.append(_place(levels, level, parents, sizes, gap, level_gap, row_gap, per_row))
    return _pack_blocks(blocks, sizes, gap=block_gap)


def _components(ids, parents, children, order) -> list[list[str]]:
    """Groups of nodes joined by lines; nodes with no line at all form one group.

    Each council's tree is laid out on its own and the trees are then set side by
    side, so one chart of many councils does not interleave their bodies.
    """
    seen: set[str] = set()
    groups, loose = [], []
    for start in ids:
        if start in seen:
            continue
        seen.add(start)
        group = _reach(start, parents, children, seen)
        (groups if len(group) > 1 else loose).append(group)
    if loose:
        groups.append([n for g in loose for n in g])
    return sorted(groups, key=lambda g: (min(order.get(n, ()) for n in g)[:1], -len(g)))


def _reach(start, parents, children, seen) -> list[str]:
    group, queue = [start], deque([start])
    while queue:
        node = queue.popleft()
        for other in (*parents[node], *children[node]):
            if other not in seen:
                seen.add(other)
                group.append(other)
                queue.append(other)
    return group


def _pack_blocks(blocks: list[dict[str, Placement]], sizes, gap: float) -> dict[str, Placement]:
    """Set laid-out groups side by side in shelves about 16:9 overall, largest first."""
    boxes = []
    for block in blocks:
        left = min(p["x"] - sizes[n][0] / 2 for n, p in block.items())
        right = max(p["x"] + sizes[n][0] / 2 for n, p in block.items())
        top = min(p["y"] - sizes[n][1] / 2 for n, p in block.items())
        bottom = max(p["y"] + sizes[n][1] / 2 for n, p in block.items())
        boxes.append((block, left, right - left, top, bottom - top))
    area = sum((w + gap) * (h + gap) for _, _, w, _, h in boxes)
    width = max(max((w for _, _, w, _, _ in boxes), default=0), math.sqrt(area * 16 / 9))
    placed: dict[str, Placement] = {}
    x = y = shelf = 0.0
    for block, left, w, top, h in boxes:
        if x > 0 and x + w > width:
            x, y, shelf = 0.0, y + shelf + gap, 0.0
        for node, p in block.items():
            placed[node] = {"x": round(p["x"] - left + x, 1), "y": round(p["y"] - top + y, 1),
                            "level": p["level"]}
        x += w + gap
        shelf = max(shelf, h)
    return placed


def _acyclic(ids: list[str], up: Iterable[tuple[str, str]]):
    """Parents and children, keeping each line unless it would close a cycle."""
    parents: dict[str, list[str]] = {n: [] for n in ids}
    children: dict[str, list[str]] = {n: [] for n in ids}
    for child, parent in up:
        if child == parent or parent in parents[child] or _reaches(parents, parent, child):
            continue
        parents[child].append(parent)
        children[parent].append(child)
    return parents, children


def _reaches(parents: dict[str, list[str]], start: str, target: str) -> bool:
    """Whether walking up from ``start`` reaches ``target`` (ancestor sets are small)."""
    seen, queue = {start}, deque([start])
    while queue:
        for parent in parents[queue.popleft()]:
            if parent == target:
                return True
            if parent not in seen:
                seen.add(parent)
                queue.append(parent)
    return False


def _levels(ids, parents, children, root_level) -> dict[str, int]:
    """Longest path from the roots: every node one level below its lowest parent."""
    waiting = {n: len(parents[n]) for n in ids}
    queue = deque(n for n in ids if not waiting[n])
    level = {n: root_level.get(n, 0) for n in queue}
    while queue:
        node = queue.popleft()
        for child in children[node]:
            level[child] = max(level.get(child, 0), level[node] + 1)
            waiting[child] -= 1
            if not waiting[child]:
                queue.append(child)
    return level


def _reduce_crossings(levels: list[list[str]], parents, children, sweeps: int) -> None:
    """Barycentre ordering: sort each level by the mean position of its neighbours."""
    def positions() -> dict[str, float]:
        return {n: (i + 0.5) / len(row) for row in levels for i, n in enumerate(row)}

    for _ in range(sweeps):
        for rows, links in ((levels[1:], parents), (levels[-2::-1], children)):
            for row in rows:
                pos = positions()
                keys = {n: (sum(pos[m] for m in links[n]) / len(links[n]) if links[n] else pos[n])
                        for n in row}
                row.sort(key=lambda n: keys[n])


def _place(levels, level, parents, sizes, gap, level_gap, row_gap, max_per_row):
    x: dict[str, float] = {}
    placed: dict[str, Placement] = {}
    top = 0.0
    for row_nodes in levels:
        rows = _wrap(row_nodes, max_per_row)
        for row in rows:
            widths = [sizes[n][0] for n in row]
            if len(rows) == 1:
                wanted = [(sum(x[p] for p in parents[n] if p in x) /
                           max(1, sum(1 for p in parents[n] if p in x)))
                          if any(p in x for p in parents[n]) else None for n in row]
                xs = _pack(wanted, widths, gap)
            else:
                xs = _centred(widths, gap)
            height = max(sizes[n][1] for n in row)
            for node, nx_ in zip(row, xs):
                x[node] = nx_
                placed[node] = {"x": round(nx_, 1), "y": round(top + height / 2, 1),
                                "level": level[node]}
            top += height + row_gap
        top += level_gap - row_gap
    return placed


def _wrap(row: list[str], max_per_row: int) -> list[list[str]]:
    """Split a long level into balanced rows."""
    if len(row) <= max_per_row:
        return [row]
    count = math.ceil(len(row) / max_per_row)
    size = math.ceil(len(row) / count)
    return [row[i:i + size] for i in range(0, len(row), size)]


def _centred(widths: list[float], gap: float) -> list[float]:
    total = sum(widths) + gap * (len(widths) - 1)
    xs, left = [], -total / 2
    for w in widths:
        xs.append(left + w / 2)
        left += w + gap
    return xs


def _pack(wanted: list[float | None], widths: list[float], gap: float) -> list[float]:
    """Positions as close as possible to the wanted ones, in order, boxes not overlapping.

    The least-squares answer: with offsets o_i (the packed distance from the first
    box), y_i = x_i - o_i must not decrease, which is isotonic regression of
    wanted_i - o_i (pool adjacent violators).
    """
    if all(w is None for w in wanted):
        return _centred(widths, gap)
    offsets = [0.0]
    for a, b in zip(widths, widths[1:]):
        offsets.append(offsets[-1] + (a + b) / 2 + gap)
    filled = _fill(wanted, offsets)
    blocks: list[list[float]] = []  # [mean, weight, count]
    for value in (w - o for w, o in zip(filled, offsets)):
        blocks.append([value, 1.0, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            v2, w2, c2 = blocks.pop()
            v1, w1, c1 = blocks.pop()
            blocks.append([(v1 * w1 + v2 * w2) / (w1 + w2), w1 + w2, c1 + c2])
    ys = [b[0] for b in blocks for _ in range(b[2])]
    return [y + o for y, o in zip(ys, offsets)]


def _fill(wanted: list[float | None], offsets: list[float]) -> list[float]:
    """Give nodes with no wanted position one next to their nearest placed neighbour."""
    known = [i for i, w in enumerate(wanted) if w is not None]
    filled = []
    for i, w in enumerate(wanted):
        if w is not None:
            filled.append(w)
            continue
        nearest = min(known, key=lambda k: abs(k - i))
        filled.append(wanted[nearest] + offsets[i] - offsets[nearest])
    return filled
