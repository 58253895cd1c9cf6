"""Canonical URLs and stable entry keys, so one story is one article."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from wiretrace.records import stable_id

# Query parameters that track a click and never select an article.
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


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no default port, tracking parameters removed.

    Unlike courlan's strict mode, parameters that may select the article are kept.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port
    netloc = (
        host
        if port is None or (scheme, port) in (("http", 80), ("https", 443))
        else (f"{host}:{port}")
    )
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in TRACKING_PARAMS and not key.lower().startswith(TRACKING_PREFIXES)
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def entry_key(feed_url: str, link: str) -> str:
    """Key of a feed entry: its feed and canonical link.

    Not the GUID: some feeds change GUIDs between polls, and a link with tracking parameters
    added is still the same entry once canonicalised.
    """
    return stable_id(canonical_url(feed_url), canonical_url(link))
