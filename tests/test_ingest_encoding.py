"""Pages decode by what they declare (BOM, HTTP charset, meta tag), as browsers do."""

from __future__ import annotations

import codecs

import pytest

from extractors.encoding import charset_of, codec_for, decode_html

CAFE = "Le café “naïve” coûte €4,5 millions — 12% de plus."
NIKKEI = "日経平均株価は約２％上昇した。"


def html(text: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{text}</p></body></html>"


@pytest.mark.parametrize(
    ("text", "codec", "meta"),
    [
        (
            CAFE,
            "cp1252",
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
        ),
        (CAFE, "cp1252", '<meta charset="iso-8859-1">'),  # latin-1 means windows-1252
        (NIKKEI, "shift_jis", '<meta charset="Shift_JIS">'),
        (NIKKEI, "euc_jp", "<meta charset='euc-jp'>"),
    ],
)
def test_a_charset_declared_only_in_a_meta_tag_is_used(text, codec, meta):
    body = html(text, meta).encode(codec)
    assert text in decode_html(body, "text/html")


@pytest.mark.parametrize(("text", "codec"), [(CAFE, "windows-1252"), (NIKKEI, "Shift_JIS")])
def test_a_charset_declared_only_in_the_http_header_is_used(text, codec):
    body = html(text).encode(codec)
    assert text in decode_html(body, f"text/html; charset={codec}")


def test_the_header_wins_over_the_meta_tag_and_a_bom_over_both():
    body = html(CAFE, '<meta charset="utf-8">').encode("cp1252")
    assert CAFE in decode_html(body, "text/html; charset=windows-1252")
    bom = codecs.BOM_UTF8 + html(CAFE, '<meta charset="windows-1252">').encode("utf-8")
    assert CAFE in decode_html(bom, "text/html; charset=windows-1252")
    assert not decode_html(bom).startswith("\ufeff")


def test_a_default_latin1_header_on_utf8_bytes_is_read_as_utf8():
    body = html(CAFE).encode("utf-8")
    assert charset_of(body, "text/html; charset=ISO-8859-1") == "utf-8"


def test_undeclared_utf8_is_utf8_and_an_xml_declaration_is_dropped():
    body = ('<?xml version="1.0" encoding="utf-8"?>' + html(NIKKEI)).encode("utf-8")
    text = decode_html(body)
    assert NIKKEI in text and not text.startswith("<?xml")


def test_unknown_labels_are_ignored():
    assert codec_for("x-no-such-charset") is None
    assert codec_for("SJIS") == "cp932" and codec_for("GB2312") == "gb18030"
    body = html(CAFE, '<meta charset="x-no-such-charset">').encode("utf-8")
    assert CAFE in decode_html(body)
