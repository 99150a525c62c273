"""The Log-a-note form's path: ingest.service.save_note with the fields the page sends (app_pages/log_note.py).

Run from /work/main with EARSHOT_DB pointing at the attack database; writes plants_log.json.
"""

from __future__ import annotations

import json
from pathlib import Path

from ingest.redaction import default_redactor, keep_terms_from
from ingest.service import NoteRejected, save_note
from insight.runtime import embedder_for, open_store
from insight.settings import load_settings

HERE = Path(__file__).parent
settings = load_settings()
store = open_store(settings)
embedder = embedder_for(settings)
redactor = default_redactor(keep_terms_from(settings))

FORMS = [
    (
        "q1",
        "Will Hope called, wants the bill split with his partner Rose",
        "Brightline Hub",
        "Escalations",
        [("NAME_COMMONWORD", "name", "Will Hope"), ("NAME_COMMONWORD", "name", "Rose")],
    ),
    (
        "q2",
        "cust says login mthornton62 locked, DOB 3.4.85",
        "My Account app",
        "Support",
        [("HANDLE_LOGIN", "id", "mthornton62"), ("DOB", "id", "3.4.85")],
    ),
    ("q3", "Клиентка Ольга Смирнова просит перезвонить", None, None, [("NAME_SCRIPT", "name", "Ольга Смирнова")]),
    ("q4", "Router swap ok", "Hub for Mrs Faith Cook", "Field", [("NAME_COMMONWORD", "name", "Faith Cook")]),
    ("q5", "IMEI 356938035643809 reported stolen", "Galaxy S24", "Fraud", [("DEVICE_NET", "id", "356938035643809")]),
]
plants, results = [], []
for ext, text, product, team, items in FORMS:
    fields = {
        "text": text,
        "kind": "need",
        "product": product,
        "channel": "phone",
        "agent_id": f"ivy-{ext}",
        "team": team,
        "source": "app",
    }
    try:
        saved = save_note(store, fields, embedder=embedder, redactor=redactor, settings=settings)
        results.append(dict(ext=ext, note_id=saved.note.id, text=saved.note.text, product=saved.note.product))
    except NoteRejected as exc:
        results.append(dict(ext=ext, rejected=[p.message for p in exc.problems]))
    for cat, kind, value in items:
        plants.append(
            dict(
                category=cat,
                kind=kind,
                value=value,
                ext=None,
                agent=f"ivy-{ext}",
                carrier="Log page (save_note)",
                field="product" if value in (product or "") else "text",
            )
        )
# The form's rejection message (shown on screen): a bad channel.
try:
    save_note(
        store,
        {"text": "x", "channel": "will.hope@gmail.com", "agent_id": "ivy-bad"},
        embedder=embedder,
        redactor=redactor,
        settings=settings,
    )
except NoteRejected as exc:
    results.append(dict(ext="bad", rejected=[f"{p.field}: {p.message}" for p in exc.problems]))
store.close() if hasattr(store, "close") else None
(HERE / "plants_log.json").write_text(
    json.dumps({"plants": plants, "results": results}, ensure_ascii=False, indent=1), encoding="utf-8"
)
for r in results:
    print(r)
