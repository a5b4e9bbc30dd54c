"""The ``align`` command on hostile and broken input: one-line errors, exit codes, atomic writes, escaping."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import aligner.cli
import aligner.output
from aligner.output import write_atomically
from fuzz.invariants import HOSTILE_MARKUP, check_escaped
from tests.helpers import SAMPLE_SIMPLIFIED, SAMPLE_TRADITIONAL


def assert_one_line_error(result, *phrases):
    """Exit 2, nothing on stdout, and exactly one ``align: error:`` line naming ``phrases``."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("align: error: "), result.stderr
    for phrase in phrases:
        assert phrase in lines[0]
    assert result.stdout == ""


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """An empty working folder (the default report goes to the current folder)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _write(path, data: bytes | str):
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name, content, phrase", [
    ("missing.txt", None, "no such file"),
    ("nul.txt", b"abc\x00def", "binary"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("noise.txt", bytes(range(0x80, 0x100)) * 10, "does not decode"),
])
def test_bad_input_files_give_one_line_and_exit_2(align, folder, name, content, phrase):
    if content is not None:
        _write(folder / name, content)

    result = align(name, SAMPLE_SIMPLIFIED, "-o", "r.html")

    assert_one_line_error(result, name, phrase)
    assert not (folder / "r.html").exists()


def test_a_directory_as_input_is_refused(align, folder):
    assert_one_line_error(align(folder, SAMPLE_SIMPLIFIED, "-o", "r.html"), "is a directory")


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="needs Linux /proc")
def test_an_input_unreadable_even_for_root_is_refused(align, folder):
    assert_one_line_error(align("/proc/self/mem", SAMPLE_SIMPLIFIED, "-o", "r.html"), "cannot be read")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads chmod 000 files")
def test_a_chmod_000_input_is_refused(align, folder):
    path = _write(folder / "secret.txt", "內容。")
    path.chmod(0)
    assert_one_line_error(align(path, SAMPLE_SIMPLIFIED, "-o", "r.html"), "permission denied")


def test_output_that_is_an_input_is_refused_also_through_links(align, folder, simplified):
    a = _write(folder / "a.txt", simplified)
    (folder / "link.html").symlink_to(a)
    os.link(a, folder / "hard.html")

    for args in (["-o", a], ["-o", "link.html"], ["-o", "hard.html"], ["-o", "r.html", "--json", "a.txt"]):
        assert_one_line_error(align(a, SAMPLE_TRADITIONAL, *args), "one of the inputs")
    assert a.read_text(encoding="utf-8") == simplified


@pytest.mark.parametrize("args, phrase", [
    (["-o", "missing-folder/r.html"], "does not exist"),
    (["-o", "a-file.txt/r.html"], "is a file, not a folder"),
    (["-o", "x" * 300 + ".html"], "file name is longer"),
    (["-o", "."], "is a directory"),
    (["-o", "same.out", "--json", "same.out"], "is also the HTML report"),
])
def test_unwritable_output_paths_are_refused_before_any_work(align, folder, monkeypatch, args, phrase):
    _write(folder / "a-file.txt", "x")
    monkeypatch.setattr(aligner.cli, "compare", _must_not_run)

    assert_one_line_error(align(SAMPLE_TRADITIONAL, SAMPLE_SIMPLIFIED, *args), phrase)


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc")
def test_an_output_folder_unwritable_even_for_root_is_refused(align, folder):
    assert_one_line_error(align(SAMPLE_TRADITIONAL, SAMPLE_SIMPLIFIED, "-o", "/proc/self/r.html"), "cannot write")


def _must_not_run(*args, **kwargs):
    raise AssertionError("compare ran although an option or path was bad")


@pytest.mark.parametrize("args, phrase", [
    (["--threshold", "2"], "--threshold"),
    (["--threshold", "-0.1"], "--threshold"),
    (["--threshold", "0"], "--threshold"),
    (["--threshold", "nan"], "--threshold"),
    (["--threshold", "high"], "--threshold"),
    (["--encoding", "klingon"], "unknown encoding 'klingon'"),
    (["--encoding", "base64"], "not a text encoding"),
    (["--max-chars", "0"], "--max-chars"),
    (["--script", "cyrillic"], "--script"),
    (["--no-such-option"], "--no-such-option"),
])
def test_bad_option_values_are_refused_before_reading_anything(align, folder, monkeypatch, args, phrase):
    monkeypatch.setattr(aligner.cli, "compare", _must_not_run)

    # The inputs do not even exist: the option is what must be reported.
    assert_one_line_error(align("missing-a.txt", "missing-b.txt", *args), phrase)


def test_max_chars_names_the_option_to_raise(align, folder):
    assert_one_line_error(align(SAMPLE_TRADITIONAL, SAMPLE_SIMPLIFIED, "--max-chars", "1000"),
                          "too large", "--max-chars")


def test_debug_shows_the_traceback(align, folder):
    result = align("missing.txt", SAMPLE_SIMPLIFIED, "--debug")
    assert result.exit_code == 2
    assert "Traceback" in result.stderr
    assert result.stderr.splitlines()[-1] == "align: error: missing.txt: no such file"


def test_a_bug_is_still_one_line_unless_debug(align, folder, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(aligner.cli, "compare", broken)

    assert_one_line_error(align(SAMPLE_TRADITIONAL, SAMPLE_SIMPLIFIED), "internal error: ValueError: boom", "--debug")
    assert "Traceback" in align(SAMPLE_TRADITIONAL, SAMPLE_SIMPLIFIED, "--debug").stderr


def test_a_real_process_prints_no_traceback():
    # The in-process runner hides how the installed entry point behaves: run it once for real.
    result = subprocess.run([sys.executable, "-m", "aligner", "missing.txt", str(SAMPLE_SIMPLIFIED)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr == "align: error: missing.txt: no such file\n"


def test_a_real_process_flushes_everything_before_it_leaves(tmp_path):
    # The entry point ends the process without tearing it down: what it printed must all be out.
    result = subprocess.run([sys.executable, "-m", "aligner", str(SAMPLE_TRADITIONAL), str(SAMPLE_SIMPLIFIED),
                             "-o", str(tmp_path / "r.html"), "--json", "-"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["links"]
    assert result.stderr.startswith("wrote ") and result.stderr.endswith("\n")
    assert (tmp_path / "r.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_exit_codes_follow_diff(align, folder):
    same = align(SAMPLE_SIMPLIFIED, SAMPLE_SIMPLIFIED, "-o", "same.html")
    different = align(SAMPLE_TRADITIONAL, SAMPLE_SIMPLIFIED, "-o", "diff.html", "--json", "diff.json")

    assert same.exit_code == 0, same.stderr
    assert different.exit_code == 1, different.stderr
    assert (folder / "diff.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert json.loads((folder / "diff.json").read_text(encoding="utf-8"))["schema"] in ("aligner-report/1", "aligner-report/1.1")
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_json_to_standard_output_keeps_the_summary_on_stderr(align, folder):
    result = align(SAMPLE_TRADITIONAL, SAMPLE_SIMPLIFIED, "--json", "-")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["sources"][0]["path"] == str(SAMPLE_TRADITIONAL)
    assert "identical" in result.stderr


def test_no_html_writes_only_the_json(align, folder):
    result = align(SAMPLE_TRADITIONAL, SAMPLE_SIMPLIFIED, "--json", "r.json", "--no-html")
    assert result.exit_code == 1, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["r.json"]
    assert result.stdout.startswith("wrote r.json: ")
    to_stdout = align(SAMPLE_TRADITIONAL, SAMPLE_SIMPLIFIED, "--json", "-", "--no-html")
    assert json.loads(to_stdout.stdout) == json.loads((folder / "r.json").read_text(encoding="utf-8"))
    assert sorted(p.name for p in folder.iterdir()) == ["r.json"]


@pytest.mark.parametrize("args, message", [
    ([], "leaves nothing to write"),
    (["--json", "r.json", "-o", "r.html"], "--no-html and -o/--output contradict"),
    (["--json", "r.json", "--open"], "--no-html and --open contradict"),
])
def test_no_html_refuses_options_that_need_the_html(align, folder, args, message):
    result = align(SAMPLE_TRADITIONAL, SAMPLE_SIMPLIFIED, "--no-html", *args)
    assert result.exit_code == 2 and message in result.stderr and len(result.stderr.splitlines()) == 1
    assert not list(folder.iterdir())


def test_encodings_are_reported_and_offsets_index_each_decoded_file(align, folder, offsets_index_files,
                                                                    big5_traditional, simplified):
    a = _write(folder / "a.txt", big5_traditional.encode("big5"))
    b = _write(folder / "b.txt", b"\xef\xbb\xbf" + simplified.replace("\n", "\r\n").encode("utf-8"))

    result = align(a, b, "-o", "r.html", "--json", "r.json")

    report = offsets_index_files((folder / "r.json").read_text(encoding="utf-8"), (a, b))
    assert [s["encoding"] for s in report["sources"]] == ["big5", "utf-8-sig"]
    html = (folder / "r.html").read_text(encoding="utf-8")
    assert "big5" in html and "utf-8-sig" in html
    assert result.exit_code == 1


def test_invalid_bytes_are_counted_and_located_in_the_json(align, folder, offsets_index_files, simplified):
    data = simplified.encode("gb18030")
    cut = data.index("截至".encode("gb18030"))
    a = _write(folder / "a.txt", data[:cut] + b"\xff" + data[cut:])

    align(a, SAMPLE_SIMPLIFIED, "-o", "r.html", "--json", "r.json")

    report = offsets_index_files((folder / "r.json").read_text(encoding="utf-8"), (a, SAMPLE_SIMPLIFIED),
                                 errors="replace")
    source = report["sources"][0]
    assert source["encoding"] == "gb18030"
    assert source["decode_errors"]["count"] == 1
    offset = source["decode_errors"]["offsets"][0]
    assert simplified[offset:].startswith("截至")  # the U+FFFD stands just before it


def _huge_line(text: str) -> str:
    line = text.replace("\n", "")
    return (line * (300_000 // len(line) + 1))[:300_000]


def _one_long_sentence(text: str) -> str:
    return text.replace("\n", "").replace("。", "，")[:9_999] + "。"


EDGE_CASES = {
    "empty": (lambda t: "", lambda t: t),
    "identical": (lambda t: t, lambda t: t),
    "prefix": (lambda t: t[:t.index("截至")], lambda t: t),
    "no sentence punctuation": (lambda t: "".join(c for c in t if c not in "。！？!?.…"), lambda t: t),
    "one huge line": (_huge_line, lambda t: t),
    "crlf": (lambda t: t.replace("\n", "\r\n"), lambda t: t),
    "cr": (lambda t: t.replace("\n", "\r"), lambda t: t),
    "only latin": (lambda t: "The mayor spoke. Trade rose 5%.\nNew plants opened!\n",
                   lambda t: "The mayor spoke.\nTrade rose 6%. New plants opened!\n"),
    "mixed scripts and emoji": (lambda t: "嘉昆太 🚄 Jiading–Kunshan–Taicang 協同。𠀋𡈽 العربية 😀。\n" + t[:300],
                                lambda t: "嘉昆太 🚄 Jiading–Kunshan–Taicang 协同。😀\n" + t[:300]),
    "10,000-character sentence": (_one_long_sentence, lambda t: t[:12_000]),
}


@pytest.mark.parametrize("case", list(EDGE_CASES))
def test_edge_cases_work_end_to_end(align, folder, offsets_index_files, simplified, case):
    make_a, make_b = EDGE_CASES[case]
    a, b = _write(folder / "a.txt", make_a(simplified)), _write(folder / "b.txt", make_b(simplified))

    result = align(a, b, "-o", "r.html", "--json", "r.json")

    assert result.exit_code in (0, 1), result.stderr
    report = offsets_index_files((folder / "r.json").read_text(encoding="utf-8"), (a, b))
    if case == "empty":
        assert report["links"] == [] and report["segments"]["a"] == []
        content_b = [s["id"] for s in report["segments"]["b"] if s["kind"] != "boilerplate"]
        assert report["only"]["b"] == content_b and content_b
    if case == "identical":
        assert result.exit_code == 0
    if case == "prefix":
        assert report["only"]["a"] == [] and report["only"]["b"]


def test_old_mac_newlines_compare_like_unix_ones(align, folder, simplified):
    a = _write(folder / "a.txt", simplified.replace("\n", "\r"))
    assert align(a, SAMPLE_SIMPLIFIED, "-o", "r.html").exit_code == 0


def test_crlf_and_lf_versions_of_a_text_agree(align, folder, simplified):
    a = _write(folder / "a.txt", simplified.replace("\n", "\r\n"))
    assert align(a, SAMPLE_SIMPLIFIED, "-o", "r.html").exit_code == 0


def _files(folder):
    return sorted((p.name, p.read_bytes()) for p in folder.iterdir())


def test_a_render_failure_leaves_earlier_reports_untouched_and_no_temp_file(align, folder, monkeypatch):
    _write(folder / "r.html", "OLD HTML")
    _write(folder / "r.json", "OLD JSON")
    before = _files(folder)

    def half_rendered(report):
        raise RuntimeError("renderer died half-way")

    monkeypatch.setattr(aligner.output, "render_json", half_rendered)
    result = align(SAMPLE_TRADITIONAL, SAMPLE_SIMPLIFIED, "-o", "r.html", "--json", "r.json")

    assert result.exit_code == 2
    assert _files(folder) == before


def test_an_interrupted_write_leaves_the_old_file_and_no_temp_file(folder):
    target = _write(folder / "r.html", "OLD")
    # A lone surrogate cannot be encoded: the write fails after part of the text went out.
    with pytest.raises(UnicodeEncodeError):
        write_atomically(target, "<p>正文</p>" * 10_000 + "\ud800")
    assert _files(folder) == [("r.html", b"OLD")]


def test_a_failed_rename_is_an_output_error_and_leaves_no_temp_file(folder, monkeypatch):
    target = _write(folder / "r.html", "OLD")

    def no_rename(src, dst):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(aligner.output.os, "replace", no_rename)
    with pytest.raises(aligner.OutputError, match="cannot be written"):
        write_atomically(target, "NEW")
    assert _files(folder) == [("r.html", b"OLD")]


def test_interrupting_the_comparison_writes_nothing(align, folder, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(aligner.cli, "compare", interrupted)
    assert_one_line_error(align(SAMPLE_TRADITIONAL, SAMPLE_SIMPLIFIED, "-o", "r.html"), "interrupted")
    assert _files(folder) == []


def test_hostile_text_and_file_names_are_escaped_in_html(align, folder, simplified):
    hostile = "\n".join(HOSTILE_MARKUP) + "\n{{ 7*7 }} {% if true %}x{% endif %}\n"
    a = _write(folder / '<img src=x onerror=alert(1)>.txt', hostile + simplified[:500])
    b = _write(folder / 'x"\'&y.txt', simplified[:500] + "\n" + hostile)

    # A file that starts with a tag is sniffed as a web page (as browsers do): read both as text.
    result = align(a.name, b.name, "-o", "r.html", "--json", "r.json", "--format", "text")

    assert result.exit_code == 1, result.stderr
    html = (folder / "r.html").read_text(encoding="utf-8")
    check_escaped(html)
    assert "{{ 7*7 }}" in html  # shown as text, never evaluated
    # JSON is data, not markup: the inputs are there verbatim.
    report = json.loads((folder / "r.json").read_text(encoding="utf-8"))
    texts = "".join(s["text"] for side in "ab" for s in report["segments"][side])
    assert all(payload in texts for payload in HOSTILE_MARKUP)
    assert report["sources"][0]["path"] == a.name


def test_the_same_inputs_give_byte_identical_reports_whatever_the_hash_seed(folder):
    # Separate processes with different string hashing: set or dict order must not leak into reports.
    for seed in ("1", "2"):
        subprocess.run([sys.executable, "-m", "aligner", str(SAMPLE_TRADITIONAL), str(SAMPLE_SIMPLIFIED),
                        "-o", f"r{seed}.html", "--json", f"r{seed}.json"],
                       env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, timeout=120, check=False)
    assert (folder / "r1.json").read_bytes() == (folder / "r2.json").read_bytes()
    assert (folder / "r1.html").read_bytes() == (folder / "r2.html").read_bytes()


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes in names")
def test_a_file_name_that_is_not_utf8_is_shown_with_a_replacement_character(align, folder):
    name = os.fsdecode(b"report-\xff.txt")
    _write(folder / name, "內容。")

    result = align(name, SAMPLE_SIMPLIFIED, "-o", "r.html", "--json", "r.json")

    assert result.exit_code == 1, result.stderr
    assert json.loads((folder / "r.json").read_text(encoding="utf-8"))["sources"][0]["path"] == "report-\ufffd.txt"


def test_the_summary_line_counts_updates_apart_from_conflicts(align, tmp_path):
    said = "消防处表示，截至{}，大火已造成{}人受伤。当局正在调查起火原因。\n"
    (tmp_path / "a.txt").write_text(said.format("下午3时", 12), encoding="utf-8")
    (tmp_path / "b.txt").write_text(said.format("晚上9时", 15), encoding="utf-8")
    result = align(tmp_path / "a.txt", tmp_path / "b.txt", "-o", tmp_path / "r.html")
    assert result.exit_code == 1  # a later count is a difference, though no conflict
    assert "0 fact conflicts, 1 update" in result.output
