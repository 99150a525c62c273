"""The README is the front door: every setting and CLI command must be documented there."""

from pathlib import Path

from insight.settings import ENV_PREFIX, setting_help

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme():
    missing = [ENV_PREFIX + name.upper() for name in setting_help() if ENV_PREFIX + name.upper() not in README]
    assert not missing, f"settings missing from README.md: {missing}"


def test_the_two_commands_are_in_the_readme_and_ci_runs_the_test_one():
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "./earshot run" in README
    assert "./earshot test" in README
    assert "./earshot test" in ci
