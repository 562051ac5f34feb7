"""A non-editable `pip install .` into a clean venv gives a working govgraph on the bundled data."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_clean_venv_install_works_on_the_bundled_data(tmp_path):
    # Build from a copy holding only what git tracks would hold, so no stray
    # editable-install artefacts leak in.
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv", ".git", "*.egg-info", "build", "__pycache__", ".pytest_cache", "docs"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", str(source)], check=True,
                   timeout=900)
    # Run from an empty folder: the installed package alone must carry data and ontology.
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    stats = subprocess.run([env_dir / "bin" / "govgraph", "stats", "--json"], cwd=work, env=env,
                           capture_output=True, text=True, check=True)
    counts = json.loads(stats.stdout)
    assert counts["total"]["facts"] > 100 and counts["sourced"]["facts"] == 1.0
    chain = subprocess.run([env_dir / "bin" / "govgraph", "chain", "CSIP", "--down", "--json"],
                           cwd=work, env=env, capture_output=True, text=True, check=True)
    assert json.loads(chain.stdout)["start"]["id"] == "kent/csip"
    # the installed files live in site-packages, not in the source tree
    where = subprocess.run([python, "-c", "import govgraph.graph.model as m; print(m.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True)
    assert "site-packages" in where.stdout and str(ROOT) not in where.stdout
    ttl = subprocess.run([python, "-c", "from govgraph.ontology.owl import turtle_path; "
                          "print(turtle_path().is_file())"], cwd=work, env=env,
                         capture_output=True, text=True, check=True)
    assert ttl.stdout.strip() == "True"
    assert sys.version_info >= (3, 11)
