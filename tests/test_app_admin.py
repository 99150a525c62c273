# ruff: noqa: F811  (pytest fixtures imported from app_support are redefined as parameters)
"""AppTest: the admin pages — Import (upload, progress, rejected rows), Topics admin, Settings in effect."""

from __future__ import annotations

from app_support import clean_streamlit, demo_db, demo_template, media, new_app, open_page, texts  # noqa: F401

CSV = (
    b"text,created_at,agent_id,channel,kind,product\n"
    b"Customer asks for a paperless bill option,2026-11-02T10:00:00,a.one,phone,need,Mobile\n"
    b"Wants eSIM on the new phone,2026-11-03T11:00:00,a.two,chat,need,Mobile\n"
    b",2026-11-03T12:00:00,a.three,phone,need,Mobile\n"
    b"Loves the new app,not a date,a.four,carrier pigeon,praise,App\n"
)


def _upload(at, dry_run: bool = False):
    at.get("file_uploader")[0].set_value(("notes.csv", CSV, "text/csv"))
    if dry_run:
        at.checkbox[0].check()
    return _import(at)


def _import(at):
    """Press Import and wait for the background job, as a person waits for the bar; the page then shows it."""
    from ui import importing, jobs

    next(b for b in at.button if b.label == "Import").click()
    at = at.run()
    session = at.session_state["_mem_import-session"]
    job = jobs.registry().get(f"{importing.IMPORT_JOB}-{session}")
    assert job is not None and not job.wait(300).running
    return at.run()


def test_import_reports_rows_and_offers_rejected_rows(demo_db, media) -> None:
    at = open_page(new_app("admin"), "import_notes")
    at = _upload(at)
    assert not at.exception, [e.message for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Rows read"] == "4"
    assert metrics["Imported"] == "2"
    assert metrics["Rejected"] == "2"
    problems = at.dataframe[0].value
    assert set(problems["Row"]) == {3, 4}
    rejected = media(at.download_button(key="import-rejected")).decode("utf-8-sig")
    assert "carrier pigeon" in rejected


def test_import_dry_run_saves_nothing(demo_db) -> None:
    at = open_page(new_app("admin"), "import_notes")
    at = _upload(at, dry_run=True)
    assert {m.label: m.value for m in at.metric}["Would import"] == "2"
    at = open_page(at, "explore")
    at.text_input(key="explore-q").set_value("paperless bill option").run()
    assert "paperless" not in " ".join(at.dataframe[0].value["Note"]).lower()


def test_an_import_is_listed_and_can_be_undone_from_the_page(demo_db) -> None:
    at = open_page(new_app("admin"), "import_notes")
    at = _upload(at)
    ledger = at.dataframe[-1].value
    row = ledger.iloc[0]
    assert (row["Name"], row["Status"], row["Stored"]) == ("notes.csv", "complete", 2)
    at.checkbox(key="undo-sure").check()
    next(b for b in at.button if b.label == "Undo import").click()
    at = at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("removed 2 notes" in s.value for s in at.success)
    assert at.dataframe[-1].value.iloc[0]["Status"] == "undone"
    at = open_page(at, "explore")
    at.text_input(key="explore-q").set_value("paperless bill option").run()
    assert "paperless" not in " ".join(at.dataframe[0].value["Note"]).lower()


def test_ambiguous_dates_are_refused_until_the_order_is_chosen(demo_db) -> None:
    ambiguous = b"text,date\nCustomer wants a paper bill again,03/04/2025\nAsks for eSIM support,05/06/2025\n"
    at = open_page(new_app("admin"), "import_notes")
    at.get("file_uploader")[0].set_value(("uk.csv", ambiguous, "text/csv"))
    at = _import(at)
    assert not at.exception
    (error,) = at.error
    shown = error.value.replace("\\", "")  # the page escapes Markdown
    assert "Ambiguous dates" in shown and "--date-format" in shown
    at.selectbox(key="import-date-format").select("Day first (03/04/2025 is 3 April)")
    at = _import(at)
    assert not at.error
    assert {m.label: m.value for m in at.metric}["Imported"] == "2"
    assert any("day first" in i.value for i in at.info)


def test_a_damaged_workbook_is_one_clear_message_on_the_page(demo_db) -> None:
    at = open_page(new_app("admin"), "import_notes")
    at.get("file_uploader")[0].set_value(("book.xlsx", b"PK\x03\x04 not really a zip", "application/octet-stream"))
    at = _import(at)
    assert not at.exception
    (error,) = at.error
    assert "Cannot read workbook" in error.value.replace("\\", "")


def test_import_without_file_warns(demo_db) -> None:
    at = open_page(new_app("admin"), "import_notes")
    next(b for b in at.button if b.label == "Import").click()
    at.run()
    assert "Choose a file first." in [w.value for w in at.warning]


def test_settings_page_lists_every_setting(demo_db) -> None:
    from insight.settings import setting_help

    at = open_page(new_app("admin"), "settings")
    frame = at.table[0].value  # a static table: long values (paths) wrap instead of being cut
    assert set(frame["Setting"]) == set(setting_help())
    assert frame.set_index("Setting").loc["embedding_model", "From"] == "environment"
    assert "Demo mode" in texts(at)


def test_topics_admin_refits_in_the_background(demo_db) -> None:
    from ui import jobs, refit

    at = open_page(new_app("admin"), "topics_admin")
    assert at.title[0].value == "Topics admin"
    assert len(at.dataframe[0].value) == 1  # the fixture run
    next(b for b in at.button if b.label == "Refit now").click()
    at.run()
    job = jobs.registry().get(refit.REFIT_JOB)
    assert job is not None
    assert job.wait(300).error is None
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Last refit" in texts(at)
    runs = at.dataframe[0].value
    assert len(runs) == 2 and runs["Current"].tolist().count(True) == 1
    # A second press while one runs never starts two: the registry hands back the running job.
    first, started = refit.start_refit(*_store_and_settings())
    second, again = refit.start_refit(*_store_and_settings())
    assert started and not again and first is second
    first.wait(300)


def _store_and_settings():
    from ui import resources

    return resources.get_store(), resources.get_settings()


def test_deliveries_page_shows_channels_deliveries_failures_and_tokens(demo_db, monkeypatch) -> None:
    from datetime import datetime

    from insight.delivery import deliver
    from insight.delivery.channels import SendResult
    from insight.settings import load_settings
    from insight.store import Store
    from insight.store.gate import release_all
    from insight.tokens import create_token

    path, _ = demo_db
    monkeypatch.setenv("EARSHOT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("EARSHOT_DELIVERY_EMAIL_TO", "lead@example.com")
    store = Store(path)
    secret = create_token(store, "zendesk", "ingest").secret
    settings = load_settings(db=path)
    deliver(
        store,
        settings,
        now=datetime(2026, 11, 30, 8, 0),
        sender=lambda channel, title, body: SendResult(False, "SMTP said: 554 relay denied"),
    )
    release_all()

    at = open_page(new_app("admin"), "deliveries")
    page = texts(at).replace("\\", "")  # captions are Markdown-escaped
    assert "failed and will be retried" in page
    assert "to lead@example.com" in page and "Not configured — set `EARSHOT_DELIVERY_SLACK_WEBHOOK`" in page
    deliveries = at.dataframe[0].value
    assert set(deliveries["Status"]) == {"🔁 retrying"}
    assert set(deliveries["Error"]) == {"SMTP said: 554 relay denied"}
    tokens = at.dataframe[1].value
    assert list(tokens["Name"]) == ["zendesk"] and secret not in tokens.to_string()


def test_settings_page_masks_secrets(demo_db, monkeypatch) -> None:
    monkeypatch.setenv("EARSHOT_ZENDESK_WEBHOOK_SECRET", "s3cret-value")
    at = open_page(new_app("admin"), "settings")
    frame = at.table[0].value  # a static table: long values (paths) wrap instead of being cut
    row = frame[frame["Setting"] == "zendesk_webhook_secret"].iloc[0]
    assert row["Value"] == "•••• (set)" and "s3cret-value" not in frame.to_string()


def test_an_import_goes_on_while_the_admin_opens_another_page(demo_db) -> None:
    """The import runs in a background job of the session's own: leaving the page (which stops the page's
    script) no longer stops it halfway, and its report waits on the page."""
    from ui import importing, jobs

    at = open_page(new_app("admin"), "import_notes")
    at.get("file_uploader")[0].set_value(("notes.csv", CSV, "text/csv"))
    next(b for b in at.button if b.label == "Import").click()
    at = at.run()
    session = at.session_state["_mem_import-session"]
    at = open_page(at, "explore")  # away while it runs
    job = jobs.registry().get(f"{importing.IMPORT_JOB}-{session}")
    assert job is not None and job.wait(300).error is None
    at = open_page(at, "import_notes").run()
    assert not at.exception, [e.message for e in at.exception]
    assert {m.label: m.value for m in at.metric}["Imported"] == "2"
    assert at.dataframe[-1].value.iloc[0]["Status"] == "complete"
