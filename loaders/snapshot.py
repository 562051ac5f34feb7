"""Snapshots: the graph a load made, saved, and read back while its files are unchanged.

Reading YAML is most of a load: the national benchmark parses 572 MB of registers and
checks 2.35 million facts, which takes minutes. A snapshot holds the graph that load
produced, every node and fact in the same order, and stands in for the files as long
as none of them has changed (the same files, sizes and modification times) and the
code that reads them is the same. Anything else (a file changed, added or removed, a
new govgraph or Python, a damaged snapshot) means the files are read and checked again
and a new snapshot written; invalid files are reported exactly as without snapshots.

Snapshots live in ``$GOVGRAPH_CACHE`` (default ``$XDG_CACHE_HOME/govgraph``, else
``~/.cache/govgraph``), one per set of data folders, the :data:`KEEP` most recently
used kept; ``GOVGRAPH_CACHE=off`` turns them off. They are written atomically, in
Python's :mod:`marshal` format: plain values only, so reading one never runs code;
like any cache, they are trusted as far as the folder that holds them.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import time
import warnings
import zlib
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from govgraph.graph.files import replacing
from govgraph.graph.model import Fact, GovGraph, Source
from govgraph.graph.restore import (fact_values, from_values, node_from_values, node_values,
                                    restore)
from govgraph.loaders.register import dataset_dirs, load_datasets

__all__ = ["load_cached", "cache_dir", "snapshot_path", "write_snapshot", "read_snapshot",
           "prune", "FORMAT", "KEEP"]

#: Changes whenever the layout of a snapshot changes.
FORMAT = "govgraph-snapshot-3"
#: Snapshots kept in the cache folder, the most recently used.
KEEP = 8
#: Records per marshal chunk: small enough that a load never holds much more than the graph.
_CHUNK = 20_000


def cache_dir() -> Path | None:
    """Where snapshots go: ``$GOVGRAPH_CACHE``, or None when it is ``off``."""
    value = os.environ.get("GOVGRAPH_CACHE", "")
    if value.lower() in ("off", "0", "no", "false"):
        return None
    if value:
        return Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "govgraph"


def load_cached(paths: Iterable[Path], *, cache: Path | None | str = "default",
                settle: float = 2.0) -> GovGraph:
    """:func:`~govgraph.loaders.register.load_datasets`, through a snapshot when it is current.

    Parameters
    ----------
    paths : iterable of Path
        Dataset folders, or folders holding them.
    cache : Path or None, optional
        The snapshot folder; None reads the files every time. By default
        :func:`cache_dir`.
    settle : float, default 2.0
        No snapshot is written while a data file is younger than this many seconds:
        file times are coarse (a few milliseconds), so a file changed again within
        the same tick, keeping its size, would look unchanged (git's "racy clean"
        problem; the file's inode and change time are in the key as well).

    Raises
    ------
    RegisterError
        If the files are read and any is invalid (nothing is loaded, no snapshot
        written).
    """
    folders = dataset_dirs(paths)
    directory = cache_dir() if cache == "default" else cache
    if directory is None:
        return load_datasets(folders)
    started = time.time()
    key, newest = _data_state(folders)
    file = snapshot_path(Path(directory), folders)
    G = read_snapshot(file, key)
    if G is not None:
        _touch(file)
        return G
    G = load_datasets(folders)
    if newest > started - settle:
        return G
    try:
        write_snapshot(G, file, key)
        prune(Path(directory))
    except (OSError, ValueError) as exc:  # a cache that cannot be written is no reason to fail
        warnings.warn(f"govgraph: could not write the snapshot {file}: {exc}", stacklevel=2)
    return G


def prune(directory: Path, *, keep: int = KEEP) -> list[Path]:
    """Remove all but the ``keep`` most recently used snapshots; the removed ones.

    Each set of data folders has its own snapshot (481 MB for the whole country),
    so without this a cache would grow with every folder ever loaded.
    """
    found = sorted(directory.glob("*.snapshot"), key=lambda f: f.stat().st_mtime, reverse=True)
    for old in found[keep:]:
        old.unlink(missing_ok=True)
    return found[keep:]


def _touch(file: Path) -> None:
    """Mark a snapshot used, so that :func:`prune` keeps it."""
    try:
        os.utime(file)
    except OSError:
        pass  # a read-only cache still serves its snapshots


def snapshot_path(directory: Path, folders: list[Path]) -> Path:
    """The one snapshot file of a set of data folders."""
    name = hashlib.sha256("\n".join(str(f.resolve()) for f in folders).encode()).hexdigest()
    return directory / f"{name[:32]}.snapshot"


def data_key(folders: list[Path]) -> str:
    """What a snapshot must have been made from: these files, as they are, by this code."""
    return _data_state(folders)[0]


def _data_state(folders: list[Path]) -> tuple[str, float]:
    """The data key, and when the newest file was last changed (seconds since the epoch)."""
    digest = hashlib.sha256(_code_fingerprint().encode())
    newest = 0.0
    for folder in folders:
        for file in sorted(folder.glob("*.yaml")):
            st = file.stat()
            digest.update(f"{file.resolve()}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}"
                          f"\0{st.st_ino}\n".encode())
            newest = max(newest, st.st_mtime, st.st_ctime)
    return digest.hexdigest(), newest


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """The snapshot format, the versions of Python and PyYAML, and the source of the code
    behind a load: every loader module (all of them, so none can be forgotten) and the
    graph modules they build with."""
    import govgraph.graph.dates
    import govgraph.graph.linking
    import govgraph.graph.model
    import govgraph.graph.qualifiers
    import govgraph.graph.restore
    import govgraph.ontology.terms

    import yaml

    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0{marshal.version}\0{yaml.__version__}"
                            f"\0{getattr(yaml, '__with_libyaml__', False)}".encode())
    modules = (govgraph.graph.dates, govgraph.graph.linking, govgraph.graph.model,
               govgraph.graph.qualifiers, govgraph.graph.restore, govgraph.ontology.terms)
    files = [Path(module.__file__) for module in modules]
    files += sorted(Path(__file__).parent.glob("*.py"))
    for file in files:
        digest.update(file.read_bytes())
    digest.update((Path(govgraph.ontology.terms.__file__).parent / "schema.yaml").read_bytes())
    return digest.hexdigest()


# -- writing ----------------------------------------------------------------------------

def write_snapshot(G: GovGraph, file: Path, key: str) -> None:
    """Save ``G`` as the snapshot of the data ``key`` names (atomically)."""
    file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with replacing(file, "wb") as out:
        _dump(out, (FORMAT, key))
        _dump_chunks(out, "nodes", map(node_values, G.nodes()))
        _dump_chunks(out, "facts", (_fact_record(f) for f in G.facts()))
        _dump_chunks(out, "predecessors", ((v, tuple(us)) for v, us in G.nx._pred.items()
                                           if len(us) > 1))
        _dump(out, ("end", None))


def _dump_chunks(out: BinaryIO, kind: str, records: Iterator[tuple]) -> None:
    chunk: list[tuple] = []
    for record in records:
        chunk.append(record)
        if len(chunk) == _CHUNK:
            _dump(out, (kind, chunk))
            chunk = []
    if chunk:
        _dump(out, (kind, chunk))


def _dump(out: BinaryIO, value: object) -> None:
    # Length-prefixed, so each is read in one piece (marshal.load on a file reads value
    # by value through Python's file layer and was four times slower), with a checksum,
    # so that a damaged snapshot is noticed and the files are read instead.
    data = marshal.dumps(value)
    out.write(len(data).to_bytes(8, "little") + zlib.crc32(data).to_bytes(4, "little"))
    out.write(data)


def _load(source: BinaryIO) -> object:
    head = source.read(12)
    size, checksum = int.from_bytes(head[:8], "little"), int.from_bytes(head[8:], "little")
    if len(head) != 12 or size > os.fstat(source.fileno()).st_size - source.tell():
        raise EOFError("the snapshot is cut short")
    data = source.read(size)
    if zlib.crc32(data) != checksum:
        raise ValueError("the snapshot is damaged (checksum)")
    return marshal.loads(data)


def _fact_record(f: Fact) -> tuple:
    """A fact's fields in order, its sources as plain triples, then its key.

    Facts without qualifiers share one empty mapping, which marshal writes once per
    chunk and reads back shared (as the loader made it).
    """
    return fact_values(f) + (f.key,)


# -- reading ----------------------------------------------------------------------------

def read_snapshot(file: Path, key: str) -> GovGraph | None:
    """The graph in a snapshot made from the data ``key`` names, or None.

    None when there is no such file, it was made from other data or by other code,
    or it cannot be read (damaged, cut short): the caller then reads the files.
    """
    try:
        with open(file, "rb") as source:
            if _load(source) != (FORMAT, key):
                return None
            stream = _Stream(source)
            G = restore(map(node_from_values, stream.records("nodes")), _facts(stream.records("facts")),
                        stream.records("predecessors"))
            if stream.ahead != ("end", None):
                raise ValueError(f"unexpected {stream.ahead[0]!r} records")
            return G
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError) as exc:
        warnings.warn(f"govgraph: ignoring the unreadable snapshot {file} ({exc}); "
                      "reading the data files", stacklevel=2)
        return None


class _Stream:
    """The records of a snapshot, one chunk in memory at a time, kind after kind."""

    def __init__(self, source: BinaryIO):
        self.source = source
        self.ahead: tuple[str, list | None] = _load(source)

    def records(self, kind: str) -> Iterator:
        while self.ahead[0] == kind:
            chunk = self.ahead[1]
            self.ahead = _load(self.source)
            yield from chunk


def _facts(records: Iterator[tuple]) -> Iterator[tuple[str, Fact]]:
    fact, source, sources = from_values(Fact), from_values(Source), Fact.sources.__set__
    for r in records:
        made = fact(r)  # the record is the fact's fields in order (and then its key)
        sources(made, (source(r[9][0]),) if len(r[9]) == 1 else tuple([source(s) for s in r[9]]))
        yield r[12], made
