from pathlib import Path

import pytest

from insight.errors import EarshotError
from insight.settings import PROJECT_ROOT, Settings, load_settings, setting_help


def test_defaults_point_at_the_embedded_database():
    settings = load_settings(environ={})
    assert settings.db == PROJECT_ROOT / "data" / "earshot.duckdb"
    assert settings.embedding_model == "packaged:all-MiniLM-L6-v2"


def test_environment_overrides_with_types():
    settings = load_settings(
        environ={
            "EARSHOT_DB": "/tmp/x.duckdb",
            "EARSHOT_NOTE_MAX_CHARS": "100",
            "EARSHOT_SPIKE_Z": "2.5",
            "PATH": "/bin",
        }
    )
    assert settings.db == Path("/tmp/x.duckdb")
    assert settings.note_max_chars == 100
    assert settings.spike_z == 2.5


def test_explicit_overrides_win_and_none_is_ignored():
    settings = load_settings(environ={"EARSHOT_DB": "/tmp/env.duckdb"}, db="/tmp/flag.duckdb", note_min_chars=None)
    assert settings.db == Path("/tmp/flag.duckdb")
    assert settings.note_min_chars == Settings().note_min_chars


def test_unknown_environment_setting_is_rejected_with_the_known_names():
    with pytest.raises(EarshotError) as info:
        load_settings(environ={"EARSHOT_DATABASE": "x"})
    assert "EARSHOT_DATABASE" in info.value.message
    assert "EARSHOT_DB" in info.value.message


def test_wrong_type_says_which_variable():
    with pytest.raises(EarshotError, match="EARSHOT_NOTE_MAX_CHARS"):
        load_settings(environ={"EARSHOT_NOTE_MAX_CHARS": "lots"})


def test_settings_are_frozen_and_replace_rejects_unknown_names():
    settings = load_settings(environ={})
    with pytest.raises(AttributeError):
        settings.db = Path("x")  # type: ignore[misc]
    assert settings.replace(note_max_chars=10).note_max_chars == 10
    with pytest.raises(EarshotError):
        settings.replace(nope=1)


def test_every_setting_has_help():
    assert all(text.strip() for text in setting_help().values())
