"""Writing reports to disk: atomically, and never over an input."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

from .errors import OutputError


def check_output_path(path: str | os.PathLike, inputs: Iterable[str | os.PathLike]) -> None:
    """Raise :class:`OutputError` if ``path`` is an input file or cannot be written."""
    target = Path(path)
    for source in inputs:
        try:
            same = target.exists() and Path(source).exists() and os.path.samefile(target, source)
        except OSError:
            same = False
        if same or target.resolve() == Path(source).resolve():
            raise OutputError(f"{path}: is one of the inputs; refusing to overwrite it")
    if target.is_dir():
        raise OutputError(f"{path}: is a directory; give a file name for the report")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"{path}: cannot write in {folder} (permission denied)")


def write_atomically(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` through a temporary file and a rename.

    An interrupted run leaves either the old file or the new one, never half a file.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise OutputError(f"{path}: cannot be written ({err.strerror or err})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot be written ({err.strerror or err})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
