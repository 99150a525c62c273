"""Streamlit pages, one module per page, registered by ``ui.shell`` with ``st.navigation``."""
