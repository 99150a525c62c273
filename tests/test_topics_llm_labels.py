"""The optional language-model labeller, against a real local HTTP server standing in for llama.cpp/Ollama."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import numpy as np
import pytest

from insight.topics.llm_labels import OpenAICompatibleLabeller, apply_labeller, grounded, parse_answer
from insight.topics.records import FittedTopic, TopicFit

QUOTES = {
    0: ["Customer wants to pause their plan while abroad for 3 months", "Going abroad, can we pause the plan?"],
    1: ["Login loops back to the login screen after the app update", "App update broke login, loops forever"],
    2: ["Engineer was late for the install", "Install engineer arrived two hours late"],
}
ANSWERS = {  # what the stub model says for the topic whose first quote it sees
    0: {"name": "Pause plan while abroad", "summary": "Customers going abroad want to pause their plan."},
    1: {"name": "Refund fraud", "summary": "Made-up words nobody wrote about refunds and fraud."},  # not grounded
    2: "not json at all",
}


class _Stub(BaseHTTPRequestHandler):
    requests: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Stub.requests.append(body)
        prompt = body["messages"][0]["content"]
        topic = next(t for t, quotes in QUOTES.items() if quotes[0] in prompt)
        answer = ANSWERS[topic]
        content = answer if isinstance(answer, str) else "Sure:\n```json\n" + json.dumps(answer) + "\n```"
        data = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def stub_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Stub.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def _fit() -> tuple[TopicFit, list[str]]:
    texts = [q for t in sorted(QUOTES) for q in QUOTES[t]]
    topics, row = [], 0
    for t, label in enumerate(["Pause plan", "Login screen", "Engineer"]):
        reps = tuple(range(row, row + len(QUOTES[t])))
        row += len(QUOTES[t])
        topics.append(FittedTopic(t, len(reps), label, (label.lower(),), np.zeros(4, np.float32), reps))
    return TopicFit(np.repeat(np.arange(3), 2), np.ones(6, np.float32), tuple(topics), 0.3), texts


def test_grounded_names_from_the_model_replace_phrase_names_and_the_rest_fall_back(stub_url):
    fit, texts = _fit()
    named, summaries = apply_labeller(fit, texts, OpenAICompatibleLabeller(stub_url, "tiny", timeout=5))
    assert [t.label for t in named.topics] == ["Pause plan while abroad", "Login screen", "Engineer"]
    assert summaries[0] == "Customers going abroad want to pause their plan."
    assert "fraud" not in summaries[1].lower()  # ungrounded: the most typical quote instead
    assert summaries[1] in QUOTES[1] and summaries[2] in QUOTES[2]
    assert len(_Stub.requests) == 3 and _Stub.requests[0]["model"] == "tiny"
    assert "Draft name: Pause plan" in _Stub.requests[0]["messages"][0]["content"]


def test_an_unreachable_endpoint_keeps_the_extractive_names_and_is_asked_once():
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    fit, texts = _fit()
    calls = []

    class Counting(OpenAICompatibleLabeller):
        def suggest(self, draft, quotes):
            calls.append(draft)
            return super().suggest(draft, quotes)

    named, summaries = apply_labeller(fit, texts, Counting(f"http://127.0.0.1:{port}/v1", timeout=2))
    assert [t.label for t in named.topics] == [t.label for t in fit.topics]
    assert len(calls) == 1
    assert all(summaries[t] in QUOTES[t] for t in QUOTES)


def test_grounding_and_parsing_rules():
    quotes = ["eSIM activation fails on the new phone"]
    assert grounded("eSIM activation fails", quotes)
    assert grounded("eSIM activation failing on phones", quotes)  # tense/plural endings
    assert not grounded("Billing dispute", quotes)
    assert not grounded("eSIM activation fails on the new phone again today", quotes)  # too long
    assert parse_answer({"choices": [{"message": {"content": '{"name": " Pause plan. ", "summary": "x"}'}}]}).name == (
        "Pause plan"
    )
    assert parse_answer({"choices": []}) is None
    assert parse_answer({"choices": [{"message": {"content": "{broken"}}]}) is None
