"""HTML escaping for the report page.

Every piece of input text (document text, segment ids, file names, fact values,
titles) is escaped exactly once: with :func:`escape` in the modules that write
markup, or by the template's autoescape; nothing from the inputs is ever marked
safe unescaped.
"""

from __future__ import annotations

import re
from html import escape as _html_escape

# the characters html.escape changes
SPECIAL = re.compile("[&<>\"']")


def escape(text: str) -> str:
    """``html.escape(text)``; a search first, as most texts here hold none of ``&<>"'``."""
    return _html_escape(text) if SPECIAL.search(text) else text
