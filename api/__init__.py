"""Earshot's HTTP API: notes in from other systems and helpdesk webhooks, insight out (FastAPI + uvicorn).

Like ``app_pages/`` and ``ui/`` for the dashboard, this is an edge: it may import ``ingest`` (to get notes
in through the one ingest path) and ``insight`` (to read), and neither of them imports it.
``python -m insight serve-api`` starts it (see :mod:`api.server`).
"""
