"""robots.txt per origin (RFC 9309, parsed by protego): fetched once, cached, asked before every hop."""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from wiretrace.sources.fetch import Fetcher, Response, host_key

LOGGER = logging.getLogger(__name__)

SKIP_PREFIX = "skipped: "
# RFC 9309 2.5: crawlers must parse at least 500 KiB; what lies beyond may be ignored.
MAX_ROBOTS_CHARS = 500 * 1024


@dataclass(frozen=True, slots=True)
class RobotsFile:
    """What one origin's robots.txt said: rules text, or why there are none."""

    status: int | None
    text: str = ""
    unreachable: str = ""  # non-empty: the file could not be read, so everything is disallowed


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def interpret(response: Response) -> RobotsFile | None:
    """Rules from a robots.txt response by RFC 9309 2.3.1; None when the guard refused it.

    2xx: the rules. 4xx: none ("MAY access any resources"). 5xx, 429, no answer: unreachable,
    which means complete disallow until a later run reads the file.
    """
    if response.status is None and (response.error or "").startswith("refused"):
        return None  # the same guard refuses the page itself, with the better reason
    if response.status == 200 and response.error is None:
        text = response.body.decode("utf-8", errors="replace")[:MAX_ROBOTS_CHARS]
        return RobotsFile(200, text)
    if response.status == 200:
        # An unparseable type or an oversized file holds no rules we could read.
        return RobotsFile(200)
    if response.status is not None and 400 <= response.status < 500 and response.status != 429:
        return RobotsFile(response.status)
    why = f"HTTP {response.status}" if response.status is not None else response.error
    return RobotsFile(response.status, unreachable=why or "no answer")


class RobotsCache:
    """robots.txt of each origin, fetched once through the guarded fetcher, then cached.

    Thread-safe: workers asking about one origin wait for the first to read its file. Each
    robots.txt response is kept in `responses` (with the outlet that needed it) to be archived.
    `known` seeds the cache from an earlier stage of the same run, so nothing is fetched twice.
    """

    def __init__(
        self,
        fetcher: Fetcher,
        *,
        user_agent: str,
        known: Mapping[str, RobotsFile] | None = None,
    ) -> None:
        self.fetcher = fetcher
        self.user_agent = user_agent
        self.files: dict[str, RobotsFile] = dict(known or {})
        self.responses: list[tuple[str, Response]] = []
        self._parsed: dict[str, Protego] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        for origin, robots in self.files.items():
            self._apply(origin, robots)

    def refusal(self, url: str, *, outlet_id: str, allow_private: bool) -> str | None:
        """Why robots.txt forbids this URL ("skipped: ..."), or None when it may be fetched."""
        origin = origin_of(url)
        robots = self._file(origin, url, outlet_id=outlet_id, allow_private=allow_private)
        if robots is None:
            return None
        if robots.unreachable:
            return f"{SKIP_PREFIX}robots.txt unreachable ({robots.unreachable}), nothing fetched"
        rules = self._parsed.get(origin)
        if rules is not None and not rules.can_fetch(url, self.user_agent):
            return f"{SKIP_PREFIX}robots.txt disallows {urlsplit(url).path or '/'}"
        return None

    def take_responses(self) -> list[tuple[str, Response]]:
        with self._lock:
            taken, self.responses = self.responses, []
        return taken

    def _file(
        self, origin: str, url: str, *, outlet_id: str, allow_private: bool
    ) -> RobotsFile | None:
        with self._lock:
            if origin in self.files:
                return self.files[origin]
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            with self._lock:
                if origin in self.files:
                    return self.files[origin]
            response = self.fetcher.get(robots_url(url), allow_private=allow_private)
            robots = interpret(response)
            with self._lock:
                if response.status is not None:
                    self.responses.append((outlet_id, response))
                if robots is None:
                    return None
                self.files[origin] = robots
            self._apply(origin, robots)
            if robots.unreachable:
                LOGGER.warning("robots.txt of %s unreachable: %s", origin, robots.unreachable)
            return robots

    def _apply(self, origin: str, robots: RobotsFile) -> None:
        if not robots.text:
            return
        rules = Protego.parse(robots.text)
        self._parsed[origin] = rules
        delay = rules.crawl_delay(self.user_agent)
        if delay:
            self.fetcher.set_host_delay(host_key(origin), float(delay))
