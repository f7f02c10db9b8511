"""JSON in and out without a float anywhere.

Out: every response is written by otesite.lib.jsonnum.dumps, two spaces of indent and a final
newline, exactly as `manage.py export_metrics` prints: a Decimal is a JSON number with exactly
its digits, so `/api/v1/months/YYYY-MM/metrics/` is byte for byte the command's output.
In: numbers keep the text they were sent as (otesite.lib.parse.parse_json), so that the one
parser reads them, with its messages, as it reads a CSV cell.
"""

from __future__ import annotations

from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser
from rest_framework.renderers import BaseRenderer

from otesite.lib import jsonnum
from otesite.lib.parse import ParseError as NotJson
from otesite.lib.parse import parse_json

MAX_BODY_BYTES = 5_000_000  # a batch of 5,000 deals with their closers is well under this


class ExactJSONRenderer(BaseRenderer):
    media_type = "application/json"
    format = "json"
    charset = None  # JSON is UTF-8 by definition; the header says no charset, as DRF's own renderer

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if data is None:
            return b""
        return (jsonnum.dumps(data, indent=2) + "\n").encode()


class ExactJSONParser(BaseParser):
    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        body = stream.read(MAX_BODY_BYTES + 1) if stream is not None else b""
        if len(body) > MAX_BODY_BYTES:
            raise ParseError(f"The body is larger than {MAX_BODY_BYTES // 1_000_000} MB; send fewer records at a time.")
        try:
            return parse_json(body.decode("utf-8"))
        except UnicodeDecodeError:
            raise ParseError("The body is not UTF-8 text.") from None
        except NotJson as error:
            raise ParseError(f"The body is {error}.") from None
