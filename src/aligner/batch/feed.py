"""A newsroom's feed: the articles of a folder, or of a manifest (CSV or JSON lines).

The feed lists articles without reading them: the client of a batch only ever
holds paths and a few fields, and the workers read the texts.  A folder is
searched recursively for the file types the readers support; a manifest names
each article's ``path`` (relative to the manifest) with optional ``outlet`` and
``date`` (ISO ``YYYY-MM-DD``, time allowed).
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterator

from ..errors import InputError

SUFFIXES = (".txt", ".html", ".htm", ".pdf")
MANIFEST_SUFFIXES = (".csv", ".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True)
class Article:
    """One article of the feed: ``id`` is its path relative to the feed's root (stable across runs)."""

    id: str
    path: str
    outlet: str = ""
    date: str = ""

    def day(self) -> date | None:
        """The article's date, or None when the feed gives none (or an unreadable one)."""
        try:
            return datetime.fromisoformat(self.date.strip()).date() if self.date.strip() else None
        except ValueError:
            return None


def list_articles(source: str | os.PathLike) -> Iterator[Article | tuple[str, str]]:
    """Yield the feed's articles in a stable order; a manifest row that cannot be used
    is yielded as ``(where, reason)`` so that the batch can list it and go on."""
    path = Path(source)
    if path.is_dir():
        yield from _folder(path)
    elif path.is_file() and path.suffix.lower() in MANIFEST_SUFFIXES:
        yield from _manifest(path)
    elif path.exists():
        raise InputError(f"{source}: give a folder of articles or a manifest (.csv or .jsonl)")
    else:
        raise InputError(f"{source}: no such folder or manifest")


def _folder(root: Path) -> Iterator[Article]:
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in files:
            if name.lower().endswith(SUFFIXES) and not name.startswith("."):
                full = Path(folder) / name
                found.append(Article(id=full.relative_to(root).as_posix(), path=str(full)))
    yield from sorted(found, key=lambda article: article.id)


def _manifest(manifest: Path) -> Iterator[Article | tuple[str, str]]:
    rows = _csv_rows(manifest) if manifest.suffix.lower() == ".csv" else _json_rows(manifest)
    for line, row in rows:
        where = f"{manifest.name}:{line}"
        if isinstance(row, str):
            yield where, row
            continue
        given = str(row.get("path") or "").strip()
        if not given:
            yield where, "no path in this row"
            continue
        full = Path(given) if Path(given).is_absolute() else manifest.parent / given
        yield Article(id=given, path=str(full), outlet=str(row.get("outlet") or ""), date=str(row.get("date") or ""))


def _csv_rows(manifest: Path) -> Iterator[tuple[int, dict | str]]:
    try:
        with manifest.open(encoding="utf-8-sig", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                yield line, {key.strip().lower(): value for key, value in row.items() if key}
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise InputError(f"{manifest}: cannot read the manifest ({err})") from None


def _json_rows(manifest: Path) -> Iterator[tuple[int, dict | str]]:
    try:
        with manifest.open(encoding="utf-8-sig") as handle:
            for line, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                try:
                    row = json.loads(text)
                except json.JSONDecodeError as err:
                    yield line, f"not JSON ({err.msg})"
                    continue
                yield line, row if isinstance(row, dict) else "not a JSON object"
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{manifest}: cannot read the manifest ({err})") from None
