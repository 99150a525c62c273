"""Topics: fitting runs with BERTopic, matching them across refits, placing new notes on arrival."""
