"""Start the test provider (provider.py) in a subprocess on a free loopback port, and sign in
there as a person would: what the SSO tests use."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import requests

from oidc.provider import CLIENT_ID, CLIENT_SECRET, PASSWORD

PROVIDER = Path(__file__).resolve().parent / "provider.py"


@dataclass
class RunningProvider:
    process: subprocess.Popen
    issuer: str  # http://127.0.0.1:PORT/openid
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET
    password: str = PASSWORD

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_provider(*redirect_uris: str, timeout: float = 60) -> RunningProvider:
    """The provider, ready, accepting these redirect URIs (otesite's callback as the browser sees it)."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    args = [sys.executable, str(PROVIDER), "--port", "0"]
    for uri in redirect_uris:
        args += ["--redirect-uri", uri]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    deadline = time.monotonic() + timeout
    lines = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if found := re.match(r"OpenID provider ready at (\S+)", line):
            # The rest is for people; read it anyway, or a full (or closed) pipe stops the provider.
            threading.Thread(target=process.stdout.read, daemon=True).start()
            return RunningProvider(process, found.group(1))
    process.kill()
    raise RuntimeError("the test OpenID provider did not start:\n" + "".join(lines))


def sign_in_at_provider(authorize_url: str, email: str, password: str = PASSWORD, *, back_to: str) -> str:
    """Open the authorization URL, sign in at the provider's page, and return the URL it sends
    the browser back to (starting with `back_to`), code and state included."""
    browser = requests.Session()
    page = browser.get(authorize_url, timeout=10)  # not signed in there: its login page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = browser.post(
        page.url,
        data={"username": email, "password": password, "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=10,
    )
    for _ in range(5):
        location = response.headers.get("Location", "")
        if location.startswith(back_to):
            return location
        if response.status_code not in (301, 302, 303):
            raise AssertionError(f"the provider answered {response.status_code}: {response.text[:500]}")
        response = browser.get(urljoin(response.url, location), allow_redirects=False, timeout=10)
    raise AssertionError("the provider never sent the browser back")
