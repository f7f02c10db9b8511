"""Every URL the project serves, with sample values filled in, for tests that must cover them all.

New views are picked up automatically: the walk reads the resolver, not a list.
"""

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern

# Tried in order for each path converter (built-in or custom, e.g. a YYYY-MM month): the first
# value the converter turns into a URL part that it also parses back is used.
SAMPLE_VALUES = [1, "1", date(2026, 3, 1), "2026-03", "sample", uuid.UUID(int=1)]
# The same for the groups of regular-expression routes (the admin's app list and catch-all).
SAMPLE_REGEX_VALUES = ["1", "2026-03", "sample"]


@dataclass(frozen=True)
class WalkedURL:
    path: str  # e.g. "/admin/auth/user/1/change/"
    view_name: str  # "admin:auth_user_change", or the callback's dotted path when unnamed

    def __str__(self) -> str:
        return self.path


def _converter_sample(converter) -> str:
    for value in SAMPLE_VALUES:
        try:
            text = converter.to_url(value)
            if re.fullmatch(converter.regex, text):
                converter.to_python(text)
                return text
        except Exception:
            continue
    raise AssertionError(f"No sample value suits {type(converter).__name__}; add one to SAMPLE_VALUES in {__name__}")


def _route_sample(pattern: RoutePattern) -> str:
    def fill(match: re.Match) -> str:
        return _converter_sample(pattern.converters[match.group("name")])

    return re.sub(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>", fill, str(pattern))


def _group_sample(body: str) -> str:
    candidates = [*SAMPLE_REGEX_VALUES, *body.split("|")]
    for candidate in candidates:
        if re.fullmatch(body, candidate):
            return candidate
    raise AssertionError(f"No sample matches the URL group ({body}); add one to SAMPLE_REGEX_VALUES in {__name__}")


def _regex_sample(pattern: RegexPattern) -> str:
    regex = str(pattern).removeprefix("^").removesuffix("$").removesuffix(r"\Z")
    # Groups in Django's URL regexes do not nest; each one becomes a value that matches it.
    text = re.sub(r"\((?:\?P<\w+>)?([^()]*)\)", lambda m: _group_sample(m.group(1)), regex)
    return text.replace("\\", "")


def _walk(patterns, prefix: str) -> Iterator[str]:
    for entry in patterns:
        part = _route_sample(entry.pattern) if isinstance(entry.pattern, RoutePattern) else _regex_sample(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + part)
        elif isinstance(entry, URLPattern):
            yield prefix + part


def all_urls() -> list[WalkedURL]:
    """One concrete URL per pattern in the project, each checked to resolve."""
    urls = []
    for path in _walk(get_resolver().url_patterns, "/"):
        match = resolve(path)  # Resolver404 here means a sample value above does not fit
        urls.append(WalkedURL(path, match.view_name))
    return urls
