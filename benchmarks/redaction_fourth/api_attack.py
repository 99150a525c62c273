"""Send the fourth family's API, webhook payloads to a running Earshot API; write plants_api.json.

Usage: python api_attack.py BASE_URL TOKEN ZENDESK_SECRET INTERCOM_SECRET
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

BASE, TOKEN, ZSECRET, ISECRET = sys.argv[1:5]
HERE = Path(__file__).parent
plants: list[dict] = []
clean: list[dict] = []
log: list[dict] = []


def plant(category, kind, value, ext, carrier, field="text"):
    plants.append(dict(category=category, kind=kind, value=value, ext=ext, carrier=carrier, field=field))


def post(path: str, body: bytes, headers: dict) -> tuple[int, str]:
    req = urllib.request.Request(
        BASE + path, data=body, method="POST", headers={"Content-Type": "application/json", **headers}
    )
    try:
        with urllib.request.urlopen(req, timeout=300) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


# ------------------------------------------------------------------------------------------ notes API
NOTES = [
    dict(
        external_id="a1",
        text="customer Will Hope called about the price rise",
        product="Vodaline Max",
        team="Retention",
        tags=["vip", "will.hope@gmail.com"],
        extra={"requester": {"name": "Rose Summer", "phone": "07700 900 901", "email": "rose.s@yahoo.com"}},
    ),
    dict(
        external_id="a2",
        text="Asked about the family plan",
        customer_segment="VIP - Penny Lane",
        extra={"meta": {"crm": {"owner": "Dawn Price", "dob": "1975-03-12", "iban": "gb29nwbk60161331926819"}}},
    ),
    dict(
        external_id="a3",
        text="Wants the eSIM activated today",
        product="Brightline Hub for Mr O'Sullivan",
        extra={"Anrufer": "Hans-Peter von Stauffenberg", "Rückruf": "0171 5550010", "callback_ts": "2026-09-01"},
    ),
    dict(
        external_id="a4",
        text="Kundin Łucja Kamińska, geb. 03.04.1985, Handy 0151 23456780",
        extra={"ticket": "INC0099887"},
    ),
    dict(
        external_id="a5",
        text="email is john.smith%40gmail.com and card 4.11111111111111E+15",
        tags="billing, callback-07700900902",
    ),
    dict(
        external_id="a6",
        text="Clean note: the Sagem F@st 3864 router overheats after v2.1.4",
        product="Sagem F@st 3864",
    ),
    dict(external_id="a7", text="Customer wants Apple Pay on the Brightline app 5.3", team="Digital"),
]
for n in NOTES:
    n.setdefault("agent_id", "hal")
    n.setdefault("created_at", "2026-09-01T10:00:00")
    n.setdefault("channel", "phone")
status, text = post("/api/v1/notes", json.dumps({"notes": NOTES}).encode(), {"Authorization": f"Bearer {TOKEN}"})
log.append(dict(route="notes batch", status=status, body=text))
plant("NAME_COMMONWORD", "name", "Will Hope", "a1", "API batch")
plant("EMAIL_OBF", "id", "will.hope@gmail.com", "a1", "API batch", "tags")
plant("NAME_COMMONWORD", "name", "Rose Summer", "a1", "API batch", "extra.requester.name")
plant("PHONE_ODD", "id", "07700 900 901", "a1", "API batch", "extra.requester.phone")
plant("EMAIL_OBF", "id", "rose.s@yahoo.com", "a1", "API batch", "extra.requester.email")
plant("NAME_COMMONWORD", "name", "Penny Lane", "a2", "API batch", "customer_segment")
plant("NAME_COMMONWORD", "name", "Dawn Price", "a2", "API batch", "extra.meta.crm.owner")
plant("DOB", "id", "1975-03-12", "a2", "API batch", "extra.meta.crm.dob")
plant("BANK", "id", "gb29nwbk60161331926819", "a2", "API batch", "extra.meta.crm.iban")
plant("NAME_PARTICLE", "name", "O'Sullivan", "a3", "API batch", "product")
plant("NAME_PARTICLE", "name", "Hans-Peter von Stauffenberg", "a3", "API batch", "extra.Anrufer")
plant("PHONE_ODD", "id", "0171 5550010", "a3", "API batch", "extra.Rückruf")
plant("NAME_PARTICLE", "name", "Łucja Kamińska", "a4", "API batch")
plant("DOB", "id", "03.04.1985", "a4", "API batch")
plant("PHONE_ODD", "id", "0151 23456780", "a4", "API batch")
plant("EMAIL_OBF", "id", "john.smith%40gmail.com", "a5", "API batch")
plant("CARD_ODD", "id", "4.11111111111111E+15", "a5", "API batch")
plant("PHONE_ODD", "id", "07700900902", "a5", "API batch", "tags")
clean.append(dict(ext="a6", text=NOTES[5]["text"], carrier="API batch"))
clean.append(dict(ext="a7", text=NOTES[6]["text"], carrier="API batch"))

# single note object (the quick path for other systems)
single = dict(
    external_id="a8",
    text="Spoke with Nguyễn Thị Hoa; wa.me/447700900903 for photos",
    agent_id="hal",
    created_at="2026-09-02T10:00:00",
    channel="chat",
)
status, text = post("/api/v1/notes", json.dumps(single).encode(), {"Authorization": f"Bearer {TOKEN}"})
log.append(dict(route="notes single", status=status, body=text))
plant("NAME_PARTICLE", "name", "Nguyễn Thị Hoa", "a8", "API single")
plant("PHONE_ODD", "id", "447700900903", "a8", "API single")

# a rejected API note: the problem message quotes the bad value
bad = dict(
    external_id="a9",
    text="Asked about 5G",
    channel="bill.mark@gmail.com",
    kind="Will Hope",
    created_at="07700 900 904",
    agent_id="hal",
)
status, text = post("/api/v1/notes", json.dumps(bad).encode(), {"Authorization": f"Bearer {TOKEN}"})
log.append(dict(route="notes rejected", status=status, body=text))
plant("EMAIL_OBF", "id", "bill.mark@gmail.com", None, "API rejected (response)", "channel")
plant("PHONE_ODD", "id", "07700 900 904", None, "API rejected (response)", "created_at")


# ------------------------------------------------------------------------------------- Zendesk hooks
def zendesk(payload: dict, name: str) -> None:
    body = json.dumps(payload).encode()
    ts = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    sig = base64.b64encode(hmac.new(ZSECRET.encode(), ts.encode() + body, hashlib.sha256).digest()).decode()
    status, text = post(
        "/api/v1/hooks/zendesk", body, {"X-Zendesk-Webhook-Signature": sig, "X-Zendesk-Webhook-Signature-Timestamp": ts}
    )
    log.append(dict(route=name, status=status, body=text))


zendesk(
    {
        "type": "zen:event-type:ticket.comment_added",
        "id": "ev1",
        "time": datetime.now(UTC).isoformat(),
        "detail": {
            "id": "7001",
            "group_id": "360000123",
            "requester_id": "9001",
            "tags": ["vip", "hope_williams"],
            "via": {"channel": "voice"},
            "subject": "Call from Will Hope",
        },
        "event": {
            "comment": {
                "id": "zc1",
                "is_public": False,
                "body": "Spoke to Hope about her bill; her email jane.doe%40gmail.com, "
                "mobile seven seven zero zero nine zero zero nine one one",
                "author": {"id": "123", "email": "agent.ana@brightline.example", "name": "Ana Agent"},
            }
        },
    },
    "zendesk event",
)
plant("NAME_COMMONWORD", "name", "Hope", "zc1", "zendesk event webhook")
plant("EMAIL_OBF", "id", "jane.doe%40gmail.com", "zc1", "zendesk event webhook")
plant("PHONE_ODD", "id", "seven seven zero zero nine zero zero nine one one", "zc1", "zendesk event webhook")
plant("NAME_COMMONWORD", "name", "hope_williams", "zc1", "zendesk event webhook", "tags")

zendesk(
    {
        "ticket": {"id": "7002", "group": "Billing", "tags": "vip cust_will_hope 07700900912 jsmith99", "via": "voice"},
        "comment": {
            "id": "zc2",
            "public": "false",
            "author": {"email": "agent.bo@brightline.example"},
            "body": "Customer Rose Summer (IBAN de89 3704 0044 0532 0130 00) wants a refund; card 4111 1111\n1111 1111",
            "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        },
    },
    "zendesk trigger",
)
plant("NAME_COMMONWORD", "name", "Rose Summer", "zc2", "zendesk trigger webhook")
plant("BANK", "id", "de89 3704 0044 0532 0130 00", "zc2", "zendesk trigger webhook")
plant("CARD_ODD", "id", "4111 1111\n1111 1111", "zc2", "zendesk trigger webhook")
plant("NAME_COMMONWORD", "name", "will_hope", "zc2", "zendesk trigger webhook", "tags")
plant("PHONE_ODD", "id", "07700900912", "zc2", "zendesk trigger webhook", "tags")
plant("HANDLE_LOGIN", "id", "jsmith99", "zc2", "zendesk trigger webhook", "tags")


# ------------------------------------------------------------------------------------ Intercom hook
def intercom(part_id: str, body_html: str, tags: list[str], name: str) -> None:
    now = int(time.time())
    payload = {
        "type": "notification_event",
        "topic": "conversation.admin.noted",
        "id": f"notif_{part_id}",
        "created_at": now,
        "data": {
            "item": {
                "type": "conversation",
                "id": f"conv_{part_id}",
                "team_assignee_id": "0",
                "source": {
                    "type": "conversation",
                    "author": {"type": "user", "name": "Will Hope", "email": "will.hope@gmail.com"},
                },
                "tags": {"type": "tag.list", "tags": [{"type": "tag", "name": t} for t in tags]},
                "conversation_parts": {
                    "conversation_parts": [
                        {
                            "type": "conversation_part",
                            "id": part_id,
                            "part_type": "note",
                            "body": body_html,
                            "created_at": now,
                            "author": {"type": "admin", "id": "42", "email": "agent.cy@brightline.example"},
                        }
                    ]
                },
            }
        },
    }
    body = json.dumps(payload).encode()
    sig = "sha1=" + hmac.new(ISECRET.encode(), body, hashlib.sha1).hexdigest()
    status, text = post("/api/v1/hooks/intercom", body, {"X-Hub-Signature": sig})
    log.append(dict(route=name, status=status, body=text))


intercom(
    "ic1",
    '<p>Customer <b>Will</b> Hope called. Email <a href="mailto:will.hope@gmail.com">'
    "will.hope&#64;gmail&#46;com</a></p><p>Card 4111 1111</p><p>1111 1111</p>",
    ["vip", "will.hope@gmail.com"],
    "intercom 1",
)
plant("NAME_COMMONWORD", "name", "Will Hope", "ic1", "intercom webhook")
plant("EMAIL_OBF", "id", "will.hope@gmail.com", "ic1", "intercom webhook", "text+tags")
plant("CARD_ODD", "id", "4111 1111\n1111 1111", "ic1", "intercom webhook")
intercom(
    "ic2",
    '<p>Spoke with <span class="mention">Mar</span>garet Thornton, DOB 03/04/85.</p>'
    "<p>Phone +44&nbsp;7700&nbsp;900&nbsp;913, IBAN GB29&shy;NWBK&shy;6016&shy;1331&shy;9268&shy;19</p>"
    "<p>Username: mthornton62</p>",
    ["margaret_thornton", "+447700900913"],
    "intercom 2",
)
plant("NAME_COMMONWORD", "name", "Margaret Thornton", "ic2", "intercom webhook")
plant("DOB", "id", "03/04/85", "ic2", "intercom webhook")
plant("PHONE_ODD", "id", "7700 900 913", "ic2", "intercom webhook")
plant("BANK", "id", "GB29 NWBK 6016 1331 9268 19", "ic2", "intercom webhook")
plant("HANDLE_LOGIN", "id", "mthornton62", "ic2", "intercom webhook")
plant("NAME_COMMONWORD", "name", "margaret_thornton", "ic2", "intercom webhook", "tags")

(HERE / "plants_api.json").write_text(
    json.dumps({"plants": plants, "clean": clean, "log": log}, ensure_ascii=False, indent=1), encoding="utf-8"
)
for entry in log:
    print(entry["route"], entry["status"], entry["body"][:600])
