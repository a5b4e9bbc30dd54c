"""The pipeline as a whole: options are checked first, and parallel preparation changes nothing."""

import pytest

import aligner
from aligner import pipeline, runner
from aligner.output import write_reports
from aligner.render import html, render_html, render_json
from aligner.runner import FORKED


def test_sides_prepared_in_another_process_give_the_same_report(monkeypatch, traditional, simplified):
    alone = render_json(aligner.compare_texts(traditional, simplified))
    assert render_json(aligner.compare_texts(traditional, simplified, runner=FORKED)) == alone


@pytest.mark.parametrize("options, message", [
    ({"threshold": 0}, "threshold"),
    ({"threshold": 1.5}, "threshold"),
    ({"script": "cyrillic"}, "script"),
])
def test_bad_options_are_refused_before_any_work(options, message):
    with pytest.raises(aligner.OptionError, match=message):
        aligner.compare_texts("甲。", "乙。", **options)


def _written(report, folder, **options):
    write_reports(report, folder / "r.html", folder / "r.json", **options)
    return [(folder / name).read_text(encoding="utf-8") for name in ("r.html", "r.json")]


def test_reports_rendered_in_several_processes_are_the_same(monkeypatch, tmp_path, traditional, simplified):
    report = aligner.compare_texts(traditional, simplified)
    alone = _written(report, tmp_path)
    assert alone == [html.render_html(report), render_json(report)]
    assert _written(report, tmp_path, runner=FORKED) == alone == [render_html(report), render_json(report)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r.json"]  # no temporary left


def test_without_a_second_process_the_work_is_done_here(monkeypatch, tmp_path, traditional, simplified):
    import os

    report = aligner.compare_texts(traditional, simplified)
    expected = [html.render_html(report), render_json(report)]

    def no_fork():
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert _written(report, tmp_path, runner=FORKED) == expected
    assert render_json(aligner.compare_texts(traditional, simplified, runner=FORKED)) == expected[1]


def test_a_report_that_fails_to_render_writes_neither(monkeypatch, tmp_path, traditional, simplified):
    from aligner import output

    report = aligner.compare_texts(traditional, simplified)
    (tmp_path / "r.json").write_text("old", encoding="utf-8")

    def broken(report, **options):
        raise MemoryError

    monkeypatch.setattr(output, "render_html", broken)
    with pytest.raises(MemoryError):
        write_reports(report, tmp_path / "r.html", tmp_path / "r.json", runner=FORKED)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]
    assert (tmp_path / "r.json").read_text(encoding="utf-8") == "old"


def test_errors_of_files_read_in_parallel_name_the_right_file(monkeypatch, tmp_path, traditional):
    good = tmp_path / "good.txt"
    good.write_text(traditional, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    with pytest.raises(aligner.InputError, match="missing.txt"):
        aligner.compare(good, missing, runner=FORKED)
    with pytest.raises(aligner.InputError, match="missing.txt"):
        aligner.compare(missing, tmp_path, runner=FORKED)  # both bad: a's error, as when read in turn
    in_parallel = render_json(aligner.compare(good, good, runner=FORKED))
    assert render_json(aligner.compare(good, good, runner=runner.IN_TURN)) == in_parallel


def test_the_runner_is_chosen_once_from_the_input_size(monkeypatch, tmp_path):
    small = tmp_path / "small.txt"
    small.write_text("甲。" * 10, encoding="utf-8")
    assert runner.choose(10) is runner.IN_TURN and runner.choose_for_files(small, small) is runner.IN_TURN
    assert runner.choose(runner.MIN_CHARS_FOR_A_CHILD) is runner.FORKED
    monkeypatch.setattr(runner, "MIN_CHARS_FOR_A_CHILD", 10)
    assert runner.choose_for_files(small, tmp_path / "missing.txt") is runner.FORKED


def test_a_side_crosses_processes_unchanged(traditional):
    import pickle

    side = pipeline.prepare_side(aligner.compare_texts(traditional, "").sources[0])
    copy = pickle.loads(pickle.dumps(side))
    assert copy.segments == side.segments and copy.source == side.source and copy.info == side.info
    assert copy.view.text == side.view.text and list(copy.view.boundaries()) == list(side.view.boundaries())
    assert all(type(seg.text) is str for seg in copy.segments)
