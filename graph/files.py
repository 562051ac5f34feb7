"""Writing files safely: never a half-written file where a good one was."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

__all__ = ["write_atomic", "replacing"]


@contextmanager
def replacing(path: Path, mode: str = "w") -> Iterator[IO]:
    """A file to write that takes the place of ``path`` only once it is complete.

    It is a temporary file beside ``path``, renamed over it when the block ends
    and removed if the block fails, so readers see the old file or the new one.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as out:
            yield out
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, text: str) -> None:
    """Write text to a temporary file beside ``path``, then rename it into place."""
    with replacing(path) as out:
        out.write(text)
