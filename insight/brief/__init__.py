"""The weekly brief: a one-page summary of a week for leadership, as Markdown or self-contained HTML.

``build_brief`` assembles a :class:`Brief` from the trend service functions (so every number can be
traced to the notes behind it); ``render_markdown`` and ``render_html`` turn it into a page one that
fits an A4 sheet plus an appendix (``render_page_one`` and ``render_appendix`` for each part). The
summariser is a small protocol, extractive by default, so a language model can be plugged in later.
"""

from insight.brief.build import build_brief
from insight.brief.html import render_html
from insight.brief.markdown import render_appendix, render_markdown, render_page_one
from insight.brief.records import Brief, BriefItem, Headline, KindSection, ProductLine, TopicLine
from insight.brief.summarise import ExtractiveSummariser, Summariser

__all__ = [
    "Brief",
    "BriefItem",
    "ExtractiveSummariser",
    "Headline",
    "KindSection",
    "ProductLine",
    "Summariser",
    "TopicLine",
    "build_brief",
    "render_appendix",
    "render_html",
    "render_markdown",
    "render_page_one",
]
