"""Dataset loading for the topic benchmarks: texts, gold labels and cached embeddings.

The datasets live outside the repo (``../shared/datasets``); their text is never copied in. Embeddings
are computed once with Earshot's real embedder and cached under ``.cache/bench`` (gitignored), keyed by
the dataset name, the model id and a hash of the texts, so reruns skip the ~90 s of encoding.
"""

from __future__ import annotations

import hashlib
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
DATASETS = REPO.parent / "shared" / "datasets"
CACHE_DIR = REPO / ".cache" / "bench"


@dataclass(frozen=True)
class Dataset:
    """Texts with gold labels and their unit-length embeddings."""

    name: str
    texts: list[str]
    labels: np.ndarray  # gold label per text (strings)
    embeddings: np.ndarray  # float32, (n, dim), L2-normalised
    model_id: str

    @property
    def n_labels(self) -> int:
        """How many distinct gold labels there are (what KMeans is told in the 'knows k' baseline)."""
        return len(np.unique(self.labels))


def banking77_frame() -> pd.DataFrame:
    """Banking77 train + test (13,083 rows), columns ``text`` and ``label``."""
    folder = DATASETS / "banking77"
    frames = [pd.read_csv(folder / f) for f in ("train.csv", "test.csv")]
    df = pd.concat(frames, ignore_index=True).rename(columns={"category": "label"})
    return df[["text", "label"]]


def clinc150_frame() -> pd.DataFrame:
    """The shared half of CLINC150 (11,450 rows: 75 intents + out-of-scope), columns ``text`` and ``label``."""
    df = pd.read_csv(DATASETS / "clinc150" / "clinc150_shared.csv")
    return df[["text", "label"]]


def hwu64_frame() -> pd.DataFrame:
    """HWU64 (9,960 home-assistant utterances, 64 intents, many near twins), columns ``text`` and ``label``."""
    df = pd.read_csv(DATASETS / "hwu64" / "hwu64.csv")
    return df[["text", "label"]]


def demo_frame() -> pd.DataFrame:
    """The demo's notes (ingest.demo, fixed end date, seed 42), ``label`` = the planted theme they came from."""
    from datetime import datetime

    from ingest.demo import generate_demo_notes

    drafts = generate_demo_notes(now=datetime(2025, 6, 2, 12, 0))
    return pd.DataFrame({"text": [d.text for d in drafts], "label": [dict(d.extra)["demo_theme"] for d in drafts]})


def bitext_frame() -> pd.DataFrame:
    """Bitext's customer-support sample (6,480 requests, 27 intents, partly synthetic), ``text`` and ``label``."""
    path = DATASETS / "bitext_customer_support" / "Bitext_Sample_Customer_Support_Training_Dataset.csv"
    return pd.read_csv(path).rename(columns={"instruction": "text", "intent": "label"})[["text", "label"]]


FRAMES = {
    "banking77": banking77_frame,
    "clinc150": clinc150_frame,
    "hwu64": hwu64_frame,
    "bitext": bitext_frame,
    "demo": demo_frame,
}


def _embed_cached(name: str, texts: list[str]) -> tuple[np.ndarray, str]:
    from insight.embedder import SentenceTransformerEmbedder
    from insight.settings import load_settings

    # EARSHOT_EMBEDDING_MODEL measures another model; its vectors are cached under its own name.
    embedder = SentenceTransformerEmbedder(load_settings().embedding_model)
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    path = CACHE_DIR / f"{name}-{embedder.model_id}-{digest}.npy"
    if path.exists():
        return np.load(path), embedder.model_id
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    print(f"embedding {len(texts)} texts of {name} (cached afterwards in {path})…", file=sys.stderr)
    vectors = embedder.embed(texts)
    print(f"  done in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    np.save(path, vectors)
    return vectors, embedder.model_id


def load_dataset(name: str) -> Dataset:
    """Load ``banking77``, ``clinc150`` or ``hwu64`` with embeddings (computed once, then read from the cache)."""
    df = FRAMES[name]()
    texts = df["text"].astype(str).tolist()
    vectors, model_id = _embed_cached(name, texts)
    return Dataset(name, texts, df["label"].astype(str).to_numpy(), vectors, model_id)


def store_notes(store, ds: Dataset, rows: np.ndarray | None = None, batch: int = 5000) -> list[int]:
    """Insert dataset rows (all by default) as notes with their cached vectors; return the note ids.

    Notes get external ids ``<dataset>-<row>`` and one synthetic timestamp per row (a minute apart).
    """
    from datetime import datetime, timedelta

    from insight.privacy import synthetic_draft
    from insight.records import NoteDraft
    from insight.store.notes import insert_notes

    rows = np.arange(len(ds.texts)) if rows is None else np.asarray(rows)
    start = datetime(2025, 1, 6)
    ids: list[int] = []
    for first in range(0, len(rows), batch):
        chunk = rows[first : first + batch]
        drafts = [
            NoteDraft(
                text=ds.texts[r],
                created_at=start + timedelta(minutes=int(r)),
                source="benchmark",
                external_id=f"{ds.name}-{r}",
            )
            for r in chunk
        ]
        with store.transaction() as con:
            ids += insert_notes(
                con,
                [synthetic_draft(d) for d in drafts],
                [f"{ds.name}:{r}" for r in chunk],
                [()] * len(chunk),
                ds.embeddings[chunk],
                ds.model_id,
            )
    return ids


if __name__ == "__main__":
    for dataset_name in FRAMES:
        ds = load_dataset(dataset_name)
        print(dataset_name, len(ds.texts), ds.embeddings.shape, ds.n_labels)
