"""Admins: every setting in effect, where it came from, and what it does."""

from __future__ import annotations

import dataclasses
import os

import streamlit as st

from insight.settings import ENV_PREFIX, secret_settings, setting_help
from ui import auth, render, resources

settings = resources.get_settings()
helps = setting_help()
secrets = secret_settings()  # shown as set / not set, never the value

st.title("Settings in effect")
st.caption(f"Override any of these with an environment variable {ENV_PREFIX}<NAME> and restart the app.")
frame = render.notes_frame(
    {
        "Setting": f.name,
        "Value": ("•••• (set)" if getattr(settings, f.name) else "(not set)")
        if f.name in secrets
        else str(getattr(settings, f.name)),
        "From": "environment" if f"{ENV_PREFIX}{f.name.upper()}" in os.environ else "default",
        "Environment variable": f"{ENV_PREFIX}{f.name.upper()}",
        "What it does": helps.get(f.name, ""),
    }
    for f in dataclasses.fields(settings)
)
# A static table wraps long values (a database path was cut after a dozen characters in a grid cell).
st.table(frame, hide_index=True)
render.export_buttons(frame, "earshot-settings", key="settings")

st.subheader("Sign-in")
if auth.auth_configured():
    st.write("Sign-in is required (an [auth] section is configured); roles come from the [roles] section.")
else:
    st.write("Demo mode: no [auth] section in .streamlit/secrets.toml, so anyone can pick any role.")
