"""The ``align`` command: parse options, call the library, write reports, set the exit code.

Exit codes follow ``diff``: 0 the sources agree, 1 they differ, 2 an error.
"""

from __future__ import annotations

import sys
import traceback
import webbrowser
from pathlib import Path

import click

from . import __version__
from .align import DEFAULT_THRESHOLD
from .errors import AlignerError
from .output import check_output_path, write_atomically
from .pipeline import SCRIPTS, compare
from .read import DEFAULT_MAX_CHARS
from .render import render_html, render_json

EXIT_SAME, EXIT_DIFFERENT, EXIT_ERROR = 0, 1, 2

EPILOG = """\b
Examples:
  align a.txt b.txt                      HTML report a-vs-b.html here
  align a.txt b.txt -o r.html --json r.json
  align a.txt b.txt --json - > r.json    JSON to standard output
  align a.txt b.txt --script traditional --threshold 0.6
\b
Exit status: 0 the sources agree, 1 they differ, 2 error.
"""


def _default_output(path_a: str, path_b: str) -> str:
    return f"{Path(path_a).stem}-vs-{Path(path_b).stem}.html"


class _Progress:
    """A one-line progress display on stderr, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.enabled and total:
            click.echo(f"\r{stage}: {done}/{total} ({100 * done // total}%)  ", err=True, nl=False)

    def close(self) -> None:
        if self.enabled:
            click.echo("\r" + " " * 40 + "\r", err=True, nl=False)


@click.command(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("file_a", metavar="A", type=click.Path(dir_okay=True))
@click.argument("file_b", metavar="B", type=click.Path(dir_okay=True))
@click.option("-o", "--output", metavar="PATH",
              help="Where to write the HTML report [default: A-vs-B.html in the current folder].")
@click.option("--json", "json_path", metavar="PATH", help="Also write the JSON report to PATH ('-' for standard output).")
@click.option("--script", type=click.Choice(SCRIPTS), default="simplified", show_default=True,
              help="Common script both sources are converted to for matching.")
@click.option("--threshold", type=float, default=DEFAULT_THRESHOLD, show_default=True,
              help="Similarity (0..1) below which sentences are not linked.")
@click.option("--keep-boilerplate", is_flag=True, help="Treat site chrome, bylines and banners as content.")
@click.option("--encoding", metavar="CODEC", help="Decode both files with CODEC instead of detecting it.")
@click.option("--max-chars", type=int, default=DEFAULT_MAX_CHARS, show_default=True,
              help="Refuse inputs longer than this many characters.")
@click.option("--open", "open_report", is_flag=True, help="Open the HTML report in a browser.")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error (for bug reports).")
@click.version_option(__version__, "--version", prog_name="align")
def main(file_a, file_b, output, json_path, script, threshold, keep_boilerplate, encoding, max_chars,
         open_report, debug):
    """Compare two reports of the same story and write an HTML (and JSON) report.

    A and B are text files in any script (Traditional or Simplified Chinese,
    or other languages) and a common encoding (UTF-8/16, GB18030, Big5).
    """
    output = output or _default_output(file_a, file_b)
    progress = _Progress()
    try:
        check_output_path(output, (file_a, file_b))
        if json_path and json_path != "-":
            check_output_path(json_path, (file_a, file_b))
        report = compare(file_a, file_b, script=script, threshold=threshold, keep_boilerplate=keep_boilerplate,
                         encoding=encoding, max_chars=max_chars, progress=progress)
        progress.close()
        html = render_html(report)
        if json_path:
            text = render_json(report)
            if json_path == "-":
                click.echo(text, nl=False)
            else:
                write_atomically(json_path, text)
        write_atomically(output, html)
    except AlignerError as err:
        progress.close()
        if debug:
            traceback.print_exc()
        click.echo(f"align: error: {err}", err=True)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        click.echo("align: interrupted; no report written", err=True)
        sys.exit(EXIT_ERROR)
    except Exception as err:  # a bug: still one line, unless asked for the traceback
        if debug:
            traceback.print_exc()
        click.echo(f"align: internal error: {type(err).__name__}: {err} (run with --debug and report it)", err=True)
        sys.exit(EXIT_ERROR)
    s = report.summary
    click.echo(
        f"wrote {output}{' and ' + json_path if json_path and json_path != '-' else ''}: "
        f"{s['identical']} identical, {s['changed']} changed, {s['moved']} moved, "
        f"{s['only_a']} only in A, {s['only_b']} only in B, {s['facts_conflict']} fact conflicts",
        err=json_path == "-",
    )
    if open_report:
        webbrowser.open(Path(output).resolve().as_uri())
    sys.exit(EXIT_SAME if report.agree else EXIT_DIFFERENT)
