"""The ``align`` command: parse options, call the library, write reports, set the exit code.

Exit codes follow ``diff``: 0 the sources agree, 1 they differ, 2 an error.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

import click

from . import (
    DEFAULT_MAX_CHARS,
    DEFAULT_MAX_PAGES,
    DEFAULT_THRESHOLD,
    FORMATS,
    MAX_SOURCES,
    MIN_SOURCES,
    SCRIPTS,
    AlignerError,
    OutputError,
    __version__,
    check_output_path,
    choose_for_files,
    codec_name,
    collector,
    compare,
    compare_many,
    render_json,
    render_many_json,
    run_batch,
    same_file,
    write_reports,
)

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


def _default_output(paths: tuple[str, ...]) -> str:
    first, second = Path(paths[0]).stem, Path(paths[1]).stem
    return f"{first}-vs-{second}.html" if len(paths) == 2 else f"{first}-and-{len(paths) - 1}-more.html"


def _fail(message: str) -> None:
    """Print one error line and stop with exit status 2."""
    click.echo(f"align: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


class _OneLineErrors(click.Command):
    """A command whose usage errors are one line, like every other error of ``align``.

    Click would print the usage block first; a bad option value is an error like
    a missing file, so it gets the same ``align: error: ...`` line and exit 2.
    """

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as err:
            _fail(f"{err.format_message()} (see align --help)")


# Option checks run while parsing, before any file is read.
def _check_threshold(ctx, param, value: float) -> float:
    if not 0.0 < value <= 1.0:  # also refuses nan
        raise click.BadParameter(f"{value} is outside 0..1 (more than 0, at most 1): try 0.5")
    return value


def _check_encoding(ctx, param, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return codec_name(value)
    except AlignerError as err:
        raise click.BadParameter(str(err)) from None


def _check_no_html(output: str | None, json_path: str | None, open_report: bool) -> None:
    """Refuse --no-html with options that need the HTML report, or with nothing left to write."""
    if not json_path:
        _fail("--no-html leaves nothing to write: add --json PATH (or --json - for standard output)")
    for given, name in ((output, "-o/--output"), (open_report, "--open")):
        if given:
            _fail(f"--no-html and {name} contradict each other: drop one of them")


def _check_outputs(output: str | None, json_path: str | None, inputs: tuple[str, str]) -> None:
    """Refuse, before any work, report paths that are inputs, the same file twice or unwritable."""
    if output:
        check_output_path(output, inputs)
    if json_path:
        if output and same_file(json_path, output):
            raise OutputError(f"{json_path}: is also the HTML report (-o); give the JSON report another name")
        check_output_path(json_path, inputs)


def _counts(report, many: bool) -> str:
    """The one-line summary printed after the reports are written."""
    s = report.summary
    if many:
        only = ", ".join(f"{source} {count}" for source, count in s["only"].items())
        return (f"{s['sources']} sources, {s['groups']} statements ({s['in_all']} in all), {s['identical']} identical, "
                f"{s['changed']} changed, {s['moved']} moved; only in one source: {only}; "
                f"{s['facts'].get('conflict', 0)} fact conflicts"
                + _later_counts(s["facts"].get("update", 0), s["facts"].get("rounding", 0)))
    return (f"{s['identical']} identical, {s['changed']} changed, {s['moved']} moved, "
            f"{s['only_a']} only in A, {s['only_b']} only in B, {s['facts_conflict']} fact conflicts"
            + _later_counts(s.get("facts_update", 0), s.get("facts_rounding", 0)))


def _later_counts(updates: int, roundings: int) -> str:
    """", 2 updates, 1 rounding" for the differences that are no conflict (nothing when none)."""
    return "".join(f", {n} {word}{'s' if n != 1 else ''}" for n, word in ((updates, "update"), (roundings, "rounding"))
                   if n)


def _stop(progress: "_Progress", debug: bool, message: str) -> None:
    """Clear the progress line, show the traceback if asked, print one error line, exit 2."""
    progress.close()
    if debug:
        traceback.print_exc()
    _fail(message)


class _Progress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    WIDTH = 24

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.enabled and total:
            filled = self.WIDTH * done // total
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            click.echo(f"\r{stage:<8} [{bar}] {100 * done // total:3d}%", err=True, nl=False)

    def close(self) -> None:
        if self.enabled:
            click.echo("\r" + " " * (self.WIDTH + 16) + "\r", err=True, nl=False)


@click.command(cls=_OneLineErrors, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("files", metavar="A B [C ...]", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option("-o", "--output", metavar="PATH",
              help="Where to write the HTML report [default: A-vs-B.html in the current folder].")
@click.option("--json", "json_path", metavar="PATH", help="Also write the JSON report to PATH ('-' for standard output).")
@click.option("--no-html", is_flag=True, help="Write no HTML report, only the JSON one (with --json).")
@click.option("--script", type=click.Choice(SCRIPTS), default="simplified", show_default=True,
              help="Common script both sources are converted to for matching.")
@click.option("--threshold", type=float, default=DEFAULT_THRESHOLD, show_default=True, callback=_check_threshold,
              help="Similarity (0..1) below which sentences are not linked.")
@click.option("--keep-boilerplate", is_flag=True, help="Treat site chrome, bylines and banners as content.")
@click.option("--encoding", metavar="CODEC", callback=_check_encoding,
              help="Decode both files with CODEC instead of detecting it.")
@click.option("--max-chars", type=click.IntRange(min=1), default=DEFAULT_MAX_CHARS, show_default=True,
              help="Refuse inputs longer than this many characters.")
@click.option("--format", "file_format", type=click.Choice(tuple(FORMATS)),
              help="Read both files as this format instead of telling it from their content.")
@click.option("--max-pages", type=click.IntRange(min=1), default=DEFAULT_MAX_PAGES, show_default=True,
              help="Refuse PDFs with more pages than this.")
@click.option("--schema", "schema", type=click.Choice(["1", "2"]), default="1", show_default=True,
              help="JSON schema for two sources: 1 (pair report) or 2 (the N-source report); 3+ sources write 2.")
@click.option("--open", "open_report", is_flag=True, help="Open the HTML report in a browser.")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error (for bug reports).")
@click.version_option(__version__, "--version", prog_name="align")
def main(files, output, json_path, no_html, script, threshold, keep_boilerplate, encoding, max_chars,
         file_format, max_pages, schema, open_report, debug):
    """Compare reports of the same story and write an HTML (and JSON) report.

    A, B (and up to 18 more) are text files, web pages or PDFs (told apart by
    their content), in any script (Traditional or Simplified Chinese, or other
    languages) and a common encoding (UTF-8/16, GB18030, Big5).  Three or more
    sources give one report of who says what (JSON schema /2).
    """
    if not MIN_SOURCES <= len(files) <= MAX_SOURCES:
        _fail(f"{len(files)} file{'s' if len(files) != 1 else ''} given: "
              f"compare {MIN_SOURCES} to {MAX_SOURCES} (see align --help)")
    with collector.paused():  # restored for whoever calls the command in-process (tests)
        _run(files, schema == "2" or len(files) > 2, output, json_path, no_html, open_report, debug,
             dict(script=script, threshold=threshold, keep_boilerplate=keep_boilerplate,
                  encoding=encoding, max_chars=max_chars, format=file_format, max_pages=max_pages))


def _run(files: tuple[str, ...], many: bool, output: str | None, json_path: str | None, no_html: bool,
         open_report: bool, debug: bool, options: dict) -> None:
    """Compare, write the reports, print the summary and exit with the status of ``diff``."""
    if no_html:
        _check_no_html(output, json_path, open_report)
    else:
        output = output or _default_output(files)
    json_to_stdout = json_path == "-"
    progress = _Progress()
    try:
        _check_outputs(output, None if json_to_stdout else json_path, files)
        runner = choose_for_files(*files)
        if many:
            report = compare_many(files, progress=progress, runner=runner, **options)
        else:
            report = compare(*files, progress=progress, runner=runner, **options)
        progress("render", 0, 1)
        # Rendered before anything is written: a failure leaves every earlier report as it was.
        json_text = (render_many_json(report) if many else render_json(report)) if json_to_stdout else None
        write_reports(report, output, None if json_to_stdout else json_path, runner=runner)
        progress.close()
        if json_to_stdout:
            click.echo(json_text, nl=False)
    except AlignerError as err:
        _stop(progress, debug, str(err))
    except KeyboardInterrupt:
        _stop(progress, False, "interrupted; no report written")
    except BrokenPipeError:  # `align a b --json - | head`: the reader left, nothing to say
        # Point stdout at /dev/null so that flushing it at exit does not complain again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_ERROR)
    except MemoryError:
        _stop(progress, debug, "ran out of memory; compare shorter texts or lower --max-chars")
    except Exception as err:  # a bug: still one line, unless asked for the traceback
        _stop(progress, debug, f"internal error: {type(err).__name__}: {err} (run with --debug and report it)")
    written = [path for path in (output, json_path) if path and path != "-"]
    click.echo(f"wrote {' and '.join(written) or 'the JSON report'}: {_counts(report, many)}", err=json_path == "-")
    if open_report:
        import webbrowser  # only here: it is slow to import and rarely wanted

        webbrowser.open(Path(output).resolve().as_uri())
    sys.exit(EXIT_SAME if report.agree else EXIT_DIFFERENT)


def _days(ctx, param, value: str) -> int:
    """``3d``, ``3`` or ``72h`` → whole days (hours rounded up)."""
    text = value.strip().lower()
    try:
        if text.endswith("h"):
            return -(-int(text[:-1]) // 24)
        return int(text[:-1] if text.endswith("d") else text)
    except ValueError:
        raise click.BadParameter(f"{value!r}: give days as 3d (or hours as 72h)") from None


class _Bar:
    """Progress of a batch: a tqdm bar per stage on a terminal, nothing elsewhere."""

    def __init__(self) -> None:
        self.enabled, self.bar, self.stage = sys.stderr.isatty(), None, None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if stage != self.stage:
            from tqdm import tqdm

            self.close()
            unit = "articles" if stage == "read" else "stories"
            self.bar, self.stage = tqdm(total=total, desc=stage, unit=f" {unit}", leave=False), stage
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


@click.command(cls=_OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("source", metavar="INPUT", type=click.Path())
@click.option("-o", "--output", "outdir", metavar="OUTDIR", required=True,
              help="Folder for the story reports, index.html, index.jsonl and errors.jsonl.")
@click.option("--window", default="3d", show_default=True, callback=_days,
              help="Longest time between the articles of one story (3d, 72h).")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes of the local cluster [default: cores].")
@click.option("--scheduler", metavar="ADDRESS", help="Use a running Dask cluster (tcp://host:8786) instead.")
@click.option("--script", type=click.Choice(SCRIPTS), default="simplified", show_default=True,
              help="Common script both sources are converted to for matching.")
@click.option("--threshold", type=float, default=DEFAULT_THRESHOLD, show_default=True, callback=_check_threshold,
              help="Similarity (0..1) below which sentences are not linked.")
@click.option("--max-chars", type=click.IntRange(min=1), default=DEFAULT_MAX_CHARS, show_default=True,
              help="Refuse inputs longer than this many characters.")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error (for bug reports).")
def batch(source, outdir, window, workers, scheduler, script, threshold, max_chars, debug):
    """Group a feed of articles into stories and compare each story.

    INPUT is a folder (searched for .txt, .html and .pdf files) or a manifest (.csv or .jsonl
    with path, outlet and date).  Exit status: 0 every story agrees, 1 some
    story differs or some input could not be read, 2 error.
    """
    bar = _Bar()
    try:
        result = run_batch(source, outdir, window_days=window, workers=workers, scheduler=scheduler,
                           options={"script": script, "threshold": threshold, "max_chars": max_chars},
                           progress=bar, on_dashboard=lambda link: click.echo(f"dashboard: {link}", err=True))
    except AlignerError as err:
        bar.close()
        if debug:
            traceback.print_exc()
        _fail(str(err))
    except KeyboardInterrupt:
        bar.close()
        _fail("interrupted; the reports written so far are complete, run again to go on")
    bar.close()
    click.echo(f"wrote {outdir}/index.html: {result.stories} stories ({result.reused} unchanged since the last run), "
               f"{result.singletons} single articles, {result.errors} errors")
    differ = result.errors or any(not row.get("agree", False) for row in result.rows)
    sys.exit(EXIT_DIFFERENT if differ else EXIT_SAME)


def entry() -> None:
    """The ``align`` command: ``align batch ...`` for a feed, else ``align A B ...``."""
    if sys.argv[1:2] == ["batch"]:
        batch(args=sys.argv[2:], prog_name="align batch")  # Dask's exit handlers must run
        return
    try:
        main()
    except SystemExit as done:
        _leave(done.code)


def _leave(code: int | str | None) -> None:
    """End the process with ``code`` as ``sys.exit`` would, without tearing down its objects
    (a message for a code, which this command never gives, is printed and exits 2: an error).

    The reports are written and closed by now; freeing the comparison's millions of
    objects one by one at exit is work nobody waits for but the shell.
    """
    if isinstance(code, str):
        click.echo(code, err=True)
        code = EXIT_ERROR
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a reader that left (a broken pipe): nothing more can be said
        code = code or EXIT_ERROR
    os._exit(code or 0)
