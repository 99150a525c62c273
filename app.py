"""Earshot's front door: ``streamlit run app.py``.

Everything lives in ``ui/`` (resources, sign-in, navigation) and ``app_pages/`` (one module per page).
"""

import streamlit as st

st.set_page_config(page_title="Earshot", page_icon=":material/hearing:", layout="wide")

from ui.shell import main  # noqa: E402  (set_page_config must come first)

main()
