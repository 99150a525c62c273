"""Vectors computed once and reused: the generated demo's, made at install time.

The demo data set is generated deterministically, so the vectors of its (redacted) notes are the same on
every machine with the same model. ``python -m ingest.warmup`` computes them while the install runs, and
the first start's seeding looks each note up here by a digest of its exact text; anything not found (other
settings, a changed generator, a redactor that now removes more) is embedded by the model as usual. The
file records the model id it was made with, so vectors of one model never stand in for another's.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from insight.embedder import Embedder
from insight.records import CountCallback

log = logging.getLogger(__name__)


def text_digest(text: str) -> str:
    """The key a text's vector is cached under (SHA-256 of its UTF-8 bytes)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def demo_cache_path(cache_dir: Path, model_id: str) -> Path:
    """Where the demo's vectors for ``model_id`` live inside ``cache_dir``."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_id).strip("_") or "model"
    return Path(cache_dir) / f"demo-vectors-{slug}.npz"


def save_vectors(path: Path, model_id: str, texts: Sequence[str], vectors: np.ndarray) -> None:
    """Write ``texts``' vectors to ``path`` atomically (a reader sees the old file or the whole new one)."""
    if len(texts) != len(vectors):
        raise ValueError(f"{len(texts)} texts but {len(vectors)} vectors")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with open(partial, "wb") as handle:
        np.savez(
            handle,
            model_id=np.array(model_id),
            digests=np.array([text_digest(t) for t in texts]),
            vectors=np.asarray(vectors, dtype=np.float32),
        )
    os.replace(partial, path)


def load_vectors(path: Path, model_id: str) -> dict[str, np.ndarray]:
    """The cached vectors at ``path`` by text digest; empty when the file is missing, damaged or of another model."""
    path = Path(path)
    if not path.is_file():
        return {}
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["model_id"]) != model_id:
                return {}
            digests, vectors = data["digests"], data["vectors"]
            if vectors.ndim != 2 or len(digests) != len(vectors):
                raise ValueError("digests and vectors differ in length")
            return {str(d): v for d, v in zip(digests, vectors.astype(np.float32, copy=False), strict=True)}
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
        # A damaged cache only makes the first start slower.
        log.warning("ignoring the vector cache %s: %s", path, exc)
        return {}


class WrappedEmbedder:
    """Base of embedders that stand in front of another one and name themselves as it does."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner

    @property
    def model_id(self) -> str:
        """The wrapped model's id."""
        return self.inner.model_id

    @property
    def dimension(self) -> int:
        """The wrapped model's vector length."""
        return self.inner.dimension

    def embed(self, texts: Sequence[str], progress: CountCallback | None = None) -> np.ndarray:
        """The wrapped model's vectors for ``texts``."""
        return self.inner.embed(texts, progress=progress)


class RecordingEmbedder(WrappedEmbedder):
    """Embeds with the wrapped model and keeps every text with its vector (to write a cache from)."""

    def __init__(self, inner: Embedder) -> None:
        super().__init__(inner)
        self.texts: list[str] = []
        self.vectors: list[np.ndarray] = []

    def embed(self, texts: Sequence[str], progress: CountCallback | None = None) -> np.ndarray:
        """Embed with the wrapped model and remember each text's vector."""
        vectors = self.inner.embed(texts, progress=progress)
        self.texts.extend(texts)
        self.vectors.append(vectors)
        return vectors


class CachedEmbedder(WrappedEmbedder):
    """An :class:`~insight.embedder.Embedder` that takes known texts' vectors from a cache.

    Texts not in the cache go to ``inner`` (one call per :meth:`embed`); ``model_id`` and ``dimension`` are
    ``inner``'s, so what is stored is indistinguishable from the model's own output.
    """

    def __init__(self, inner: Embedder, cached: dict[str, np.ndarray]) -> None:
        super().__init__(inner)
        self.cached = {k: v for k, v in cached.items() if v.shape == (inner.dimension,)}
        self.hits = 0
        self.misses = 0

    def embed(self, texts: Sequence[str], progress: CountCallback | None = None) -> np.ndarray:
        """Vectors for ``texts``: cached ones looked up, the rest embedded by the wrapped model."""
        total = len(texts)
        out = np.zeros((total, self.dimension), dtype=np.float32)
        missing: list[int] = []
        for i, text in enumerate(texts):
            vector = self.cached.get(text_digest(text))
            if vector is None:
                missing.append(i)
            else:
                out[i] = vector
        found = total - len(missing)
        self.hits += found
        self.misses += len(missing)
        if missing:

            def inner_progress(done: int, _total: int) -> None:
                if progress is not None:
                    progress(found + done, total)

            out[missing] = self.inner.embed([texts[i] for i in missing], progress=inner_progress)
        if progress is not None and total:
            progress(total, total)
        return out


def with_demo_cache(embedder: Embedder, cache_dir: Path) -> Embedder:
    """``embedder`` backed by the demo's cached vectors when a cache for its model exists, else itself."""
    cached = load_vectors(demo_cache_path(cache_dir, embedder.model_id), embedder.model_id)
    return CachedEmbedder(embedder, cached) if cached else embedder
