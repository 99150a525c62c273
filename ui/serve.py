"""``./earshot run``: the dashboard server, with first-run demo seeding started when the server starts.

Streamlit has no start-up hook, so this module is the server's entry point. When the default database
is new it loads the language model (in the main thread: see ``ui.resources._embedder``) and starts
the seeding job in a background thread of this process, then runs ``streamlit run app.py`` here. The
first browser to connect finds the work under way, with its progress, instead of starting it (which
used to cost a first-time user the whole seeding time after opening the page).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"


def start_seeding_now() -> bool:
    """Start seeding the demo if this server's database needs it; returns whether it started."""
    import logging

    # Outside a script run, Streamlit's caches warn that they run "in bare mode": true here, and harmless.
    # A filter, not a level: Streamlit resets its loggers' levels when it creates them.
    for noisy in ("caching.cache_data_api", "scriptrunner_utils.script_run_context"):
        logging.getLogger(f"streamlit.runtime.{noisy}").addFilter(lambda record: record.levelno >= logging.ERROR)
    from ui import demo, resources

    settings, store = resources.get_settings(), resources.get_store()
    if not demo.seeding_needed(store, settings):
        return False
    print("==> New database: generating the demo data now (open the dashboard to watch)", file=sys.stderr)
    resources.warm_up()
    demo.start_seeding(store, settings)
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Start seeding when due, then serve ``app.py``; ``argv`` are ``streamlit run`` options."""
    args = list(sys.argv[1:] if argv is None else argv)
    start_seeding_now()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *args]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
