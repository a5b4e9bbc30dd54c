"""Our own CSS and JS, inlined into the pages, and the hashes the pages' CSP allows them by.

A page's Content-Security-Policy allows exactly its inline CSS and JS by hash, so even
a mistake in escaping could not run injected script or make a network request.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from importlib import resources

from markupsafe import Markup


@lru_cache(maxsize=None)
def static(*names: str) -> Markup:
    """The files ``names`` of ``render/static``, one after the other (trusted, so not escaped)."""
    folder = resources.files("aligner.render") / "static"
    return Markup("".join((folder / name).read_text(encoding="utf-8") for name in names))


@lru_cache(maxsize=None)
def csp_hash(*names: str) -> str:
    """The CSP source expression that allows :func:`static` of ``names`` inline."""
    digest = hashlib.sha256(str(static(*names)).encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")
