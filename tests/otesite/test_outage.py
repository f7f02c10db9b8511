"""When PostgreSQL goes away, pages answer 503 with a message; when it is back, they recover alone.

Runs the real thing: a throwaway PostgreSQL cluster in a temporary folder, the app under gunicorn
(with `gunicorn.conf.py`, persistent connections and health checks as in production), and a
logged-in visitor. The test stops the cluster hard, then starts it again.
"""

import contextlib
import glob
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO

PASSWORD = "correct horse battery staple"
PG_BINARIES = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayPostgres:
    """A PostgreSQL cluster of its own: initdb in a temp dir, trust auth, loopback only."""

    def __init__(self):
        self.bin = Path(PG_BINARIES[-1]).parent
        self.dir = Path(tempfile.mkdtemp(prefix="otesite-outage-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:  # initdb refuses to run as root: the cluster belongs to `postgres`
            shutil.chown(self.dir, "postgres")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync")

    def start(self) -> None:
        options = f"-h 127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "log"), "-o", options, "-w", "start")

    def stop(self) -> None:
        # "immediate": like pulling the plug; clients' connections die without a goodbye.
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def postgres():
    if not PG_BINARIES:
        pytest.skip("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (apt-get install postgresql)")
    if os.geteuid() == 0 and not shutil.which("runuser"):
        pytest.skip("running as root without runuser, so initdb cannot run as the postgres user")
    cluster = ThrowawayPostgres()
    cluster.init()
    cluster.start()
    yield cluster
    cluster.remove()


@pytest.fixture
def app_server(postgres):
    """gunicorn with the test settings (production's, less TLS), one worker so its connection is reused."""
    port = _free_port()
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "otesite.settings_test",
        "DATABASE_URL": postgres.url,
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "GUNICORN_ACCESS_LOG": "",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput"], cwd=REPO, env=env, check=True, capture_output=True)
    create_user = (
        "from django.contrib.auth.models import Group, User; "
        f"User.objects.create_user('olive', password='{PASSWORD}').groups.add(Group.objects.get(name='Managers'))"
    )
    subprocess.run([*manage, "shell", "-c", create_user], cwd=REPO, env=env, check=True, capture_output=True)

    log = (postgres.dir / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "otesite.wsgi"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1)
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    yield base, postgres.dir / "gunicorn.log"
    server.terminate()
    server.wait(timeout=10)
    log.close()


class Browser:
    """Just enough of a browser: cookies, and no exception for 4xx/5xx answers."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def request(self, path: str, data: dict | None = None) -> tuple[int, dict, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=10) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def log_in(self, username: str, password: str) -> None:
        _, _, page = self.request("/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _, page = self.request(
            "/login/", {"username": username, "password": password, "csrfmiddlewaretoken": token}
        )
        assert status == 200, page
        assert "Log out" in page, page


def test_pages_answer_503_while_the_database_is_down_and_recover_when_it_is_back(postgres, app_server):
    base, server_log = app_server
    browser, load_balancer = Browser(base), Browser(base)  # the load balancer sends no cookie
    browser.log_in("olive", PASSWORD)
    assert browser.request("/")[0] == 200

    postgres.stop()
    page_status, page_headers, page = browser.request("/")
    health_status, _, health = load_balancer.request("/healthz")

    assert page_status == 503
    assert "The database is unavailable" in page
    assert page_headers["Retry-After"] == "30"
    assert "Traceback" not in page
    assert health_status == 503
    assert json.loads(health) == {"status": "error", "database": "unavailable"}

    postgres.start()
    page_status, _, page = browser.request("/")
    health_status, _, health = load_balancer.request("/healthz")

    assert page_status == 200, page
    assert "olive" in page  # the session survived: same visitor, no new login
    assert "Log out" in page
    assert health_status == 200
    assert json.loads(health) == {"status": "ok", "database": "ok"}
    assert "OperationalError" in server_log.read_text()  # the outage was logged
