"""The benchmark's data tables (``bench/data``) and OpenCC converters, loaded once."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=None)
def tab_table(name: str) -> dict[str, tuple[str, ...]]:
    """Return ``{first column: (second columns...)}`` of ``data/NAME`` (``#`` lines are comments)."""
    table: dict[str, list[str]] = {}
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition("\t")
        table.setdefault(key, []).append(value)
    return {k: tuple(v) for k, v in table.items()}


def rewording_table() -> dict[str, tuple[str, ...]]:
    """Return ``{token: (replacements...)}`` from ``data/rewording.tsv``."""
    return tab_table("rewording.tsv")


def boilerplate_table() -> dict[str, tuple[str, ...]]:
    """Return ``{kind: (templates...)}`` from ``data/boilerplate.txt`` (header / footer / page / body)."""
    return tab_table("boilerplate.txt")


@lru_cache(maxsize=None)
def opencc_converter(config: str):
    """The OpenCC converter of ``config`` (one per config)."""
    from opencc import OpenCC

    return OpenCC(config)
