"""The ``onnx-int8`` embedding backend: the packaged MiniLM exported to ONNX and quantised to int8.

Made on this machine at first use, offline: the sentence-transformers folder's transformer is exported
with ``torch.onnx.export`` and its weights quantised with ``onnxruntime.quantization.quantize_dynamic``
(the optimum ONNX stack conflicts with the transformers pin). The result is cached under
``settings.model_cache_dir`` in a folder named after a hash of the model's files and the library
versions, written to a temporary name and renamed, so a second process never reads half a file.

At run time only ``onnxruntime`` and ``tokenizers`` are loaded (no torch, no sentence-transformers):
the folder's ``tokenizer.json`` with the model's ``max_seq_length``, the transformer, then the same mean
pooling and L2 normalisation the sentence-transformers pipeline applies. Vectors are tagged
``<model id>+onnx-int8`` so they never mix with the torch backend's (cosine ≈ 0.99 to them, not 1).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from insight.errors import EarshotError
from insight.records import CountCallback

log = logging.getLogger(__name__)

BACKEND = "onnx-int8"
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
_RECIPE = "opset17-int8-per-channel-v1"  # part of the cache key: a new recipe means a new export


def _fingerprint(model_dir: Path) -> str:
    """Hash of the model folder's files (names, sizes, first/last MiB) and of the exporting libraries."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"{_RECIPE} torch {version('torch')} onnxruntime {version('onnxruntime')}".encode())
    for path in sorted(p for p in model_dir.rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(model_dir)}:{path.stat().st_size}".encode())
        with path.open("rb") as handle:
            digest.update(handle.read(1 << 20))
            handle.seek(max(0, path.stat().st_size - (1 << 20)))
            digest.update(handle.read(1 << 20))
    return digest.hexdigest()[:16]


def export_int8(model_dir: Path, target: Path) -> Path:
    """Export the folder's transformer to ONNX, quantise it to int8, and write ``target`` atomically."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    class _LastHidden(torch.nn.Module):
        def __init__(self, model: torch.nn.Module) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    target.parent.mkdir(parents=True, exist_ok=True)
    fp32 = target.with_name(f".{target.stem}.{os.getpid()}.fp32.onnx")
    int8 = target.with_name(f".{target.stem}.{os.getpid()}.int8.onnx")
    try:
        model = AutoModel.from_pretrained(str(model_dir)).eval()
        dummy = torch.ones((2, 8), dtype=torch.int64)
        axes = {name: {0: "batch", 1: "tokens"} for name in (*_INPUTS, "last_hidden_state")}
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation notices
            torch.onnx.export(
                _LastHidden(model), (dummy, dummy, torch.zeros_like(dummy)), str(fp32), dynamo=False,
                input_names=list(_INPUTS), output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=17,
            )  # fmt: skip
        root = logging.getLogger()
        level = root.level
        root.setLevel(logging.ERROR)  # quantize_dynamic logs a "consider pre-processing" hint on the root logger
        try:
            # Per-channel scales: per-tensor ones measured a mean cosine of 0.968 to the torch vectors, these 0.993.
            quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True)
        finally:
            root.setLevel(level)
        os.replace(int8, target)
    finally:
        fp32.unlink(missing_ok=True)
        int8.unlink(missing_ok=True)
    return target


class OnnxInt8Embedder:
    """A sentence-transformers folder run as an int8 ONNX model (exported and cached at first use)."""

    def __init__(self, model_dir: str, model_id: str, cache_dir: Path, batch_size: int = 128) -> None:
        self.model_dir = Path(model_dir)
        self._base_id = model_id
        self.cache_dir = Path(cache_dir)
        self.batch_size = batch_size
        self._session = None
        self._tokenizer = None
        self._lock = threading.Lock()

    @property
    def model_id(self) -> str:
        """The torch backend's id plus ``+onnx-int8``: vectors of the two backends never mix."""
        return f"{self._base_id}+{BACKEND}"

    @property
    def dimension(self) -> int:
        """Vector length (the transformer's hidden size)."""
        config = json.loads((self.model_dir / "config.json").read_text(encoding="utf-8"))
        return int(config["hidden_size"])

    def model_path(self) -> Path:
        """Where the int8 model for this folder is (or will be) cached."""
        return self.cache_dir / f"{self._base_id}-{BACKEND}-{_fingerprint(self.model_dir)}" / "model.onnx"

    def _load(self):
        if self._session is not None:
            return self._session, self._tokenizer
        with self._lock:
            if self._session is None:
                try:
                    import onnxruntime
                    from tokenizers import Tokenizer
                except ImportError as exc:
                    raise EarshotError(
                        "The onnx-int8 embedding backend needs onnxruntime and onnx (pip install -r "
                        "requirements.txt), or set EARSHOT_EMBEDDING_BACKEND=torch.",
                        title="ONNX runtime missing",
                    ) from exc
                path = self.model_path()
                if not path.exists():
                    log.info("exporting %s to int8 ONNX at %s (once)", self.model_dir, path)
                    try:
                        export_int8(self.model_dir, path)
                    except Exception as exc:
                        raise EarshotError(
                            f"Could not export the embedding model to ONNX: {exc}. Set "
                            "EARSHOT_EMBEDDING_BACKEND=torch to use the model as it is.",
                            title="ONNX export failed",
                        ) from exc
                tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
                tokenizer.enable_truncation(max_length=self._max_tokens())
                tokenizer.enable_padding(pad_id=tokenizer.token_to_id("[PAD]") or 0, pad_token="[PAD]")
                options = onnxruntime.SessionOptions()
                options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
                self._tokenizer = tokenizer
                self._session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        return self._session, self._tokenizer

    def _max_tokens(self) -> int:
        config = self.model_dir / "sentence_bert_config.json"
        if config.exists():
            return int(json.loads(config.read_text(encoding="utf-8")).get("max_seq_length", 256))
        return 256

    def warm_up(self) -> None:
        """Export (first time only), load, and run one tiny encode."""
        self.embed(["warm up"])

    def embed(self, texts: Sequence[str], progress: CountCallback | None = None) -> np.ndarray:
        """Encode in batches of similar length (less padding); unit-length float32 rows in input order."""
        session, tokenizer = self._load()
        total = len(texts)
        out = np.zeros((total, self.dimension), dtype=np.float32)
        if total == 0:
            return out
        order = np.argsort([len(t) for t in texts], kind="stable")
        done = 0
        for start in range(0, total, self.batch_size):
            rows = order[start : start + self.batch_size]
            encodings = tokenizer.encode_batch([texts[i] for i in rows])
            feeds = {
                "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
            }
            hidden = session.run(None, feeds)[0]
            mask = feeds["attention_mask"][:, :, None].astype(np.float32)
            pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
            out[rows] = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            done += len(rows)
            if progress is not None:
                progress(done, total)
        return out
