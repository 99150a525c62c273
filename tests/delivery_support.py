"""Local stand-ins for the outside world: an SMTP server (aiosmtpd) and an HTTPS receiver for Slack/Teams.

Nothing is faked on Earshot's side: apprise builds and sends the real e-mails, Slack payloads and Teams
Adaptive Cards; these servers only capture what arrives. The HTTPS receiver uses a throw-away self-signed
certificate (the webhook URLs carry ``verify=no``).
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Captured:
    """What a receiver got, and the status it answers with (change it to make sends fail)."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    mails: list[Message] = field(default_factory=list)
    status: int = 200


class _SmtpHandler:
    def __init__(self, captured: Captured) -> None:
        self.captured = captured

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        message["X-Envelope-To"] = ",".join(envelope.rcpt_tos)
        self.captured.mails.append(message)
        return "250 Message accepted"


@contextmanager
def smtp_server() -> Iterator[tuple[int, Captured]]:
    """A local SMTP server; yields (port, captured)."""
    captured = Captured()
    with socket.socket() as probe:  # aiosmtpd's start-up check cannot use port 0: pick a free port first
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(_SmtpHandler(captured), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, captured
    finally:
        controller.stop()


def _self_signed(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


@contextmanager
def https_receiver(folder: Path) -> Iterator[tuple[int, Captured]]:
    """A local HTTPS server capturing every POST (path, headers, JSON body); yields (port, captured)."""
    captured = Captured()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            try:
                payload = json.loads(body)
            except ValueError:
                payload = body.decode("utf-8", "replace")
            captured.requests.append({"path": self.path, "headers": dict(self.headers), "json": payload})
            self.send_response(captured.status)
            self.end_headers()
            self.wfile.write(b"ok" if captured.status < 300 else b"upstream unavailable")

        def log_message(self, *args: Any) -> None:
            pass

    cert, key = _self_signed(folder)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], captured
    finally:
        server.shutdown()
        server.server_close()


def mail_html(message: Message) -> str:
    """The HTML part of a captured e-mail."""
    for part in message.walk():
        if part.get_content_type() == "text/html":
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    raise AssertionError("no HTML part")
