"""Stage 9, output: reports written to disk atomically, and never over an input."""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from .errors import OutputError
from .many_model import ManyReport
from .model import Report
from .render import common_script_table, render_html, render_json
from .render.many_html import render_many_html
from .render.many_json import render_many_json
from .runner import IN_TURN, Runner

# Temporary files are named after the report, shortened so that the temporary
# name stays within the file system's limit whenever the report's name does.
_TEMP_NAME_CHARS = 40


def same_file(path: str | os.PathLike, other: str | os.PathLike) -> bool:
    """Return True when ``path`` and ``other`` name the same file (links and symlinks followed)."""
    try:
        if os.path.samefile(path, other):
            return True
    except OSError:  # one of them does not exist (yet)
        pass
    return Path(path).resolve() == Path(other).resolve()


def check_output_path(path: str | os.PathLike, inputs: Iterable[str | os.PathLike]) -> None:
    """Raise :class:`OutputError` if ``path`` is an input file or cannot be written.

    Run before any work, so that a long comparison does not end in a refusal.
    Writability is checked by creating (and removing) a temporary file beside the
    target, which also catches read-only file systems, where permission bits lie.
    """
    target = Path(path)
    for source in inputs:
        if same_file(target, source):
            raise OutputError(f"{path}: is one of the inputs; refusing to overwrite it")
    folder = target.parent
    folder_mode = _mode(folder, path)
    if folder_mode is None:
        raise OutputError(f"{path}: folder {folder} does not exist")
    if not stat.S_ISDIR(folder_mode):
        raise OutputError(f"{path}: {folder} is a file, not a folder")
    _check_name_length(target, folder)
    target_mode = _mode(target, path)
    if target_mode is not None and stat.S_ISDIR(target_mode):
        raise OutputError(f"{path}: is a directory; give a file name for the report")
    try:
        fd, probe = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".tmp", dir=folder)
    except OSError as err:
        raise OutputError(f"{path}: cannot write in {folder} ({err.strerror or err})") from None
    os.close(fd)
    os.unlink(probe)


def write_atomically(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` through a temporary file and a rename.

    An interrupted run leaves either the old file or the new one, never half a
    file and no temporary file.  Raises :class:`OutputError` when it cannot write.
    """
    with _temporary_beside(path) as temporary:
        _write(temporary, text, path)
        _move_into_place(temporary, path)


def write_reports(report: Report | ManyReport, html_path: str | os.PathLike | None,
                  json_path: str | os.PathLike | None, *, runner: Runner = IN_TURN) -> None:
    """Render ``report`` and write the HTML report to ``html_path`` and the JSON one to
    ``json_path`` (either may be None): both or neither.  A report of several
    sources (:class:`~aligner.many_model.ManyReport`) is written as schema /2.

    Both are rendered and on disk under temporary names before either is renamed
    into place, so a failure leaves every earlier report as it was.  The JSON
    report and side b's common-script table are submitted to ``runner`` while
    the HTML page is rendered here.
    Raises :class:`OutputError` when a report cannot be written.
    """
    renderers = (_render_data, _render_page) if isinstance(report, Report) else (_render_many_data, _render_many_page)
    targets = [(path, render) for path, render in zip((json_path, html_path), renderers) if path]
    if not targets:
        return
    with ExitStack() as stack:
        jobs = [(stack.enter_context(_temporary_beside(path)), (path, render)) for path, render in targets]
        first, *rest = jobs
        # The JSON report is rendered and written meanwhile; so is side b's table for the page.
        with (runner if rest else IN_TURN).submit(_render_into, *first, report, runner) as first_written:
            for job in rest:
                _render_into(*job, report, runner)
            first_written.result()
        for temporary, (path, _) in jobs:
            _move_into_place(temporary, path)


def _render_data(report: Report, runner: Runner) -> str:
    return render_json(report)


def _render_many_data(report: ManyReport, runner: Runner) -> str:
    return render_many_json(report)


def _render_many_page(report: ManyReport, runner: Runner) -> str:
    return render_many_html(report)


def _render_page(report: Report, runner: Runner) -> str:
    with runner.submit(common_script_table, report, "b") as table_b:
        tables = {"a": common_script_table(report, "a")}
        tables["b"] = table_b.result()
        return render_html(report, common_script_tables=tables)


def _render_into(temporary: str, target: tuple, report: Report, runner: Runner) -> None:
    path, render = target
    _write(temporary, render(report, runner), path)


@contextmanager
def _temporary_beside(path: str | os.PathLike) -> Iterator[str]:
    """Create an empty temporary file beside ``path``; yield its name; remove it if it is still there."""
    target = Path(path)
    try:
        fd, temporary = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".tmp", dir=target.parent)
    except OSError as err:
        raise OutputError(f"{path}: cannot be written ({err.strerror or err})") from None
    os.close(fd)
    try:
        yield temporary
    finally:
        Path(temporary).unlink(missing_ok=True)


def _write(temporary: str, text: str, shown: str | os.PathLike) -> None:
    try:
        with open(temporary, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            # On disk before the rename, so a crash cannot leave a renamed empty file.
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
    except OSError as err:
        raise OutputError(f"{shown}: cannot be written ({err.strerror or err})") from None


def _move_into_place(temporary: str, path: str | os.PathLike) -> None:
    try:
        os.replace(temporary, path)
    except OSError as err:
        raise OutputError(f"{path}: cannot be written ({err.strerror or err})") from None


def _mode(path: Path, shown: str | os.PathLike) -> int | None:
    """Return the file mode of ``path``, None if nothing is there; OutputError if it cannot be looked at."""
    try:
        return path.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as err:
        raise OutputError(f"{shown}: cannot be written ({err.strerror or err})") from None


def _temp_prefix(target: Path) -> str:
    return f".{target.name[:_TEMP_NAME_CHARS]}."


def _check_name_length(target: Path, folder: Path) -> None:
    """Refuse a file name longer than the folder's file system allows."""
    try:
        limit = os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):  # not known on this system
        return
    if len(os.fsencode(target.name)) > limit:
        raise OutputError(f"{target}: file name is longer than {limit} bytes; choose a shorter name")
