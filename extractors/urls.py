"""Canonical URLs and stable entry keys, so one story is one article."""

from __future__ import annotations

import functools
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

from courlan import is_external
from w3lib.url import canonicalize_url, url_query_cleaner

from wiretrace.records import stable_id

# Query parameters that track a click and never select an article. Named one by one (not
# courlan's pattern, which also drops `cid`, `uid` or `source`, ids on some sites).
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "ocid",
        "cmpid",
        "taid",
        "ito",
        "ref",
        "ref_src",
        "src",
        "from",
        "spm",
        "__twitter_impression",
    }
)
TRACKING_PREFIXES = ("utm_", "at_", "ga_", "pk_", "mtm_")
DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking_param(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


@functools.lru_cache(maxsize=1 << 16)
def canonical_url(url: str) -> str:
    """One spelling per page: w3lib's canonical form, tracking parameters, `www.` and default port gone.

    w3lib lower-cases scheme and host, encodes IDNA, normalises percent-encoding and dot
    segments, sorts the query and drops the fragment. Unlike courlan's strict mode, query
    parameters that may select the article (`?id=7`) are kept. Remembered for the last 65,536
    URLs: a feed's URL comes again with every entry's key, and a rerun meets the same links.
    """
    url = url.strip()
    query = urlsplit(url).query
    trackers = sorted(
        {k for k, _ in parse_qsl(query, keep_blank_values=True) if is_tracking_param(k)}
    )
    try:
        if trackers:
            url = url_query_cleaner(url, trackers, remove=True, unique=False, keep_fragments=False)
        parts = urlsplit(canonicalize_url(url, keep_fragments=False))
        port = parts.port
    except ValueError:
        return url  # not a URL w3lib can read (a bad port, a broken IPv6 literal): keep as given
    host = (parts.hostname or "").removeprefix("www.")
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal
    netloc = host if port is None or DEFAULT_PORTS.get(parts.scheme) == port else f"{host}:{port}"
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))


def choose_canonical(page_url: str, declared: str) -> str:
    """The canonical URL of a page: its `rel=canonical` when that is on the same site, else its own.

    A relative href is resolved against the page. A canonical on another site (a reprint
    pointing at the wire's original) is not followed: it would make two outlets' articles one.
    """
    declared = (declared or "").strip()
    if declared:
        absolute = urljoin(page_url, declared)
        if urlsplit(absolute).scheme in ("http", "https") and not is_external(
            absolute, page_url, ignore_suffix=False
        ):
            return canonical_url(absolute)
    return canonical_url(page_url)


def entry_key(feed_url: str, link: str) -> str:
    """Key of a feed entry: its feed and canonical link.

    Not the GUID: some feeds change GUIDs between polls, and a link with tracking parameters
    added is still the same entry once canonicalised.
    """
    return stable_id(canonical_url(feed_url), canonical_url(link))
