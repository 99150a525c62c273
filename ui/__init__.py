"""The Streamlit client's toolkit: the only package that touches ``st.cache_*`` and ``st.session_state``.

``resources`` holds the per-server objects (settings, store, embedder, redactor), ``auth`` sign-in and
roles, ``state`` the per-session memory, ``jobs`` background work (demo seeding, topic refits),
``data`` cached service calls, ``render`` safe display helpers and exports, ``filters`` the shared
filter bar.
"""
