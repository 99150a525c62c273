"""Loading the numeric stack for a fit without paying for it twice.

``import bertopic`` takes seconds, more than half of it spent on sentence-transformers and
transformers, which BERTopic imports only for optional embedding/representation backends that Earshot
never uses (embeddings are always precomputed). UMAP's numba JIT adds most of a minute to the first fit in a
fresh process; numba's on-disk cache removes most of it, but only for functions compiled with
``cache=True``, and UMAP leaves its hot loops (``smooth_knn_dist``, ``compute_membership_strengths``,
the layout epoch) uncached. So, before the first fit:

* ``NUMBA_CACHE_DIR`` points at ``settings.topic_cache_dir`` (unless the environment already set it);
* those UMAP dispatchers get ``enable_caching()``, so the second process loads machine code from disk;
* BERTopic is imported with the two optional backends hidden from it (only if this process has not
  imported them already), which BERTopic handles as "not installed". Only imports made by BERTopic's
  own modules are refused, so another thread loading the embedder at the same moment is unaffected.
"""

from __future__ import annotations

import importlib.abc
import logging
import os
import sys
import threading
from pathlib import Path
from types import ModuleType

log = logging.getLogger(__name__)

_OPTIONAL_BERTOPIC_BACKENDS = ("sentence_transformers", "transformers")
_UMAP_HOT_FUNCTIONS = (
    ("umap.umap_", "smooth_knn_dist"),
    ("umap.umap_", "compute_membership_strengths"),
    ("umap.layouts", "_nb_optimize_layout_euclidean_single_epoch"),
    ("umap.layouts", "_nb_optimize_layout_euclidean_single_epoch_parallel"),
)
_lock = threading.Lock()
_umap_ready = False


class _HideFromBERTopic(importlib.abc.MetaPathFinder):
    """Refuses ``sentence_transformers``/``transformers`` to imports made by ``bertopic.*`` modules."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.split(".")[0] not in _OPTIONAL_BERTOPIC_BACKENDS:
            return None
        frame = sys._getframe(1)
        while frame is not None and frame.f_globals.get("__name__", "").startswith(("importlib", "_frozen_importlib")):
            frame = frame.f_back
        importer = frame.f_globals.get("__name__", "") if frame is not None else ""
        if importer.startswith("bertopic"):
            raise ModuleNotFoundError(f"No module named {name!r} (not needed by Earshot's BERTopic)", name=name)
        return None


def configure_numba_cache(cache_dir: Path) -> None:
    """Use ``cache_dir/numba`` for numba's compiled-code cache unless ``NUMBA_CACHE_DIR`` is already set."""
    if os.environ.get("NUMBA_CACHE_DIR"):
        return
    target = Path(cache_dir).expanduser() / "numba"
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only install still works, just with a slow first fit
        log.warning("cannot create the numba cache folder %s; the first refit will be slow", target)
        return
    os.environ["NUMBA_CACHE_DIR"] = str(target)
    if "numba" in sys.modules:  # already imported: make it re-read the environment
        from numba.core import config

        config.reload_config()


def import_umap(cache_dir: Path) -> ModuleType:
    """``umap``, with its hot numba functions cached on disk (see the module docstring)."""
    global _umap_ready
    with _lock:
        configure_numba_cache(cache_dir)
        import umap

        if not _umap_ready:
            import importlib

            for module_name, name in _UMAP_HOT_FUNCTIONS:
                dispatcher = getattr(importlib.import_module(module_name), name, None)
                enable = getattr(dispatcher, "enable_caching", None)
                if enable is not None:
                    try:
                        enable()
                    except Exception:  # caching is an optimisation, never a failure
                        log.debug("could not enable numba caching for %s.%s", module_name, name, exc_info=True)
            _umap_ready = True
        return umap


def import_bertopic(cache_dir: Path) -> ModuleType:
    """``bertopic``, imported without the optional sentence-transformers/transformers backends."""
    import_umap(cache_dir)  # bertopic imports umap; make sure the cache is configured first
    with _lock:
        if "bertopic" in sys.modules:
            return sys.modules["bertopic"]
        finder = _HideFromBERTopic()
        sys.meta_path.insert(0, finder)
        try:
            import bertopic
        finally:
            sys.meta_path.remove(finder)
        return bertopic
