"""Shared fixtures: the real bundled data and the seed papers."""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from govgraph.data import bundled_data_dir
from govgraph.loaders import load_datasets

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"

# Snapshots the commands write while testing go to a folder of the run's own, not the
# user's cache (loaders/snapshot.py); commands run as subprocesses inherit it.
if "GOVGRAPH_CACHE" not in os.environ:
    os.environ["GOVGRAPH_CACHE"] = tempfile.mkdtemp(prefix="govgraph-test-cache-")
    atexit.register(shutil.rmtree, os.environ["GOVGRAPH_CACHE"], ignore_errors=True)


@pytest.fixture(scope="session")
def G():
    """The bundled governance graph (all datasets)."""
    return load_datasets([bundled_data_dir()])


def normalise_text(text: str) -> str:
    """Seed text with markup and spacing folded, for quote matching."""
    text = re.sub(r"</?sup>", "", text)
    text = text.replace("**", "").replace("\\_", "_")
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.name: normalise_text(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")}


def generate(out: Path, councils: int) -> Path:
    """Councils made by the benchmarks' generator (bench/generate.py) in ``out``."""
    import subprocess
    import sys

    subprocess.run([sys.executable, str(Path(__file__).resolve().parents[1] / "bench" /
                                        "generate.py"), "--councils", str(councils),
                    "--out", str(out)], check=True, capture_output=True)
    return out


@pytest.fixture(scope="session")
def generated_council(tmp_path_factory) -> Path:
    """One generated council, with the national dataset it requires, made once a run."""
    return generate(tmp_path_factory.mktemp("generated") / "c1", 1)


def built_as_read(made: tuple | None, expected: tuple | None, fields: tuple[str, ...],
                  text: str) -> bool:
    """Whether a reader by shape built ``made`` (a record and its sources' documents)
    where the usual reading gives ``expected`` (the record, its problems, its documents):
    False if it left the text to the usual reading; fails if it built something else,
    or built what has a problem."""
    if made is None:
        return False
    assert expected is not None, f"built what the line reader does not read: {text}"
    record, problems, docs = expected
    assert problems == [], f"built what has a problem ({problems[0]}): {text}"
    assert made == (record, docs), text
    for name in fields:
        assert type(getattr(made[0], name)) is type(getattr(record, name)), (name, text)
    return True
