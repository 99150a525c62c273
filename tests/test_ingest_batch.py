"""ingest.batch.save_notes: the API's entry into the ingest service, one result per note."""

from __future__ import annotations

from ingest.batch import save_notes
from ingest.redaction import Redaction
from insight.errors import RedactionError
from insight.privacy import CleanText


class PickyRedactor:
    """Redacts like the real one would for these texts, and gives up on one (as a timed-out redactor does)."""

    def redact(self, text: str) -> Redaction:
        if "GIVE UP" in text:
            raise RedactionError("Could not redact this note in time; shorten it and send it again.")
        clean = CleanText(text.replace("555-0100", "<PHONE>"))  # a redactor's output is what the store accepts
        return Redaction(clean, ("PHONE",) if "555-0100" in text else ())


def test_one_unredactable_note_is_rejected_and_the_rest_are_stored(store, settings, fake_embedder):
    result = save_notes(
        store,
        [
            {"text": "call back on 555-0100 about the refund"},
            {"text": "GIVE UP on this one"},
            {"text": "wants a paper invoice", "external_id": "x1"},
            {"text": "wants a paper invoice", "external_id": "x1"},
        ],
        embedder=fake_embedder,
        redactor=PickyRedactor(),
        settings=settings,
    )
    assert [r.status for r in result.items] == ["created", "rejected", "created", "duplicate"]
    assert result.items[0].redactions == ("PHONE",)
    assert result.items[1].problems[0].message.startswith("Could not redact")
    assert result.items[3].note_id == result.items[2].note_id
    with store.read() as con:
        texts = [r[0] for r in con.execute("SELECT text FROM notes ORDER BY id").fetchall()]
    assert texts == ["call back on <PHONE> about the refund", "wants a paper invoice"]
