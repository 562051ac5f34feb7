"""The bundled datasets: the governance stated in the five seed papers, and options."""

from importlib import resources
from pathlib import Path

__all__ = ["bundled_data_dir", "bundled_options_dir"]


def bundled_data_dir() -> Path:
    """The folder holding the bundled dataset folders."""
    return Path(str(resources.files("govgraph.data")))


def bundled_options_dir() -> Path:
    """The folder holding the bundled option files."""
    return bundled_data_dir() / "options"
