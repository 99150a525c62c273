"""The packaged English pipeline loads offline and finds people but not products."""

from __future__ import annotations

import pytest

from insight.nlp import english_pipeline

pytestmark = pytest.mark.slow


def test_pipeline_finds_a_person_and_keeps_a_product_as_an_organisation() -> None:
    doc = english_pipeline(("ner",))("Spoke with John Smith about the Vodaline roaming bundle")
    labels = {ent.text: ent.label_ for ent in doc.ents}
    assert labels.get("John Smith") == "PERSON"
    assert labels.get("Vodaline") != "PERSON"


def test_full_pipeline_gives_noun_chunks_and_is_cached() -> None:
    nlp = english_pipeline()
    assert nlp is english_pipeline()
    chunks = [c.text for c in nlp("The customer wants to pause her plan while abroad").noun_chunks]
    assert "her plan" in chunks
