"""``python -m insight serve-api`` and ``python -m insight tokens create|list|revoke``."""

from __future__ import annotations

import argparse
import importlib
import json

from insight.cli import add_db_argument, emit
from insight.runtime import open_store
from insight.settings import load_settings
from insight.store.db import Store
from insight.tokens import SCOPES, create_token, list_tokens, revoke_token

# The HTTP server is an edge above ingest and insight (it posts notes through the ingest service), so the
# core names it by module path, as uvicorn's own CLI does, instead of importing it: the layers stay one-way.
API_SERVER_MODULE = "api.server"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``serve-api`` and ``tokens`` subcommands."""
    serve = subparsers.add_parser(
        "serve-api",
        help="Serve the HTTP API (notes in, topics/trends/brief out, helpdesk webhooks) and the delivery schedule.",
        description=(
            "Start the HTTP API under uvicorn: POST /api/v1/notes, GET /api/v1/topics, /trends, /brief, "
            "/notes/search, and the Zendesk and Intercom webhooks. Interactive docs at /docs. It also sends the "
            "weekly brief and alerts on EARSHOT_DELIVERY_SCHEDULE and retries failed deliveries."
        ),
    )
    serve.add_argument("--host", help="Address to listen on (default: $EARSHOT_API_HOST or 127.0.0.1).")
    serve.add_argument(
        "--port", type=int, help="Port (default: $EARSHOT_API_PORT or 8502; 0 lets the system pick a free one)."
    )
    serve.add_argument("--no-schedule", action="store_true", help="Do not run scheduled deliveries in this server.")
    add_db_argument(serve)
    serve.set_defaults(handler=run_serve)

    tokens = subparsers.add_parser(
        "tokens",
        help="Create, list and revoke API tokens.",
        description="API tokens: each has a name (who uses it) and one scope — ingest (post notes) or read.",
    )
    actions = tokens.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    create = actions.add_parser("create", help="Create a token and print it once (only its hash is kept).")
    create.add_argument("--name", required=True, help="Who will use it, e.g. zendesk.")
    create.add_argument("--scope", required=True, choices=SCOPES, help="ingest (post notes) or read.")
    create.add_argument("--json", action="store_true", help='Print {"token": …, "id", "name", "scope"} as JSON.')
    add_db_argument(create)
    create.set_defaults(handler=run_tokens_create)
    listing = actions.add_parser("list", help="List tokens (never their secrets).")
    listing.add_argument("--json", action="store_true", help="Print a JSON list.")
    add_db_argument(listing)
    listing.set_defaults(handler=run_tokens_list)
    revoke = actions.add_parser("revoke", help="Revoke a token by id, or every token with a name.")
    revoke.add_argument("which", metavar="ID_OR_NAME")
    add_db_argument(revoke)
    revoke.set_defaults(handler=run_tokens_revoke)


def _store(args: argparse.Namespace) -> Store:
    return open_store(load_settings(db=args.db))


def run_serve(args: argparse.Namespace) -> int:
    """Run the API server until interrupted."""
    settings = load_settings(db=args.db, api_host=args.host, api_port=args.port)
    server = importlib.import_module(API_SERVER_MODULE)
    server.serve(settings, settings.api_host, settings.api_port, scheduler=not args.no_schedule)
    return 0


def run_tokens_create(args: argparse.Namespace) -> int:
    """Create a token and print its secret once."""
    new = create_token(_store(args), args.name, args.scope)
    if args.json:
        emit(json.dumps({"token": new.secret, **new.token.as_dict()}) + "\n")
    else:
        emit(
            f"{new.secret}\n\nToken {new.token.id} for {new.token.name!r}, scope {new.token.scope}. "
            "This is the only time it is shown: store it in the other system now.\n"
            "Use it as the header  Authorization: Bearer <token>\n"
        )
    return 0


def run_tokens_list(args: argparse.Namespace) -> int:
    """List tokens."""
    tokens = list_tokens(_store(args))
    if args.json:
        emit(json.dumps([t.as_dict() for t in tokens], indent=2) + "\n")
        return 0
    if not tokens:
        emit("No tokens yet: python -m insight tokens create --name NAME --scope ingest|read\n")
        return 0
    lines = [f"{'id':>4}  {'name':<20} {'scope':<7} {'prefix':<12} {'created':<17} {'last used':<17} state"]
    for t in tokens:
        used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never"
        state = f"revoked {t.revoked_at:%Y-%m-%d}" if t.revoked_at else "active"
        lines.append(
            f"{t.id:>4}  {t.name[:20]:<20} {t.scope:<7} {t.prefix + '…':<12} {t.created_at:%Y-%m-%d %H:%M}  "
            f"{used:<17} {state}"
        )
    emit("\n".join(lines) + "\n")
    return 0


def run_tokens_revoke(args: argparse.Namespace) -> int:
    """Revoke tokens."""
    count = revoke_token(_store(args), args.which)
    emit(f"Revoked {count} token{'s' if count != 1 else ''}.\n")
    return 0
