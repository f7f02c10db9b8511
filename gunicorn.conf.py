"""gunicorn settings for otesite: `gunicorn -c gunicorn.conf.py otesite.wsgi` (what `make serve` runs).

Every value can be overridden from the environment, so the same file serves a laptop and a
fleet of app servers behind a load balancer. Workers keep no state that matters: sessions
live in the database, static files are served by WhiteNoise from the collected, hashed
copies, and what a worker caches is keyed by the data version (performance/cache.py).
"""

import multiprocessing
import os

# Where to listen. Behind a load balancer bind to 0.0.0.0 (BIND=0.0.0.0:8000).
bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")

# Synchronous workers: the pages are short, database-bound requests. The classic rule of
# thumb is 2 × cores + 1; WEB_CONCURRENCY (the Heroku convention) overrides it.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"

# Load the app once in the master so a broken deploy fails at start, not at the first request,
# and workers share the imported code. No database connection is opened at import time.
preload_app = True

# A worker that has not answered in this long is killed and replaced; a slow client
# cannot hold one forever. Keep-alive a little longer than nothing, for the load balancer.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))

# Recycle workers now and then (with jitter so they do not all restart together).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))

# Logs to stdout/stderr, for the service manager or container runtime to collect.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# The TLS-terminating proxy in front sets X-Forwarded-Proto; trust it from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
