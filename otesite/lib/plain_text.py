"""HTML to readable plain text, for the text part of an e-mail made from a page's HTML.

A statement e-mail's plain-text part is its HTML part read back as text, so whatever the one
statement template shows (a new line, a new table) is in both parts without a second template
to keep in step. Headings are underlined, a table row is its cells joined by " | ", a
definition is "term: value", a list item starts with "- ", a link keeps its address, and what
is hidden from screen readers (aria-hidden, decorative marks) is left out.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

BLOCKS = {
    "address", "article", "aside", "blockquote", "caption", "div", "dl", "figure", "footer", "form",
    "header", "main", "nav", "ol", "p", "section", "table", "tbody", "tfoot", "thead", "tr", "ul",
}  # fmt: skip
HEADINGS = {"h1": "=", "h2": "-", "h3": "-", "h4": "-", "h5": "-", "h6": "-"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIPPED = {"head", "script", "style", "template", "title"}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.cells_in_row = 0
        self.skipping: list[str] = []  # the open tags whose content is left out
        self.links: list[str | None] = []
        self.heading: str | None = None

    # --- building lines ---------------------------------------------------------------------

    def _text(self, text: str) -> None:
        self.line.append(text)

    def _break(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.line)).strip()
        self.line = []
        if text:
            self.lines.append(text)
            if self.heading:
                self.lines.append(self.heading * len(text))

    def _paragraph(self) -> None:
        self._break()
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    # --- the parser's events ------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self.skipping or tag in SKIPPED or attributes.get("aria-hidden") == "true":
            if tag not in VOID:
                self.skipping.append(tag)
            return
        if tag in HEADINGS:
            self._paragraph()
            self.heading = HEADINGS[tag]
        elif tag == "br":
            self._break()
        elif tag == "tr":
            self._break()
            self.cells_in_row = 0
        elif tag in ("td", "th"):
            if self.cells_in_row:
                self._text(" | ")
            self.cells_in_row += 1
        elif tag == "li":
            self._break()
            self._text("- ")
        elif tag == "dd":
            self._text(" ")
        elif tag == "a":
            self.links.append(attributes.get("href"))
        elif tag in BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if self.skipping[-1] == tag:
                self.skipping.pop()
            return
        if tag in HEADINGS:
            self._break()
            self.heading = None
            self.lines.append("")
        elif tag == "dt":
            self._text(":")
        elif tag == "a" and self.links:
            href = self.links.pop()
            shown = "".join(self.line)
            if href and href.startswith(("http://", "https://", "mailto:")) and href not in shown:
                self._text(f" ({href})")
        elif tag in ("p", "table", "dl", "ul", "ol", "section", "header", "footer", "article"):
            self._paragraph()
        elif tag in BLOCKS or tag == "li":
            self._break()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self._text(data)


def html_to_text(html: str) -> str:
    """The text a reader sees in `html`, a line per block, ending with one newline."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    reader._break()
    text = "\n".join(reader.lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
