"""pytest plugin for `make screenshots`: ``--screenshots DIR`` saves the browser tests' views.

Loaded with ``-p tests.browser_screenshots`` (an option must be known before test files
are read); without it the browser tests run the same and save nothing.
"""

from __future__ import annotations


def pytest_addoption(parser):
    parser.addoption("--screenshots", metavar="DIR", default=None,
                     help="Save screenshots of the main pages into DIR (docs/screenshots).")
