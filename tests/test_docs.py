"""The README documents the command: every option has help text and a row in the README,
and the set-up and test commands the README gives are the ones CI runs."""

import re

import pytest

from aligner.cli import batch, main
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
TEST_COMMAND = re.search(r"Run the tests:\s*```sh\n(.+?)\n```", README, re.S).group(1).strip()


@pytest.mark.parametrize("option", [p for command in (main, batch) for p in command.params
                                    if p.param_type_name == "option"],
                         ids=lambda p: p.name)
def test_every_option_has_help_and_is_in_the_readme(option):
    assert option.help, f"{option.opts} has no help text"
    assert any(f"`{name}" in README or f" {name}" in README for name in option.opts), \
        f"{option.opts} is not in README.md"


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.rstrip().splitlines()[-1].strip() == TEST_COMMAND


def test_the_test_command_lints_and_runs_the_slow_tests_that_plain_pytest_leaves_out(pytestconfig):
    assert TEST_COMMAND.startswith(".venv/bin/ruff check . && ")
    assert TEST_COMMAND.endswith(' -m "slow or not slow"')
    addopts = pytestconfig.getini("addopts")
    assert addopts[addopts.index("-m") + 1] == "not slow"


def test_the_readme_set_up_writes_the_example_reports():
    setup = re.search(r"## Set-up.*?```sh\n(.+?)\n```", README, re.S).group(1)
    assert "pip install -e \".[test]\"" in setup
    assert "-o reports/samples.html --json reports/samples.json" in setup
