from pathlib import Path

import pytest

from wiretrace.sources.config import (
    ConfigError,
    alias_map,
    default_outlets_path,
    load_outlets,
    parse_outlets,
)


def test_shipped_outlets_are_the_three_real_ones_with_real_endpoints():
    outlets = {o.id: o for o in load_outlets(default_outlets_path())}
    assert set(outlets) == {"reuters", "cna", "indiatimes"}
    assert outlets["reuters"].kind == "wire"
    assert outlets["reuters"].sitemaps[0].startswith("https://www.reuters.com/")
    assert outlets["cna"].feeds[0].startswith("https://www.channelnewsasia.com/")
    assert not any(o.allow_private for o in outlets.values())


def test_aliases_map_outlet_names_to_ids():
    aliases = alias_map(load_outlets(default_outlets_path()))
    assert aliases["channel news asia"] == "cna"
    assert aliases["times of india"] == "indiatimes"
    assert aliases["reuters"] == "reuters"


def test_base_placeholder_is_replaced(tmp_path: Path):
    path = tmp_path / "o.toml"
    path.write_text('[[outlet]]\nid = "x"\nfeeds = ["{base}/rss.xml"]\n')
    (outlet,) = load_outlets(path, base_url="http://127.0.0.1:9")
    assert outlet.feeds == ("http://127.0.0.1:9/rss.xml",)
    assert outlet.domains == ("127.0.0.1",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not toml [", "not valid TOML"),
        ("", "no [[outlet]]"),
        ('[[outlet]]\nid = "Bad Id"\nfeeds = ["https://a.example/f"]', "'id' must be"),
        ('[[outlet]]\nid = "a"\nkind = "blog"\nfeeds = ["https://a.example/f"]', "'kind' must be"),
        ('[[outlet]]\nid = "a"', "needs at least one of"),
        ('[[outlet]]\nid = "a"\nfeeds = ["ftp://a.example/f"]', "not an http(s) URL"),
        (
            '[[outlet]]\nid = "a"\nfeeds = ["https://a.example/f"]\ntimezone = "Mars/Base"',
            "unknown timezone",
        ),
        ('[[outlet]]\nid = "a"\nfeeds = ["https://a.example/f"]\nfeedz = []', "unknown key"),
        (
            '[[outlet]]\nid = "a"\nfeeds = ["https://a.example/f"]\n[[outlet]]\nid = "a"\nfeeds = ["https://b.example/f"]',
            "duplicate id",
        ),
    ],
)
def test_bad_outlets_file_gives_one_line_reason(text: str, message: str):
    with pytest.raises(ConfigError) as info:
        parse_outlets(text, origin="o.toml")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_an_outlet_declared_with_no_feeds_is_known_but_never_polled():
    (outlet,) = parse_outlets(
        '[[outlet]]\nid = "ap"\nname = "The Associated Press"\nkind = "wire"\n'
        'aliases = ["AP", "Associated Press"]\nfeeds = []\n'
    )
    assert (outlet.kind, outlet.feeds, outlet.sitemaps, outlet.domains) == ("wire", (), (), ())
    assert alias_map([outlet])["associated press"] == "ap"


def test_an_unpolled_outlet_is_never_fetched():
    from wiretrace.sources.collect import poll_outlets

    class NoNetwork:
        policy = type("Policy", (), {"user_agent": "test"})()

        def get(self, *args, **kwargs):
            raise AssertionError("an outlet with feeds = [] must not be fetched")

    outlets = parse_outlets('[[outlet]]\nid = "afp"\nkind = "wire"\nfeeds = []\n')
    result = poll_outlets(outlets, NoNetwork(), run_id="r1", archive=None, validators={})
    assert result.fetches == [] and result.entries == []
