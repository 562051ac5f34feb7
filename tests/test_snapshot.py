"""Snapshots: the same graph, in the same order, and never a stale one."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from govgraph.data import bundled_data_dir
from govgraph.graph.chain import chain
from govgraph.graph.facts import facts
from govgraph.graph.model import Fact, Node, Source
from govgraph.graph.restore import from_columns, from_values
from govgraph.graph.profile import profile
from govgraph.loaders import RegisterError, load_datasets
from govgraph.loaders.register import dataset_dirs
from govgraph.loaders.snapshot import (KEEP, cache_dir, data_key, load_cached, prune,
                                       read_snapshot, snapshot_path, write_snapshot)


def _snapshots(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.snapshot"))


def _order(G) -> tuple:
    return ([n.id for n in G.nodes()], [f.key for f in G.facts()],
            {n: [f.key for f in G.in_facts(n)] for n in G.nx},
            {n: [f.key for f in G.out_facts(n)] for n in G.nx})


@pytest.fixture
def data(tmp_path):
    """A copy of the bundled data that a test may change."""
    target = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), target)
    return target


def test_snapshot_gives_the_same_graph_in_the_same_order(G, tmp_path):
    cache = tmp_path / "cache"
    first = load_cached([bundled_data_dir()], cache=cache, settle=0)
    assert len(_snapshots(cache)) == 1
    again = load_cached([bundled_data_dir()], cache=cache, settle=0)
    assert again is not first and again == G and first == G
    assert _order(again) == _order(G)
    assert again.documents == G.documents
    assert all(a == b and a.qualifiers == b.qualifiers for a, b in zip(again.facts(), G.facts()))
    assert chain(again, "CSIP") == chain(G, "CSIP")
    assert profile(again, "kent/csip") == profile(G, "kent/csip")
    assert facts(again) == facts(G)


def test_a_changed_file_is_read_again(data, tmp_path):
    cache = tmp_path / "cache"
    load_cached([data], cache=cache, settle=0)
    register = sorted((data / "kent-scs").glob("0*.yaml"))[0]
    text = register.read_text(encoding="utf-8")
    assert "Children's Services Improvement Panel" in text
    register.write_text(text.replace("Children's Services Improvement Panel",
                                     "Children's Services Improvement Group"), encoding="utf-8")
    changed = load_cached([data], cache=cache, settle=0)
    assert changed == load_datasets([data])
    assert any(n.label == "Children's Services Improvement Group" for n in changed.nodes())
    assert len(_snapshots(cache)) == 1  # replaced, not added


def test_an_invalid_file_is_reported_not_hidden_by_the_snapshot(data, tmp_path):
    cache = tmp_path / "cache"
    load_cached([data], cache=cache, settle=0)
    register = sorted((data / "kent-scs").glob("0*.yaml"))[0]
    register.write_text(register.read_text(encoding="utf-8") + "\nfacts: [oops\n", encoding="utf-8")
    with pytest.raises(RegisterError) as caught:
        load_cached([data], cache=cache, settle=0)
    assert str(register) in str(caught.value) and "invalid YAML" in str(caught.value)


def test_a_new_file_is_read(data, tmp_path):
    cache = tmp_path / "cache"
    before = load_cached([data], cache=cache, settle=0)
    (data / "kent-scs" / "999-extra.yaml").write_text(
        "doc: 000_ec8d6a74a8fff0cc.txt\nmentions:\n"
        "  - id: kent/csip\n    aliases: [The Improvement Panel]\n"
        "    sources: [{loc: '1.1', quote: 'Improvement Panel'}]\n", encoding="utf-8")
    after = load_cached([data], cache=cache, settle=0)
    assert "The Improvement Panel" in after.node("kent/csip").aliases
    assert "The Improvement Panel" not in before.node("kent/csip").aliases


def test_fresh_files_are_not_snapshotted(data, tmp_path):
    cache = tmp_path / "cache"
    G = load_cached([data], cache=cache)  # just copied: younger than the settle time
    assert G == load_datasets([data]) and _snapshots(cache) == []


def test_a_damaged_snapshot_is_ignored_and_replaced(tmp_path, G):
    cache = tmp_path / "cache"
    load_cached([bundled_data_dir()], cache=cache, settle=0)
    [file] = _snapshots(cache)
    whole = file.read_bytes()
    file.write_bytes(whole[: len(whole) // 2])
    with pytest.warns(UserWarning, match="unreadable snapshot"):
        again = load_cached([bundled_data_dir()], cache=cache, settle=0)
    assert again == G
    assert file.read_bytes() == whole


def test_a_snapshot_damaged_inside_is_noticed(tmp_path, G):
    cache = tmp_path / "cache"
    load_cached([bundled_data_dir()], cache=cache, settle=0)
    [file] = _snapshots(cache)
    whole = bytearray(file.read_bytes())
    whole[len(whole) // 2] ^= 0x01  # one bit, in the middle of the facts
    file.write_bytes(bytes(whole))
    with pytest.warns(UserWarning, match="checksum"):
        assert load_cached([bundled_data_dir()], cache=cache, settle=0) == G
    file.write_bytes(b"not a snapshot at all, and long enough to have a length prefix")
    with pytest.warns(UserWarning, match="unreadable snapshot"):
        assert load_cached([bundled_data_dir()], cache=cache, settle=0) == G


def test_a_snapshot_of_other_data_or_code_is_not_used(tmp_path, G):
    folders = dataset_dirs([bundled_data_dir()])
    file = tmp_path / "x.snapshot"
    write_snapshot(G, file, "another key")
    assert read_snapshot(file, data_key(folders)) is None
    assert read_snapshot(file, "another key") == G
    assert read_snapshot(tmp_path / "missing.snapshot", "another key") is None


def test_an_unwritable_cache_warns_and_still_loads(tmp_path, G):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    with pytest.warns(UserWarning, match="could not write the snapshot"):
        assert load_cached([bundled_data_dir()], cache=blocked, settle=0) == G


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("GOVGRAPH_CACHE", "off")
    assert cache_dir() is None
    monkeypatch.setenv("GOVGRAPH_CACHE", str(tmp_path))
    assert cache_dir() == tmp_path
    monkeypatch.delenv("GOVGRAPH_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "govgraph"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        monkeypatch.setenv("GOVGRAPH_CACHE", "off")
        assert load_cached([bundled_data_dir()]) is not None and not (tmp_path / "xdg").exists()


def test_one_snapshot_per_set_of_folders(tmp_path):
    a = dataset_dirs([bundled_data_dir()])
    b = dataset_dirs([bundled_data_dir() / "kent-scs"])
    assert snapshot_path(tmp_path, a) != snapshot_path(tmp_path, b)
    assert snapshot_path(tmp_path, a) == snapshot_path(tmp_path, list(a))


def test_from_values_makes_equal_objects(G):
    fact = next(f for f in G.facts() if f.qualifiers)
    node = G.node("kent/csip")
    assert from_values(Fact)([getattr(fact, k) for k in Fact.__dataclass_fields__]) == fact
    assert from_values(Node)([getattr(node, k) for k in Node.__dataclass_fields__]) == node
    assert from_values(Source)(("d", "l", "q")) == Source("d", "l", "q")
    with pytest.raises(AttributeError):
        from_values(Source)(("d", "l", "q")).doc = "other"  # still frozen


def test_from_columns_makes_equal_objects(G):
    facts = list(G.facts())[:50]
    columns = [[getattr(f, k) for f in facts] for k in Fact.__dataclass_fields__]
    made = from_columns(Fact)(*columns)
    assert made == facts and all(type(f) is Fact and hash(f) == hash(g) for f, g in zip(made, facts))
    with pytest.raises(AttributeError):
        made[0].subject = "other"  # still frozen


def test_cli_writes_and_uses_the_snapshot(tmp_path):
    env = {**os.environ, "GOVGRAPH_CACHE": str(tmp_path)}
    run = [sys.executable, "-m", "govgraph.app.cli", "chain", "CSIP", "--json"]
    first = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    assert len(_snapshots(tmp_path)) == 1
    second = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    assert json.loads(first.stdout) == json.loads(second.stdout)
    assert json.loads(second.stdout)["start"]["id"] == "kent/csip"


def test_the_cache_keeps_the_most_recently_used_snapshots(tmp_path, G):
    cache = tmp_path / "cache"
    load_cached([bundled_data_dir()], cache=cache, settle=0)
    [used] = _snapshots(cache)
    old = []
    for n in range(KEEP + 2):  # snapshots of other data, written earlier than the one in use
        file = cache / f"other-{n}.snapshot"
        write_snapshot(G, file, "other data")
        os.utime(file, (1_000_000 + n, 1_000_000 + n))
        old.append(file)
    os.utime(used, (900_000, 900_000))  # the oldest of all, until it is used again
    assert load_cached([bundled_data_dir()], cache=cache, settle=0) == G  # read: marked used
    removed = prune(cache)
    assert set(removed) == set(old[:3]) and used.exists()
    assert len(_snapshots(cache)) == KEEP
