"""What tests of pages share: the charts' data on a page, and the queries a request makes."""

import json
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext


def chart_data(response) -> dict[str, dict]:
    """Every chart's json_script payload, by element id."""
    found = re.findall(r'<script id="([^"]+)" type="application/json">(.*?)</script>', response.content.decode())
    return {element_id: json.loads(payload) for element_id, payload in found}


def queries_for(client, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)
