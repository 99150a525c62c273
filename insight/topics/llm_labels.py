"""Optional: topic names and one-line summaries from a language model the user runs, grounded in the quotes.

Off by default. With ``EARSHOT_LABEL_MODEL`` set to an OpenAI-compatible base URL (a local llama.cpp
server, Ollama's ``/v1``…), a refit asks it, for each topic, for a short name and a one-sentence summary,
giving it the topic's most central notes (already redacted) and the extractive name. What comes back is
used only when it is grounded: the name is 1–6 words and every content word in it appears in the quotes
(up to plural/tense endings) — a model that invents "refund fraud" for notes about late cards is ignored.
Anything else — endpoint down, timeout, malformed answer, a duplicate name — keeps the extractive name and
summary, and after the first connection failure the endpoint is not asked again in that refit.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from insight.brief.summarise import ExtractiveSummariser, shorten
from insight.topics.naming import name_key, sentence_case
from insight.topics.records import TopicFit

log = logging.getLogger(__name__)

MAX_NAME_WORDS = 6
QUOTES = 8
_WORD = re.compile(r"[A-Za-z][A-Za-z']+")
_LINKING = {
    "a", "an", "the", "of", "to", "for", "in", "on", "at", "with", "and", "or", "not", "no", "after", "before",
    "while", "from", "by", "about", "over", "is", "are", "can", "cannot", "can't", "won't", "doesn't", "don't",
}  # fmt: skip
_PROMPT = (
    "You name customer-service topics for a product manager. Below are notes agents wrote about one topic, "
    'and a draft name. Reply with JSON only: {{"name": "...", "summary": "..."}}. The name is a short '
    'phrase (2-5 words) in the customers\' own words, like "Pause plan while abroad" or "Login loop after app '
    'update"; use only words that appear in the notes. The summary is one sentence saying what customers '
    "need or report, using only facts in the notes.\n\nDraft name: {draft}\n\nNotes:\n{notes}\n"
)


@dataclass(frozen=True)
class LabelSuggestion:
    """What a labeller proposes for one topic."""

    name: str
    summary: str


class TopicLabeller(Protocol):
    """Anything that names a topic from its (redacted) quotes; ``None`` means "no suggestion"."""

    def suggest(self, draft: str, quotes: Sequence[str]) -> LabelSuggestion | None:
        """Propose a name and a one-line summary for the topic these quotes come from."""
        ...


class EndpointDown(Exception):
    """The labelling endpoint could not be reached (stop asking it for this refit)."""


class OpenAICompatibleLabeller:
    """Asks an OpenAI-compatible ``/chat/completions`` endpoint (llama.cpp, Ollama, vLLM…) for names."""

    def __init__(self, base_url: str, model: str = "local", timeout: float = 20.0) -> None:
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self.timeout = timeout

    def suggest(self, draft: str, quotes: Sequence[str]) -> LabelSuggestion | None:
        """One request; ``None`` for an unusable answer. Raises :class:`EndpointDown` if unreachable."""
        notes = "\n".join(f"- {shorten(q, 300)}" for q in quotes)
        body = {
            "model": self.model,
            "temperature": 0,
            "messages": [{"role": "user", "content": _PROMPT.format(draft=draft, notes=notes)}],
        }
        request = urllib.request.Request(
            self.url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = json.loads(response.read().decode("utf-8"))
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            if isinstance(exc, urllib.error.HTTPError):
                log.warning("label model answered HTTP %s; keeping the extractive name", exc.code)
                return None
            raise EndpointDown(str(exc)) from exc
        except (ValueError, UnicodeDecodeError):
            log.warning("label model sent something that is not JSON; keeping the extractive name")
            return None
        return parse_answer(payload)


def parse_answer(payload: object) -> LabelSuggestion | None:
    """The name and summary in a chat-completion response (the JSON may sit inside prose or a code fence)."""
    try:
        content = payload["choices"][0]["message"]["content"]  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        return None
    match = re.search(r"\{.*\}", str(content), flags=re.S)
    if not match:
        return None
    try:
        answer = json.loads(match.group(0))
    except ValueError:
        return None
    name = " ".join(str(answer.get("name", "")).split()).strip(" .\"'")
    summary = " ".join(str(answer.get("summary", "")).split())
    return LabelSuggestion(name, summary) if name else None


def _stem(word: str) -> str:
    word = word.lower().strip("'")
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def grounded(name: str, quotes: Sequence[str]) -> bool:
    """A usable name: 1–``MAX_NAME_WORDS`` words, each content word found in the quotes."""
    words = _WORD.findall(name)
    if not 0 < len(name.split()) <= MAX_NAME_WORDS or not words:
        return False
    seen = {_stem(w) for q in quotes for w in _WORD.findall(q)}
    return all(_stem(w) in seen for w in words if w.lower() not in _LINKING)


def labeller_from_settings(settings) -> TopicLabeller | None:
    """The configured labeller, or ``None`` when ``label_model`` is empty (the default)."""
    if not settings.label_model:
        return None
    return OpenAICompatibleLabeller(settings.label_model, settings.label_model_name, settings.label_timeout)


def apply_labeller(
    fit: TopicFit, texts: Sequence[str], labeller: TopicLabeller | None
) -> tuple[TopicFit, dict[int, str]]:
    """Names from the labeller where grounded and unique, plus a one-line summary per topic index.

    Without a labeller (or when it fails) the summary is the topic's most typical central note
    (:class:`~insight.brief.summarise.ExtractiveSummariser`) and the name stays the extractive one.
    """
    extractive = ExtractiveSummariser(limit=200)
    summaries: dict[int, str] = {}
    taken = {name_key(t.label) for t in fit.topics}
    topics = []
    asking = labeller is not None
    for topic in fit.topics:
        quotes = [texts[i] for i in topic.representatives[:QUOTES]]
        summary = extractive.summarise(topic.label, quotes)
        suggestion = None
        if asking and quotes:
            try:
                suggestion = labeller.suggest(topic.label, quotes)  # type: ignore[union-attr]
            except EndpointDown as exc:
                log.warning("label model unreachable (%s); extractive names for this refit", exc)
                asking = False
        if suggestion is not None and grounded(suggestion.name, quotes):
            key = name_key(suggestion.name)
            if key == name_key(topic.label) or key not in taken:
                taken.discard(name_key(topic.label))
                taken.add(key)
                # the model's name is the only one this topic goes by: last run's phrase name is not kept over it
                name = sentence_case(suggestion.name)
                topic = replace(topic, label=name, candidates=(name,))
            if suggestion.summary and grounded_summary(suggestion.summary, quotes):
                summary = shorten(suggestion.summary, 200)
        summaries[topic.index] = summary
        topics.append(topic)
    return replace(fit, topics=tuple(topics)), summaries


def grounded_summary(summary: str, quotes: Sequence[str], min_share: float = 0.6) -> bool:
    """Most of the summary's content words come from the quotes (a sentence may add a few linking words)."""
    words = [w for w in _WORD.findall(summary) if w.lower() not in _LINKING]
    if not words:
        return False
    seen = {_stem(w) for q in quotes for w in _WORD.findall(q)}
    return sum(_stem(w) in seen for w in words) / len(words) >= min_share
