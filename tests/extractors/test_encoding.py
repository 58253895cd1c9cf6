"""Pages decode by what they declare (BOM, HTTP charset, meta tag), as browsers do."""

from __future__ import annotations

import codecs

import pytest

from wiretrace.extractors.encoding import charset_of, codec_for, decode_html

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


def test_a_page_declaring_its_charset_only_in_the_http_header_reads_right():
    from wiretrace.extractors.article import extract_article

    body = (
        "<html><head><title>東京</title></head><body><article><h1>東京の天気</h1>"
        "<p>東京では今週、気温が三十五度を超える日が続くと気象庁が発表した。市民に熱中症への注意を呼びかけている。"
        "屋外での作業は控えるよう求めた。</p><p>都内の病院には熱中症の疑いで多くの人が運ばれ、"
        "消防によると搬送者は前の週の二倍に増えた。</p></article></body></html>"
    ).encode("shift_jis")
    article = extract_article(
        body,
        url="https://example.org/a",
        outlet_id="x",
        content_type="text/html; charset=Shift_JIS",
    )
    assert "気象庁" in article.text


def test_a_canonical_on_another_site_does_not_merge_two_outlets_articles():
    from wiretrace.extractors.article import extract_article

    page = (
        "<html><head><title>T</title><link rel='canonical' href='https://wire.example/story'>"
        "</head><body><article><h1>Rates</h1><p>" + "The central bank cut its key rate by 25 basis "
        "points on Friday, citing slowing growth and easing inflation across the region. "
        * 3
        + "</p></article></body></html>"
    ).encode()
    article = extract_article(page, url="https://outlet.example/news/1", outlet_id="x")
    assert article.canonical_url == "https://outlet.example/news/1"
