# ruff: noqa: F811  (pytest fixtures imported from app_support are redefined as parameters)
"""Pages fail with one clear message, never a traceback: a damaged database, an unexpected error."""

from __future__ import annotations

from app_support import clean_streamlit, demo_db, demo_template, new_app  # noqa: F401


def _errors(at) -> list[str]:
    return [e.value.replace("\\", "") for e in at.error]


def test_a_damaged_database_is_one_message_on_every_page(demo_db) -> None:
    path, _ = demo_db
    data = bytearray(path.read_bytes())
    path.write_bytes(bytes(data[: len(data) // 3]))  # truncated
    at = new_app("admin")
    at.run()
    assert not at.exception, ["\n".join(e.stack_trace) for e in at.exception]
    (error,) = _errors(at)
    assert "Cannot open the database" in error and "Restore it from a backup" in error


def test_an_unexpected_error_on_a_page_is_one_message_when_details_are_hidden(demo_db, monkeypatch) -> None:
    from streamlit import config

    def broken(*args, **kwargs):
        raise RuntimeError("boom in the overview")

    monkeypatch.setattr("insight.trend_view.topic_overview", broken)
    config.set_option("client.showErrorDetails", "none")  # as shipped in .streamlit/config.toml
    at = new_app("pm")
    at.run()
    at.switch_page("app_pages/trends.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("Unexpected error" in e and "RuntimeError: boom in the overview" in e for e in _errors(at))
