"""Reading datasets on every core gives exactly what reading them in one process gives.

Real generated councils, the real bundled data and broken registers are read both ways
(``read_datasets`` with a worker process forced on, and with none), and the entries,
problems and the graphs built from them must be the same, in the same order. A worker
that cannot start or dies only means its datasets are read in this process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from govgraph.data import bundled_data_dir
from govgraph.loaders import RegisterError, load_datasets
from govgraph.graph.model import Fact, Source
from govgraph.loaders.parallel import (WORKER_SHARE, _chunks, _work, _yaml_bytes, read_datasets,
                                       split)
from govgraph.loaders.items import NO_QUALIFIERS
from govgraph.loaders.building import Build
from govgraph.loaders.register import _built, dataset_dirs

from conftest import generate

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def councils(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("generated") / "c3", 3)


def _comparable(entry: tuple) -> tuple:
    """An entry with what it was read from: a mapping's file, line and file default doc too."""
    dataset, kind, item = entry
    if kind in ("fact", "facts", "node"):  # read into facts or a node, with file and line
        return entry
    return dataset, kind, dict(item), item.file, item.line, getattr(item, "default_doc", None)


def _read(folders: list[Path], **options) -> tuple[list, list, Build]:
    """The entries and problems read, and the graph built from them as the loader builds
    it: each dataset as soon as this process has it."""
    build = Build()
    entries, problems = read_datasets(folders, take=build.add, **options)
    return entries, problems, build


def _both_ways(folders: list[Path], **options) -> tuple[tuple, tuple]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a worker that fails would warn: it must not
        here = _read(folders, workers=0)
        shared = _read(folders, workers=1, min_bytes=0, **options)
    return here, shared


def _graph(read: tuple):
    entries, problems, build = read
    return _built(build, list(entries), list(problems))


def _same_graph(G1, G2) -> None:
    assert list(G1.nodes()) == list(G2.nodes())
    assert list(G1.facts()) == list(G2.facts())
    for node in G1.nodes():  # the order each node lists its facts in, both ways
        assert list(G1.out_facts(node.id)) == list(G2.out_facts(node.id))
        assert list(G1.in_facts(node.id)) == list(G2.in_facts(node.id))


def test_generated_councils_read_the_same_on_two_cores(councils):
    folders = dataset_dirs([councils])
    here, shared = _both_ways(folders)
    assert len(folders) == 4 and _count(here[0]) > 15_000
    assert here[1] == shared[1] == []
    assert [_comparable(e) for e in here[0]] == [_comparable(e) for e in shared[0]]
    _same_graph(_graph(here), _graph(shared))


def test_shared_strings_are_shared_again(councils):
    """The worker's ids, roles and locators come back as the one shared copy (memory)."""
    entries, _ = read_datasets(dataset_dirs([councils]), workers=1, min_bytes=0)
    facts = [fact for _, kind, item in entries if kind in ("fact", "facts")
             for fact in (item.facts if kind == "facts" else [item.fact])]
    # (facts built by their shape come back from the worker as columns)
    assert any(kind == "facts" for _, kind, _ in entries[len(entries) // 2:])
    last = facts[-1]  # read by the worker: the last council's
    for text in (last.subject, last.relation, last.object, last.role, last.sources[0].doc,
                 last.sources[0].loc):
        assert sys.intern(str(text)) is text
    dated = next(f for f in reversed(facts) if f.valid_from)
    assert sys.intern(dated.valid_from) is dated.valid_from
    plain = [f for f in facts[-1000:] if not f.qualifiers]
    assert plain and all(f.qualifiers is NO_QUALIFIERS for f in plain)  # one empty mapping


def test_a_worker_sends_most_facts_unbuilt_as_columns(councils, tmp_path):
    """The worker does not make objects only to take them apart: fact lines checked by
    their shape go as plain values (``fact-cut``), built once, by this process."""
    out = tmp_path / "part"
    _work(out, dataset_dirs([councils])[:1])
    with open(out, "rb") as stream:
        sent = [entry for chunk in _chunks(stream) if isinstance(chunk, list) for entry in chunk]
    facts = {kind: sum(len(item[2]) for _, k, item in sent if k == kind)  # their lines
             for kind in ("fact-cut", "facts-columns")}
    assert facts["fact-cut"] > 5_000 and facts["fact-cut"] > 20 * facts["facts-columns"]
    assert not any(isinstance(value, (Fact, Source)) for _, kind, item in sent
                   if kind == "fact-cut" for _, rows in item.cut.groups for column in rows
                   for value in (column if isinstance(column, (list, tuple)) else [column]))


def test_the_bundled_data_reads_the_same_on_two_cores():
    folders = dataset_dirs([bundled_data_dir()])
    here, shared = _both_ways(folders)
    assert [_comparable(e) for e in here[0]] == [_comparable(e) for e in shared[0]]
    shared_graph = _graph(shared)
    _same_graph(_graph(here), shared_graph)
    _same_graph(shared_graph, load_datasets([bundled_data_dir()]))


def test_problems_in_every_part_are_reported_in_the_same_order(councils, tmp_path):
    broken = tmp_path / "broken"
    subprocess.run(["cp", "-r", str(councils), str(broken)], check=True)
    folders = dataset_dirs([broken])
    first, last = folders[0], [f for f in folders if (f / "025-seats.yaml").exists()][-1]
    read_here = split([_yaml_bytes(f) for f in folders], [1, WORKER_SHARE])[0]
    assert folders.index(first) < read_here <= folders.index(last)  # one problem each side
    (first / "020-members.yaml").write_text("nodes: [unclosed\n")
    seats = last / "025-seats.yaml"
    seats.write_text(seats.read_text().replace('relation: "member_of"', 'relation: "sits_on"', 1))
    here, shared = _both_ways(folders)
    assert here[1] == shared[1] and [p.file for p in here[1]] == [str(first / "020-members.yaml")]
    reported = []
    for read in (here, shared):
        with pytest.raises(RegisterError) as raised:
            _graph(read)
        reported.append(raised.value.problems)
    assert reported[0] == reported[1]
    assert reported[1][0] == here[1][0]
    assert any(p.file == str(seats) and "unknown relation 'sits_on'" in p.message
               for p in reported[1])


@pytest.mark.parametrize("python", ["/nonexistent/python", "/bin/false"])
def test_a_worker_that_cannot_read_leaves_its_part_to_this_process(councils, monkeypatch, python):
    folders = dataset_dirs([councils])
    here = _read(folders, workers=0)
    monkeypatch.setattr(sys, "executable", python)  # cannot start / exits at once
    with pytest.warns(UserWarning, match="reading worker"):
        shared = _read(folders, workers=1, min_bytes=0)
    _same_read(here, shared)


@pytest.mark.parametrize("damage", [
    'truncate -s -5 "$out.tmp"',  # cut short
    'printf "more" >> "$out.tmp"',  # runs on after its end
    'printf "\\003\\000\\000\\000\\000\\000\\000\\000abc" > "$out.tmp"',  # not a pickle
])
def test_a_worker_whose_file_is_damaged_leaves_its_part_to_this_process(councils, monkeypatch,
                                                                       tmp_path, damage):
    folders = dataset_dirs([councils])
    here = _read(folders, workers=0)
    # the real worker, then its file damaged, then put in place
    shared = _read_with_failing_worker(folders, monkeypatch, tmp_path, (
        f'"{sys.executable}" -m govgraph.loaders.parallel "$out.tmp" "$@" || exit 1\n'
        f'{damage}\nmv "$out.tmp" "$out"\n'))
    _same_read(here, shared)


def test_a_worker_that_fails_after_some_folders_were_built_leaves_the_rest_here(
        councils, monkeypatch, tmp_path):
    """A worker's folders are built as they come; if it then fails, only the folders not
    built yet are read here: nothing twice, nothing missed."""
    folders = dataset_dirs([councils])
    here = _read(folders, workers=0)
    # the real worker on its first folder only, then a failure
    shared = _read_with_failing_worker(folders, monkeypatch, tmp_path, (
        f'"{sys.executable}" -m govgraph.loaders.parallel "$out" "$1"\nsleep 1\nexit 3\n'))
    _same_read(here, shared)


def _read_with_failing_worker(folders: list[Path], monkeypatch, tmp_path: Path,
                              script: str) -> tuple[list, list, Build]:
    """Read on two cores with a worker that runs ``script`` (its output file ``$out``, its
    folders ``$@``) and must fail: the reading warns and reads what is left here."""
    worker = tmp_path / "python"
    worker.write_text(f'#!/bin/sh\nout="$3"\nshift 3\n{script}')
    worker.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(worker))
    with pytest.warns(UserWarning, match="reading worker"):
        return _read(folders, workers=1, min_bytes=0)


def _same_read(here: tuple, shared: tuple) -> None:
    """The same entries (with their files and lines), problems and graph both ways."""
    assert [_comparable(e) for e in here[0]] == [_comparable(e) for e in shared[0]]
    assert here[1] == shared[1]
    _same_graph(_graph(here), _graph(shared))


def test_small_loads_are_read_in_this_process(councils, monkeypatch):
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no worker is tried, so none can fail
        entries, problems = read_datasets(dataset_dirs([councils]), workers=1)
    assert _count(entries) > 15_000 and problems == []


def _count(entries: list) -> int:
    """How many things were read: facts built by their shape come in batches."""
    return sum(len(item.facts) if kind == "facts" else 1 for _, kind, item in entries)


def _children() -> set[int]:
    me = os.getpid()
    return {int(pid) for pid in Path(f"/proc/{me}/task/{me}/children").read_text().split()}


@pytest.mark.skipif(not Path(f"/proc/{os.getpid()}/task").exists(),
                    reason="needs Linux's /proc to see this process's children")
def test_an_interrupted_read_leaves_no_worker_running(councils):
    """Ctrl-C (or any error) while this process reads its part ends the worker too."""
    seen: list[set[int]] = []

    def interrupt(signum, frame):
        seen.append(_children())
        raise KeyboardInterrupt

    before = _children()
    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.15)
        with pytest.raises(KeyboardInterrupt):
            read_datasets(dataset_dirs([councils]), workers=1, min_bytes=0)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert seen and seen[0] - before  # the worker was running when the read was interrupted
    assert _children() == before  # and is gone (killed and waited for: not even a zombie)
