"""aligner: compare two reports of the same story, sentence by sentence and fact by fact.

>>> from aligner import compare
>>> report = compare("a.txt", "b.txt")          # doctest: +SKIP
>>> report.summary["changed"]                      # doctest: +SKIP

This module is the front door: the command line uses nothing else.
"""

__version__ = "0.1.0"

from .align import DEFAULT_THRESHOLD  # noqa: E402
from .errors import AlignerError, InputError, OptionError, OutputError  # noqa: E402
from .many import MAX_SOURCES, MIN_SOURCES, compare_many, compare_many_texts  # noqa: E402
from .many_model import ManyReport  # noqa: E402
from .model import Report  # noqa: E402
from .output import check_output_path, same_file, write_reports  # noqa: E402
from .pipeline import SCRIPTS, compare, compare_sources, compare_texts  # noqa: E402
from .read import DEFAULT_MAX_CHARS, codec_name  # noqa: E402
from .readers import DEFAULT_MAX_PAGES, FORMATS  # noqa: E402
from .render import render_html, render_json  # noqa: E402
from .render.many_json import render_many_json  # noqa: E402
from .runner import choose_for_files  # noqa: E402


def run_batch(*args, **kwargs):
    """Group a feed into stories and compare each one on Dask: see :func:`aligner.batch.run_batch`.

    Imported when called: Dask, NumPy and datasketch are not needed to compare two files.
    """
    from .batch import run_batch as run

    return run(*args, **kwargs)


__all__ = [
    "AlignerError", "InputError", "ManyReport", "OptionError", "OutputError", "Report",
    "MAX_SOURCES", "MIN_SOURCES", "compare_many", "compare_many_texts", "render_many_json",
    "DEFAULT_MAX_CHARS", "DEFAULT_MAX_PAGES", "DEFAULT_THRESHOLD", "FORMATS", "SCRIPTS",
    "check_output_path", "choose_for_files", "codec_name", "compare", "compare_sources", "compare_texts",
    "render_html", "render_json", "run_batch", "same_file", "write_reports", "__version__",
]
