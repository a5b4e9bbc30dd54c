"""aligner: compare two reports of the same story, sentence by sentence and fact by fact.

>>> from aligner import compare
>>> report = compare("a.txt", "b.txt")          # doctest: +SKIP
>>> report.summary["changed"]                      # doctest: +SKIP
"""

__version__ = "0.1.0"

from .errors import AlignerError, InputError, OptionError, OutputError  # noqa: E402
from .model import Report  # noqa: E402
from .pipeline import compare, compare_sources, compare_texts  # noqa: E402

__all__ = [
    "AlignerError", "InputError", "OptionError", "OutputError", "Report",
    "compare", "compare_sources", "compare_texts", "__version__",
]
