"""One input file as the readers see it: its name for messages and its bytes,
read once and no further than needed.

Regular files are opened again when asked for all their bytes; a pipe or a
device (``align <(cmd) b.txt``, ``/dev/null``) is read once, its first bytes
kept for sniffing.  Every error is one line.
"""

from __future__ import annotations

import hashlib
import os
import stat
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError

# How much of a file sniffing looks at.
SNIFF_BYTES = 8192
_READ_CHUNK = 1 << 20


def file_mode(path: Path, name: str) -> int:
    """The mode of the input at ``path`` (shown as ``name``); :class:`InputError` if it is
    missing, cannot be looked at, or is a directory."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as err:
        raise InputError(f"{name}: cannot be read ({err.strerror or err})") from None
    if stat.S_ISDIR(mode):
        raise InputError(f"{name}: is a directory, not a text file")
    return mode


class InputFile:
    """The file at ``path``; use as a context manager (a pipe stays open until the end)."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        # Reports are UTF-8: a file name with bytes that are not shows them as U+FFFD.
        self.name = os.fsencode(path).decode("utf-8", errors="replace")
        self.regular = stat.S_ISREG(file_mode(self.path, self.name))
        self._stream = None
        self._head: bytes | None = None
        self._data: bytes | None = None

    def __enter__(self) -> "InputFile":
        return self

    def __exit__(self, *exc) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None

    def head(self) -> bytes:
        """The first SNIFF_BYTES bytes (fewer if the file is shorter)."""
        if self._head is None:
            with self._errors():
                if self.regular:
                    with self.path.open("rb") as handle:
                        self._head = handle.read(SNIFF_BYTES)
                else:
                    self._stream = self.path.open("rb")
                    self._head = self._stream.read(SNIFF_BYTES)
        return self._head

    def data(self, limit: int, what: str, hint: str = "") -> bytes:
        """All the bytes; past ``limit`` bytes an :class:`InputError` that gives ``what``
        limit it is and ``hint`` at how to raise it.  Read once: later calls return the same bytes."""
        if self._data is not None:
            return self._data
        head = self.head()
        chunks = [head]
        size = len(head)
        with self._errors():
            handle = self._stream if self._stream is not None else self.path.open("rb")
            try:
                if handle is not self._stream:
                    handle.seek(len(head))
                # In chunks: read(n) would set aside n bytes at once, and n may be huge.
                while size <= limit:
                    chunk = handle.read(min(_READ_CHUNK, limit + 1 - size))
                    if not chunk:
                        break
                    chunks.append(chunk)
                    size += len(chunk)
            finally:
                if handle is not self._stream:
                    handle.close()
        if size > limit:
            raise InputError(f"{self.name}: too large (more than {limit:,} bytes; {what}){hint}")
        self._data = b"".join(chunks)
        return self._data

    def digest(self) -> tuple[str, int]:
        """SHA-256 (hex) and size of the bytes :meth:`data` returned."""
        if self._data is None:
            raise RuntimeError("digest() before data(): the reader did not read the file")
        return hashlib.sha256(self._data).hexdigest(), len(self._data)

    @contextmanager
    def _errors(self):
        """Turn an ``OSError`` while reading into the one-line :class:`InputError`."""
        try:
            yield
        except PermissionError:
            raise InputError(f"{self.name}: cannot be read (permission denied)") from None
        except OSError as err:
            raise InputError(f"{self.name}: cannot be read ({err.strerror or err})") from None
