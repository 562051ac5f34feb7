"""Reading a large load's datasets on every core: the first load of a whole region.

Parsing YAML is most of a first load (106 of 127 s for the whole country) and each
dataset's files are read and checked on their own, so the dataset folders are split
into contiguous parts, each worker's :data:`WORKER_SHARE` times the size of this
process's, which builds everything: this process reads the first part while worker
processes (``python -m govgraph.loaders.parallel``) read the others and write what
they read to a temporary file, a dataset at a time, which this process takes back
between its own datasets (fact lines checked by their shape travel unbuilt, as columns
of their values: the worker makes no objects only to take them apart). Each dataset is
handed on to be built (``take``) in order: this process's own as it reads them, then
each worker's as soon as it is taken back, while the worker reads on. The entries and
problems are exactly those that reading every folder here gives, in the same order; a
worker that fails or cannot start only means the rest of its part is read here.

Small loads (under :data:`MIN_BYTES`) and one-core machines read everything here:
starting a worker costs about half a second.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
import time
import warnings
from itertools import accumulate, repeat
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import BinaryIO, Callable, Iterator, Sequence

from govgraph.graph.model import Fact, Node, Source, paused_gc
from govgraph.graph.restore import (fact_values, from_columns, from_values, node_from_values,
                                    node_values, source_values)
from govgraph.loaders import register
from govgraph.loaders.factlines import shared_column
from govgraph.loaders.items import NO_QUALIFIERS
from govgraph.loaders.yamlfile import Problem

__all__ = ["read_datasets", "split", "MIN_BYTES", "WORKER_SHARE"]

#: Loads with fewer bytes of YAML than this are read in one process.
MIN_BYTES = 32 * 2**20
#: A worker's share of the reading, against this process's 1: it also encodes and
#: writes what it reads, while this process builds every dataset, its own as it reads
#: them and the worker's as it takes them back. The worker was 20% quicker once it sent
#: fact lines unbuilt (2026-12-08), and this process, the slower of the two at every
#: share tried, then loaded the country in 0.64-0.72 of the time at 2.0 that it took at
#: 1.2, in three rounds of 1.2, 1.6, 2.0 and 2.4 (2.4: 0.79-0.97).
WORKER_SHARE = 2.0
#: Entries per pickled chunk: a worker never holds more than one chunk's bytes.
_CHUNK = 20_000
_FOLDER_DONE, _END = "folder done", "end"  # marks: after each folder's entries, and last
_POLL = 0.005  # seconds between looks at a worker's file while there is nothing to build


def read_datasets(folders: Sequence[Path], *, workers: int | None = None,
                  min_bytes: int = MIN_BYTES,
                  take: Callable[[list], None] | None = None) -> tuple[list, list[Problem]]:
    """Read and check every register of the dataset folders, using every core.

    Parameters
    ----------
    folders : sequence of Path
        Dataset folders in load order (:func:`~govgraph.loaders.register.dataset_dirs`).
    workers : int, optional
        Worker processes besides this one; by default one per usable core but this one.
    min_bytes : int, default MIN_BYTES
        Below this many bytes of YAML everything is read here.
    take : callable, optional
        Given each folder's entries, in order, as soon as this process has them (read
        here, or a worker's once taken back): to build while the workers read on.

    Returns
    -------
    (entries, problems)
        What :func:`~govgraph.loaders.register.load_datasets` builds the graph from.
    """
    folders = list(folders)
    if workers is None:
        workers = _usable_cores() - 1
    sizes = [_yaml_bytes(folder) for folder in folders]
    many = sum(sizes) >= min_bytes and workers > 0
    parts = split(sizes, [1.0] + [WORKER_SHARE] * workers) if many else [len(folders)]
    bounds = [0, *accumulate(parts)]
    shares = [folders[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]
    theirs: list[_Part] = []  # the workers' parts
    with paused_gc(), tempfile.TemporaryDirectory(prefix="govgraph-read-") as scratch:
        try:
            for i, share in enumerate(shares[1:]):
                theirs.append(_Part(share, *_start(share, Path(scratch) / f"part-{i}")))
            entries: list = []
            problems: list[Problem] = []
            for folder in shares[0] if shares else []:
                problems += _read_folder(folder, entries, take)
                for part in theirs:  # what the workers have sent so far, while they read on
                    part.take_ready()
            for part in theirs:
                problems += part.finish(entries, take)
        finally:  # interrupted: no worker reads on for nothing
            for part in theirs:
                part.close()
    return entries, problems


def split(sizes: Sequence[int], shares: Sequence[float]) -> list[int]:
    """How many of the items (in order) go to each part, each part's size in proportion
    to its share; parts that would get nothing are left out.

    Examples
    --------
    >>> split([5, 5, 5, 5], [1, 1])
    [2, 2]
    >>> split([10, 1, 1, 1], [1, 1])
    [1, 3]
    >>> split([1] * 10, [1.5, 1])
    [6, 4]
    >>> split([3], [1, 1, 1, 1])
    [1]
    """
    total, whole, counts, taken, done, share = sum(sizes), sum(shares), [], 0, 0, 0.0
    for part, weight in enumerate(shares, 1):
        share += weight
        goal = total * share / whole
        count = 0
        while taken < len(sizes) and (part == len(shares) or done + sizes[taken] / 2 <= goal):
            done += sizes[taken]
            taken += 1
            count += 1
        if count:
            counts.append(count)
    return counts


def _usable_cores() -> int:
    if hasattr(os, "sched_getaffinity"):  # the cores this process may run on (Linux)
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _yaml_bytes(folder: Path) -> int:
    return sum(file.stat().st_size for file in folder.glob("*.yaml"))


def _read_folder(folder: Path, entries: list, take: Callable[[list], None] | None) -> list[Problem]:
    """Read a folder here, its entries appended to ``entries`` and given to ``take``."""
    start = len(entries)
    problems = register._read_dataset(folder, entries)
    if take is not None:
        take(entries[start:])
    return problems


def _read_here(folders: Sequence[Path], entries: list,
               take: Callable[[list], None] | None) -> list[Problem]:
    problems: list[Problem] = []
    for folder in folders:
        problems += _read_folder(folder, entries, take)
    return problems


# -- the worker's side ------------------------------------------------------------------

def _start(folders: Sequence[Path], out: Path) -> tuple[subprocess.Popen | None, Path]:
    command = [sys.executable, "-m", "govgraph.loaders.parallel", str(out), *map(str, folders)]
    try:
        # What the worker says goes to a file beside its output, so it never waits on a pipe.
        with open(out.with_suffix(".err"), "wb") as err:
            return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=err), out
    except OSError as exc:
        warnings.warn(f"govgraph: could not start a reading worker ({exc}); "
                      "reading its datasets here", stacklevel=3)
        return None, out


def _work(out: Path, folders: Sequence[Path]) -> None:
    """Read the folders and write their entries to ``out`` a folder at a time, each
    folder's followed by its problems (so the reading process can take each back and
    build it as it comes), then an end mark. Fact lines checked by their shape are sent
    unbuilt, as columns (``build_facts=False``): the reading process builds them."""
    with paused_gc(), open(out, "wb") as stream:
        for folder in folders:
            entries: list = []
            problems = register._read_dataset(folder, entries, build_facts=False)
            for start in range(0, len(entries), _CHUNK):
                _write(stream, [_encode(entry) for entry in entries[start:start + _CHUNK]])
            _write(stream, (_FOLDER_DONE, problems))
            stream.flush()
        _write(stream, (_END,))


def _encode(entry: tuple) -> tuple:
    """An entry as plain values: a read node's or fact's Node or Fact and Sources as
    tuples of their fields, facts read by their shape as columns of their fields."""
    dataset, kind, item = entry
    if kind == "facts":
        return dataset, "facts-columns", (_columns(item.facts), *item[1:])
    if kind == "fact" and item.fact is not None:
        return dataset, "fact-values", (fact_values(item.fact), *item[1:])
    if kind == "node" and item.node is not None:
        return dataset, "node-values", (node_values(item.node), *item[1:])
    return entry


#: The fields of a fact read by its shape that differ from fact to fact.
_FIELDS = ("subject", "relation", "object", "role", "party", "valid_from", "valid_to")
_ONE_SOURCE = "one source"


def _columns(facts: list[Fact]) -> tuple:
    """Facts read by their shape (no qualifiers, attestations or notes) as one list a
    field, their sources as three more if each has one, else as triples a fact:
    sent and taken back with a few calls, not a few objects a fact."""
    fields = [list(map(attrgetter(name), facts)) for name in _FIELDS]
    sources = list(map(attrgetter("sources"), facts))
    if all(len(cited) == 1 for cited in sources):
        first = list(map(itemgetter(0), sources))
        return fields, _ONE_SOURCE, [list(map(attrgetter(name), first))
                                     for name in ("doc", "loc", "quote")]
    return fields, None, list(map(source_values, sources))


def _write(stream: BinaryIO, value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(8, "little"))
    stream.write(data)


# -- taking a worker's part back --------------------------------------------------------

class _Part:
    """A worker's part: taken back as the worker writes it, or read here if it fails."""

    def __init__(self, folders: Sequence[Path], worker: subprocess.Popen | None, out: Path):
        self.folders, self.worker, self.out = folders, worker, out
        self.entries: list = []  # taken back so far, kept apart until the worker is done
        self.ends: list[int] = []  # where each folder's entries end in them
        self.problems: list[list[Problem]] = []  # each folder's
        self.given = 0  # folders given to be built
        self.done = False  # the end mark taken back
        self.stream: BinaryIO | None = None
        self.failed: str | None = None

    def take_ready(self) -> None:
        """Take back the chunks the worker has written in full so far."""
        if self.worker is None or self.failed is not None or self.done:
            return
        try:
            if self.stream is None:
                self.stream = open(self.out, "rb")
            for value in _ready_chunks(self.stream):
                self._decode(value)
        except FileNotFoundError:  # not started writing yet
            return
        except (OSError, EOFError, ValueError, pickle.UnpicklingError) as exc:
            self.failed = str(exc)

    def finish(self, entries: list, take: Callable[[list], None] | None = None) -> list[Problem]:
        """The worker's entries appended to ``entries``, and their problems; each folder
        given to ``take`` as soon as it is taken back, while the worker reads on. The
        folders not given yet are read here instead if the worker fails."""
        if self.worker is not None:
            while take is not None and self.failed is None and self.worker.poll() is None:
                self.take_ready()  # build what is ready while the worker reads on
                if not self._give(take):
                    time.sleep(_POLL)
            self.worker.wait()
            failed = self.failed or self.out.with_suffix(".err").read_text(errors="replace")
            if self.worker.returncode == 0 and self.failed is None:
                try:
                    if self.stream is None:
                        self.stream = open(self.out, "rb")
                    for value in _chunks(self.stream) if not self.done else ():
                        self._decode(value)
                    if self.done and not self.stream.read(1) and len(self.ends) == len(self.folders):
                        self._give(take)
                        entries += self.entries
                        return [p for problems in self.problems for p in problems]
                    failed = "the worker's file is cut short, or runs on after its end"
                except (OSError, EOFError, ValueError, pickle.UnpicklingError) as exc:
                    failed = str(exc)
            warnings.warn(f"govgraph: a reading worker failed ({failed[-300:]}); "
                          "reading its datasets here", stacklevel=3)
        entries += self.entries[:self._start(self.given)]
        return ([p for problems in self.problems[:self.given] for p in problems]
                + _read_here(self.folders[self.given:], entries, take))

    def _decode(self, value: object) -> None:
        """A chunk taken back: entries, a folder's end and problems, or the end mark."""
        if not isinstance(value, tuple):
            _decode_into(value, self.entries)
        elif value[0] == _FOLDER_DONE:
            self.ends.append(len(self.entries))
            self.problems.append(value[1])
        elif value == (_END,):
            self.done = True
        else:
            raise ValueError(f"not a worker's chunk: {value!r:.100}")

    def _give(self, take: Callable[[list], None] | None) -> bool:
        """Give ``take`` each folder taken back in full and not given yet; whether any."""
        given = self.given
        while take is not None and self.given < len(self.ends):
            take(self.entries[self._start(self.given):self.ends[self.given]])
            self.given += 1
        return self.given > given

    def _start(self, folder: int) -> int:
        """Where the entries of the part's ``folder``-th folder start."""
        return self.ends[folder - 1] if folder else 0

    def close(self) -> None:
        """No worker reads on for nothing (after an interruption too)."""
        if self.worker is not None and self.worker.poll() is None:
            self.worker.kill()
            self.worker.wait()
        if self.stream is not None:
            self.stream.close()


def _decode_into(value: list, entries: list) -> None:
    """A chunk's entries appended to ``entries``."""
    fact, source, sources = from_values(Fact), from_values(Source), Fact.sources.__set__
    intern, empty, read_fact = sys.intern, NO_QUALIFIERS, register._ReadFact
    read_node, read_facts = register._ReadNode, register._ReadFacts
    for dataset, kind, item in value:
        if kind == "fact-cut":
            entries.append((dataset, "facts", register.built_cut(item)))
            continue
        if kind == "facts-columns":
            entries.append((dataset, "facts", read_facts(_facts(item[0]), *item[1:])))
            continue
        if kind == "node-values":
            entries.append((dataset, "node", read_node(_node(item[0]), *item[1:])))
            continue
        if kind != "fact-values":
            entries.append((dataset, kind, item))
            continue
        values, problems, file, line, docs = item
        s, r, o, role, party, start, end, qualifiers, attested, triples = values[:10]
        # The same strings the loader shares (items._intern), shared again here.
        made = fact((intern(s), intern(r), intern(o), role and intern(role),
                     party and intern(party), start and intern(start), end and intern(end),
                     qualifiers or empty, attested, (), values[10], values[11]))
        sources(made, tuple([source((intern(d), intern(loc), q)) for d, loc, q in triples]))
        entries.append((dataset, "fact", read_fact(made, problems, file, line, docs)))


def _facts(columns: tuple) -> list[Fact]:
    """The facts whose :func:`_columns` these are, with the strings the loader shares
    shared again."""
    fields, one_source, sources = columns
    intern = sys.intern
    if one_source:
        docs, locs, quotes = sources
        cited = list(zip(from_columns(Source)(shared_column(docs), shared_column(locs), quotes)))
    else:
        source = from_values(Source)
        cited = [tuple([source((intern(d), intern(loc), q)) for d, loc, q in triples])
                 for triples in sources]
    subjects, relations, objects, *shared = fields
    return from_columns(Fact)(
        map(intern, subjects), shared_column(relations), map(intern, objects),
        *map(shared_column, shared),
        repeat(NO_QUALIFIERS), repeat(()), cited, repeat(None), repeat(None))


def _node(values: tuple) -> Node:
    """A node from its values, with the strings the loader shares shared again."""
    intern = sys.intern
    node_id, node_type, *rest, triples, note, inferred, dataset = values
    return node_from_values((intern(node_id), intern(node_type), *rest,
                             tuple([(intern(d), intern(loc), q) for d, loc, q in triples]),
                             note, inferred, dataset and intern(dataset)))


def _chunks(stream: BinaryIO) -> Iterator[object]:
    """The chunks of a worker's file, from where the stream is, to its end."""
    while head := stream.read(8):
        size = int.from_bytes(head, "little")
        data = stream.read(size)
        if len(head) != 8 or len(data) != size:
            raise EOFError("the worker's file is cut short")
        yield pickle.loads(data)


def _ready_chunks(stream: BinaryIO) -> Iterator[object]:
    """The chunks written in full so far by a worker that may still be writing."""
    written = os.fstat(stream.fileno()).st_size
    while True:
        at = stream.tell()
        if written - at < 8:
            return
        size = int.from_bytes(stream.read(8), "little")
        if written - at - 8 < size:
            stream.seek(at)  # the rest of it comes later
            return
        yield pickle.loads(stream.read(size))


if __name__ == "__main__":
    _work(Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]])
