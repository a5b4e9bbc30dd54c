"""``python -m aligner``: the same as the ``align`` command."""

from .cli import entry

entry()
