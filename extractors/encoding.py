"""Decode fetched HTML bytes to text the way browsers do: BOM, HTTP charset, meta tag, then a guess."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

# WHATWG "prescan": the first 1024 bytes must hold the meta; outlets pad more, so read 4 KiB.
PRESCAN_BYTES = 4096
META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*(?P<charset>[A-Za-z0-9._:-]+)""", re.IGNORECASE
)
XML_DECLARATION = re.compile(
    r"""^\s*<\?xml[^>]*?\?>""",
)
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["'](?P<charset>[A-Za-z0-9._:-]+)""")
HTTP_CHARSET = re.compile(r"""charset\s*=\s*["']?(?P<charset>[A-Za-z0-9._:-]+)""", re.IGNORECASE)
BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# WHATWG's label table, the part news sites use: a page that says latin-1 means windows-1252,
# Shift_JIS means Microsoft's superset, GB2312 means GB18030.
LABEL_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-kr": "cp949",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
}
WESTERN_SINGLE_BYTE = {"cp1252", "iso8859-15", "cp1250"}


def codec_for(label: str) -> str | None:
    """The Python codec for a charset label, or None when the label names nothing we know."""
    label = label.strip().strip("\"'").lower()
    if not label:
        return None
    label = LABEL_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(body: bytes, content_type: str = "") -> str | None:
    """The charset a page declares, by precedence: BOM, HTTP header, meta tag, XML declaration."""
    for bom, name in BOMS:
        if body.startswith(bom):
            return name
    header = HTTP_CHARSET.search(content_type or "")
    if header:
        codec = codec_for(header.group("charset"))
        if codec:
            return codec
    head = body[:PRESCAN_BYTES]
    for pattern in (META_CHARSET, XML_ENCODING):
        match = pattern.search(head)
        if match:
            codec = codec_for(match.group("charset").decode("ascii", errors="ignore"))
            # A meta tag claiming UTF-16 in an ASCII-compatible prescan is a lie (WHATWG).
            if codec and not codec.startswith("utf-16"):
                return codec
    return None


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def charset_of(body: bytes, content_type: str = "") -> str:
    """The codec to decode a page with: what it declares, else UTF-8 if valid, else a guess."""
    declared = declared_charset(body, content_type)
    if declared in WESTERN_SINGLE_BYTE and not body.isascii() and _is_utf8(body):
        # "charset=iso-8859-1" is many servers' default, not the page's choice; bytes that
        # decode as UTF-8 with non-ASCII in them are UTF-8 in practice.
        return "utf-8"
    if declared:
        return declared
    if _is_utf8(body):
        return "utf-8"
    best = from_bytes(body[: 64 * 1024]).best()
    if best is not None and best.encoding:
        return codec_for(best.encoding) or "cp1252"
    return "cp1252"


def decode_html(body: bytes, content_type: str = "") -> str:
    """The page's text, decoded by its declared (or guessed) charset; undecodable bytes replaced.

    A leading XML declaration is dropped: lxml refuses str input that declares an encoding.
    """
    codec = charset_of(body, content_type)
    for bom, name in BOMS:
        if name == codec and body.startswith(bom):
            body = body[len(bom) :]
            break
    text = body.decode(codec, errors="replace")
    return XML_DECLARATION.sub("", text, count=1)
