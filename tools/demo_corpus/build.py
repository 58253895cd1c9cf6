# -*- coding: utf-8 -*-
"""Build the wiretrace demo corpus (sources/demo/) from the story texts in content_*.py.

Run `python tools/demo_corpus/build.py`: it deletes and rewrites sources/demo/ entirely.
"""
import hashlib
import html
import json
import os
import shutil
import sys
from datetime import datetime, timezone, timedelta

sys.path.insert(0, os.path.dirname(__file__))
from content_a import A
from content_b import B
from content_c import C

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "sources", "demo")
ARTICLES = A + B + C
BY_KEY = {a["key"]: a for a in ARTICLES}
assert len(BY_KEY) == len(ARTICLES)

EDITION_AT = {
    1: datetime(2025, 6, 13, 4, 0, tzinfo=timezone.utc),
    2: datetime(2025, 6, 13, 10, 0, tzinfo=timezone.utc),
}
SGT = timezone(timedelta(hours=8))
IST = timezone(timedelta(hours=5, minutes=30))


def dt(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


def utc(s):
    return dt(s).astimezone(timezone.utc)


def esc(s):
    return html.escape(s, quote=False)


def attr(s):
    return html.escape(s, quote=True)


for a in ARTICLES:
    a.setdefault("authors", [])
    a.setdefault("credit", None)
    a.setdefault("signoff", None)
    a.setdefault("jsonld", True)
    if not a["authors"]:
        a["jsonld"] = False
    assert utc(a["published"]) <= EDITION_AT[a["edition"]], a["key"]
    assert utc(a["modified"]) <= EDITION_AT[a["edition"]], a["key"]
    if a["edition"] == 2:
        assert utc(a["published"]) > EDITION_AT[1], a["key"]
    assert a["path"].startswith("/" + a["outlet"] + "/") and a["path"].endswith(".html")
    assert 4 <= len(a["paragraphs"]) <= 9, (a["key"], len(a["paragraphs"]))


def visible_before(a, pool):
    """Same-outlet articles a reader could have seen when `a` was published."""
    out = [b for b in pool if b is not a and b["outlet"] == a["outlet"]
           and b["edition"] <= a["edition"] and utc(b["published"]) < utc(a["published"])]
    return out


def related_for(a, n=3):
    earlier = visible_before(a, ARTICLES)
    earlier.sort(key=lambda b: (b["story"] != a["story"], b["section"] != a["section"],
                                -utc(b["published"]).timestamp()))
    picks = earlier[:n]
    if len(picks) < 2:  # the outlet's earliest pages: fill from the morning edition
        more = [b for b in ARTICLES if b is not a and b["outlet"] == a["outlet"]
                and b["edition"] == 1 and b not in picks]
        more.sort(key=lambda b: utc(b["published"]))
        picks += more[: 2 - len(picks)]
    return picks


def also_read_for(a):
    rel = related_for(a, 2)
    return rel[-1] if len(rel) > 1 and rel[0]["story"] == a["story"] else rel[0]


def jsonld(a, publisher, text=None, modified=None):
    d = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a["headline"],
        "description": a["description"],
        "url": "{base}" + a["path"],
        "mainEntityOfPage": {"@type": "WebPage", "@id": "{base}" + a["path"]},
        "datePublished": a["published"],
        "dateModified": modified or a["modified"],
        "author": [{"@type": "Person", "name": n} for n in a["authors"]],
        "publisher": {"@type": "Organization", "name": publisher},
        "articleSection": a["section"],
        "inLanguage": "en",
    }
    if text is not None:
        d["articleBody"] = text
    s = json.dumps(d, ensure_ascii=False, indent=None)
    assert "</" not in s
    return '<script type="application/ld+json">' + s + "</script>"


def head(a, title, site_name, modified, extra_meta="", ld=""):
    authors = ", ".join(a["authors"])
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f'<meta name="description" content="{attr(a["description"])}">',
    ]
    if authors:
        lines.append(f'<meta name="author" content="{attr(authors)}">')
    lines += [
        f'<meta property="og:site_name" content="{attr(site_name)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{attr(a["headline"])}">',
        f'<meta property="og:description" content="{attr(a["description"])}">',
        f'<meta property="og:url" content="{{base}}{a["path"]}">',
        f'<meta property="article:published_time" content="{a["published"]}">',
        f'<meta property="article:modified_time" content="{modified}">',
        f'<meta property="article:section" content="{attr(a["section"])}">',
    ]
    if extra_meta:
        lines.append(extra_meta)
    lines.append(f'<link rel="canonical" href="{{base}}{a["path"]}">')
    if ld:
        lines.append(ld)
    lines.append("</head>")
    return "\n".join(lines)


PIXEL = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


def names(authors):
    if len(authors) <= 1:
        return authors[0] if authors else ""
    return ", ".join(authors[:-1]) + " and " + authors[-1]


# ------------------------------------------------------------------ Reuters
def reuters_time(s):
    d = utc(s)
    return d.strftime("%B ") + str(d.day) + d.strftime(", %Y"), d.strftime("%I:%M %p UTC").lstrip("0")


def render_reuters(a, paragraphs, modified, note=None):
    ld = jsonld(a, "Reuters", modified=modified) if a["jsonld"] else ""
    out = [head(a, f'{a["headline"]} | Reuters', "Reuters", modified, ld=ld)]
    out.append("<body>")
    out.append('<header class="site-header"><a class="site-logo" href="{base}/reuters/">Reuters</a>'
               '<nav aria-label="Main navigation" class="nav-bar"><ul>'
               '<li><a href="{base}/reuters/world/">World</a></li><li><a href="{base}/reuters/business/">Business</a></li>'
               '<li><a href="{base}/reuters/markets/">Markets</a></li><li><a href="{base}/reuters/sustainability/">Sustainability</a></li>'
               '<li><a href="{base}/reuters/legal/">Legal</a></li><li><a href="{base}/reuters/breakingviews/">Breakingviews</a></li>'
               '<li><a href="{base}/reuters/technology/">Technology</a></li></ul></nav>'
               '<a class="sign-in" href="{base}/reuters/account/sign-in/">Sign In</a> <a class="register" href="{base}/reuters/account/register/">Register</a></header>')
    out.append('<main id="main-content" class="regular-article-layout__main">')
    crumbs = ['<li><a href="{base}/reuters/">Home</a></li>']
    segs = a["path"].split("/")[2:-1]
    for name, seg in zip(a["crumbs"], segs):
        crumbs.append(f'<li><a href="{{base}}/reuters/{"/".join(segs[:segs.index(seg) + 1])}/">{esc(name)}</a></li>')
    out.append('<nav aria-label="Breadcrumb" class="article-header__breadcrumbs" data-testid="Breadcrumbs"><ol>' + "".join(crumbs) + "</ol></nav>")
    out.append('<article class="article__container">')
    pday, ptime = reuters_time(a["published"])
    out.append('<header class="article-header">')
    out.append(f'<h1 data-testid="Heading" class="article-header__title">{esc(a["headline"])}</h1>')
    bylinks = " and ".join(
        f'<a rel="author" href="{{base}}/reuters/authors/{n.lower().replace(" ", "-")}/" class="author-name">{esc(n)}</a>'
        for n in a["authors"])
    out.append(f'<div class="article-info"><div class="article-info__byline" data-testid="AuthorByline">By {bylinks}</div>')
    upd = ""
    if modified != a["published"]:
        mday, mtime = reuters_time(modified)
        upd = f'<span class="date-line__date">Updated {mday} {mtime}</span>'
    out.append(f'<time datetime="{a["published"]}" data-testid="Body" class="info-content__dateline">'
               f'<span class="date-line__date">{pday}</span><span class="date-line__date">{ptime}</span>{upd}</time></div>')
    out.append('<div data-testid="ArticleToolbar" class="toolbar">Share <button>X</button> <button>Facebook</button> '
               '<button>LinkedIn</button> <button>Email</button> <button>Link</button> <button aria-label="Save article">Save</button></div>')
    out.append("</header>")
    out.append(f'<figure class="article-body__primary-image" data-testid="primary-image"><img src="{PIXEL}" alt="{attr(a["headline"])}" width="1200" height="800">'
               f'<figcaption data-testid="Caption" class="image-caption">{esc(a["caption"])} <span class="purchase-licensing">Purchase Licensing Rights</span></figcaption></figure>')
    if note:
        out.append(f'<p class="article-body__update-note" data-testid="UpdateNote"><em>{esc(note)}</em></p>')
    out.append('<div data-testid="ArticleBody" class="article-body__content">')
    for i, p in enumerate(paragraphs):
        out.append(f'<div data-testid="paragraph-{i}" class="text__text article-body__paragraph">{esc(p)}</div>')
        if i == 2:
            out.append('<div class="article-body__newsletter" data-testid="NewsletterInline"><p>Sign up for our newsletter: The Daily Briefing, '
                       'our morning news roundup, sent to your inbox every weekday. <a href="{base}/reuters/newsletters/">Sign up here.</a></p></div>')
    out.append("</div>")
    if a["signoff"]:
        out.append(f'<p class="sign-off" data-testid="SignOff">{esc(a["signoff"])}</p>')
    out.append('<p class="trust-badge">Our Standards: <a href="{base}/reuters/info-pages/trust-principles/">The Thomson Reuters Trust Principles.</a></p>')
    out.append('<div class="article__share" data-testid="ShareBar">Share this article: <a>X</a> <a>Facebook</a> <a>LinkedIn</a> <a>Email</a> <a>Copy link</a></div>')
    out.append("</article>")
    out.append('<section class="related-content" data-testid="RelatedStories"><h2>Related stories</h2><ul>')
    for r in related_for(a):
        out.append(f'<li><a href="{{base}}{r["path"]}">{esc(r["headline"])}</a></li>')
    out.append("</ul></section>")
    out.append('<aside class="newsletter-signup" data-testid="NewsletterSignup"><h2>Get the Reuters Daily Briefing</h2>'
               '<p>Sign up for our newsletter to get the day&#x27;s top stories from Reuters, delivered to your inbox.</p>'
               '<form action="{base}/reuters/newsletters/subscribe" method="post"><label for="nl-email">Email address</label> '
               '<input id="nl-email" type="email" name="email"> <button type="submit">Sign up</button></form></aside>')
    out.append("</main>")
    out.append('<footer class="site-footer"><nav><ul><li><a href="{base}/reuters/info-pages/about-us/">About Reuters</a></li>'
               '<li><a href="{base}/reuters/info-pages/terms-of-use/">Terms of Use</a></li><li><a href="{base}/reuters/info-pages/privacy-statement/">Privacy</a></li></ul></nav>'
               '<p>All quotes delayed a minimum of 15 minutes.</p><p>© 2025 Reuters. All rights reserved</p></footer>')
    out.append("</body>\n</html>\n")
    return "\n".join(out)


# ------------------------------------------------------------------ CNA
def cna_time(s):
    d = dt(s).astimezone(SGT)
    return f"{d.day:02d} " + d.strftime("%b %Y ") + d.strftime("%I:%M%p").lstrip("0")


def render_cna(a, paragraphs, modified, note=None):
    ld = jsonld(a, "CNA", modified=modified) if a["jsonld"] else ""
    out = [head(a, f'{a["headline"]} - CNA', "CNA", modified, ld=ld)]
    out.append("<body>")
    out.append('<header class="header"><a class="header__logo" href="{base}/cna/">CNA</a>'
               '<nav class="main-menu" aria-label="Main menu"><ul>'
               '<li><a href="{base}/cna/singapore/">Singapore</a></li><li><a href="{base}/cna/asia/">Asia</a></li>'
               '<li><a href="{base}/cna/commentary/">Commentary</a></li><li><a href="{base}/cna/cna-insider/">CNA Insider</a></li>'
               '<li><a href="{base}/cna/business/">Business</a></li><li><a href="{base}/cna/sport/">Sport</a></li>'
               '<li><a href="{base}/cna/lifestyle/">Lifestyle</a></li><li><a href="{base}/cna/world/">World</a></li>'
               '<li><a href="{base}/cna/watch/">Watch</a></li></ul></nav></header>')
    seg = a["path"].split("/")[2]
    out.append('<main class="main-content">')
    out.append(f'<nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="{{base}}/cna/">Home</a></li>'
               f'<li><a href="{{base}}/cna/{seg}/">{esc(a["crumbs"][0])}</a></li></ol></nav>')
    out.append('<article class="article content-detail">')
    out.append(f'<p class="content-detail__category"><a href="{{base}}/cna/{seg}/">{esc(a["section"])}</a></p>')
    out.append(f'<h1 class="h1 h1--page-title">{esc(a["headline"])}</h1>')
    out.append(f'<div class="content-detail__description"><p>{esc(a["description"])}</p></div>')
    out.append(f'<figure class="figure"><img src="{PIXEL}" alt="" width="1200" height="675">'
               f'<figcaption class="figure__caption">{esc(a["caption"])}</figcaption></figure>')
    out.append('<div class="article-publish">')
    if a["authors"]:
        by = " and ".join(f'<a href="{{base}}/cna/author/{n.lower().replace(" ", "-")}/">{esc(n)}</a>' for n in a["authors"])
        out.append(f'<div class="article-publish__by">{by}</div>')
    upd = cna_time(modified)
    out.append(f'<time class="article-publish__date" datetime="{a["published"]}">{cna_time(a["published"])}</time>'
               f' <span class="article-publish__updated">(Updated: {upd})</span>')
    out.append("</div>")
    out.append('<div class="social-share" aria-label="Share">Share this article: <a>WhatsApp</a> <a>Telegram</a> '
               '<a>Facebook</a> <a>X</a> <a>Email</a> <a>LinkedIn</a> <button>Bookmark</button></div>')
    if note:
        out.append(f'<p class="content-detail__update-note"><em>{esc(note)}</em></p>')
    half = (len(paragraphs) + 1) // 2
    out.append('<div class="text"><div class="text-long">')
    out.extend(f"<p>{esc(p)}</p>" for p in paragraphs[:half])
    out.append('</div></div>')
    out.append('<div class="advertisement" aria-hidden="true"><span class="advertisement__label">Advertisement</span></div>')
    out.append('<div class="text"><div class="text-long">')
    out.extend(f"<p>{esc(p)}</p>" for p in paragraphs[half:])
    out.append('</div></div>')
    if a["credit"]:
        out.append(f'<div class="source"><p class="source__text">{esc(a["credit"])}</p></div>')
    out.append('<section class="newsletter-signup"><h3>Newsletter</h3><p>Sign up for our newsletter: get our pick of top '
               'stories and thought-provoking articles in your inbox.</p><form action="{base}/cna/newsletter" method="post">'
               '<input type="email" name="email" aria-label="Email"> <button type="submit">Subscribe</button></form></section>')
    out.append('<section class="related-articles"><h2 class="h2">Related:</h2><ul>')
    for r in related_for(a):
        out.append(f'<li><a href="{{base}}{r["path"]}">{esc(r["headline"])}</a></li>')
    out.append("</ul></section>")
    out.append("</article>")
    out.append("</main>")
    out.append('<footer class="footer"><p>Copyright© Mediacorp 2025. Mediacorp Pte Ltd. All rights reserved.</p>'
               '<ul><li><a href="{base}/cna/terms-and-conditions/">Terms &amp; Conditions</a></li>'
               '<li><a href="{base}/cna/privacy-policy/">Privacy Policy</a></li></ul></footer>')
    out.append("</body>\n</html>\n")
    return "\n".join(out)


# ------------------------------------------------------------------ India Times
def toi_time(s):
    d = dt(s).astimezone(IST)
    return d.strftime("%b ") + str(d.day) + d.strftime(", %Y, %H:%M IST")


def render_indiatimes(a, paragraphs, modified, note=None):
    text = " ".join(paragraphs + ([a["credit"]] if a["credit"] else []))
    ld = jsonld(a, "The Times of India", text=text, modified=modified) if a["jsonld"] else ""
    out = [head(a, f'{a["headline"]} - Times of India', "The Times of India", modified, ld=ld)]
    out.append("<body>")
    out.append('<div id="app"><header class="TOI_header"><a class="logo" href="{base}/indiatimes/">The Times of India</a>'
               '<nav class="main_nav" aria-label="Sections"><ul>'
               '<li><a href="{base}/indiatimes/">Home</a></li><li><a href="{base}/indiatimes/city/">City</a></li>'
               '<li><a href="{base}/indiatimes/india/">India</a></li><li><a href="{base}/indiatimes/world/">World</a></li>'
               '<li><a href="{base}/indiatimes/business/">Business</a></li><li><a href="{base}/indiatimes/technology/">Tech</a></li>'
               '<li><a href="{base}/indiatimes/sports/cricket/">Cricket</a></li><li><a href="{base}/indiatimes/sports/">Sports</a></li>'
               '<li><a href="{base}/indiatimes/entertainment/">Entertainment</a></li></ul></nav></header>')
    segs = a["path"].split("/articleshow/")[0].split("/")[2:-1]
    crumbs = ['<li><a href="{base}/indiatimes/">News</a></li>']
    for i, name in enumerate(a["crumbs"]):
        href = "/".join(segs[: i + 1]) if i < len(segs) else "/".join(segs)
        crumbs.append(f'<li><a href="{{base}}/indiatimes/{href}/">{esc(name)}</a></li>')
    out.append('<main class="contentwrapper">')
    out.append('<nav class="breadcrumb" aria-label="Breadcrumb"><ol>' + "".join(crumbs) + "</ol></nav>")
    out.append('<article class="artText">')
    out.append(f'<h1 class="HNMDR"><span>{esc(a["headline"])}</span></h1>')
    by = " | ".join(esc(n) for n in a["authors"]) or "TOI News Desk"
    out.append(f'<div class="xf8Pm byline"><span class="byline_name">{by}</span> / TIMESOFINDIA.COM / '
               f'<time datetime="{a["published"]}">Updated: {toi_time(modified)}</time></div>')
    out.append('<div class="share_icons">Share: <a>Facebook</a> <a>X</a> <a>WhatsApp</a> <a>Email</a> <span>Follow us</span></div>')
    out.append(f'<figure class="leadmedia"><img src="{PIXEL}" alt="{attr(a["headline"])}" width="1200" height="900">'
               f'<figcaption class="img_cptn">{esc(a["caption"])}</figcaption></figure>')
    if note:
        out.append(f'<p class="update_note"><em>{esc(note)}</em></p>')
    also = also_read_for(a)
    body = []
    for i, p in enumerate(paragraphs):
        body.append(esc(p))
        if i + 1 == a.get("also_read_after", 2):
            body.append(f'<div class="also-read"><span class="also-read__label">Also read:</span> '
                        f'<a href="{{base}}{also["path"]}">{esc(also["headline"])}</a></div>')
    if a["credit"]:
        body.append(esc(a["credit"]))
    joined = ""
    for i, chunk in enumerate(body):
        if i and not chunk.startswith("<div") and not body[i - 1].startswith("<div"):
            joined += "<br/><br/>"
        joined += chunk
    out.append(f'<div class="_s30J clearfix" data-articlebody="1">{joined}</div>')
    out.append('<div class="newsletter_box"><h3>Newsletter</h3><p>Sign up for our newsletter to get the top stories of the day, '
               'handpicked by TOI editors, in your inbox.</p><form action="{base}/indiatimes/newsletter" method="post">'
               '<input type="email" name="email" aria-label="Email"> <button type="submit">Subscribe</button></form></div>')
    out.append('<div class="related_stories"><h2>Related stories</h2><ul>')
    for r in related_for(a):
        out.append(f'<li><a href="{{base}}{r["path"]}">{esc(r["headline"])}</a></li>')
    out.append("</ul></div>")
    out.append("</article>")
    out.append("</main>")
    out.append('<footer class="TOI_footer"><p>Copyright © 2025 Bennett, Coleman &amp; Co. Ltd. All rights reserved. '
               'For reprint rights: Times Syndication Service</p></footer></div>')
    out.append("</body>\n</html>\n")
    return "\n".join(out)


RENDER = {"reuters": render_reuters, "cna": render_cna, "indiatimes": render_indiatimes}


def write(rel, text):
    path = os.path.join(OUT, rel.lstrip("/"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# ------------------------------------------------------------------ feeds
def rfc822(s, tz):
    d = dt(s).astimezone(tz)
    off = d.strftime("%z")
    return d.strftime("%a, %d %b %Y %H:%M:%S ") + off


def ms(s, key):
    n = int(hashlib.sha1(key.encode()).hexdigest(), 16) % 1000
    return utc(s).strftime("%Y-%m-%dT%H:%M:%S") + f".{n:03d}Z"


def zstr(s):
    return utc(s).strftime("%Y-%m-%dT%H:%M:%SZ")


def feed_items(outlet, edition):
    items = []
    for a in ARTICLES:
        if a["outlet"] != outlet or a["edition"] > edition:
            continue
        mod = a["modified"]
        if edition >= 2 and a.get("update"):
            mod = a["update"]["modified"]
        items.append((a, mod))
    return items


def reuters_sitemap(edition):
    items = feed_items("reuters", edition)
    items.sort(key=lambda t: utc(t[1]), reverse=True)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">']
    for a, mod in items:
        out.append(f'<url><loc>{{base}}{a["path"]}</loc><lastmod>{ms(mod, a["key"] + mod)}</lastmod>'
                   f'<news:news><news:publication><news:name>Reuters</news:name><news:language>en</news:language></news:publication>'
                   f'<news:publication_date>{zstr(a["published"])}</news:publication_date><news:title>{esc(a["headline"])}</news:title></news:news></url>')
    out.append("</urlset>\n")
    return "\n".join(out)


def cna_escape(s):
    return html.escape(s, quote=False).replace("'", "&#039;")


def cna_feed(edition):
    items = feed_items("cna", edition)
    items.sort(key=lambda t: utc(t[0]["published"]), reverse=True)
    build = {1: "Fri, 13 Jun 2025 11:58:40 +0800 ", 2: "Fri, 13 Jun 2025 17:58:12 +0800 "}[edition]
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<?xml-stylesheet title="XSL_formatting" type="text/xsl" href="/static/rss/nolsol.xsl"?>',
           '<rss version="2.0" xml:base="{base}/cna/"  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
           "  <channel>",
           "    <title>Latest News</title>",
           "    <link>{base}/cna/</link>",
           "    <description>mediacorp feed news</description>",
           f"            <lastBuildDate>{build}</lastBuildDate>",
           "              <generator>Mediacorp</generator>",
           "              <ttl> 20 </ttl>",
           "        <image>",
           "        <url>{base}/cna/image/apple-touch-icon.png</url>",
           "                  <title>Latest News</title>",
           "                <link>{base}/cna/</link>",
           "        <width>114</width>",
           "                <height>114</height>",
           "                <description>mediacorp feed news</description>",
           "      </image>"]
    for a, mod in items:
        guid = a["path"].rsplit("-", 1)[1].split(".")[0]
        out += ["    <item>",
                f"  <title>{cna_escape(a['headline'])}</title>",
                f"  <link>{{base}}{a['path']}</link>",
                f"    <description>{cna_escape(a['description'])}</description>",
                f"  <pubDate>{rfc822(a['published'], SGT)}</pubDate>",
                f'  <guid isPermaLink="false">{guid}</guid>',
                "    </item>"]
    out += ["  </channel>", "</rss>", ""]
    return "\n".join(out)


def toi_feed(edition):
    items = feed_items("indiatimes", edition)
    items.sort(key=lambda t: utc(t[0]["published"]), reverse=True)
    build = {1: "Fri, 13 Jun 2025 09:28:40 +0530", 2: "Fri, 13 Jun 2025 15:28:12 +0530"}[edition]
    title = "Times of India"
    out = ['<?xml version="1.0" encoding="UTF-8"?><rss xmlns:atom="http://www.w3.org/2005/Atom" version="2.0"><channel>'
           f"<title>{title}</title><link>{{base}}/indiatimes/</link>"
           "<description>The Times of India: Breaking news, top stories and latest headlines from India and around the world</description>"
           f"<language>en-gb</language><lastBuildDate>{build}</lastBuildDate>"
           '<atom:link type="application/rss+xml" rel="self" href="{base}/indiatimes/rssfeedstopstories.cms"/>'
           "<copyright>Copyright:(C) 2025 Bennett, Coleman &amp; Co. Ltd, {base}/indiatimes/policyterms/1554651.cms</copyright>"
           "<docs>{base}/indiatimes/syndication/</docs>"
           f"<image><title>{title}</title><url>{{base}}/indiatimes/photo/507610.cms</url><link>{{base}}/indiatimes/</link></image>"]
    for a, mod in items:
        msid = a["path"].rsplit("/", 1)[1].split(".")[0]
        img = (f'<img border="0" hspace="10" align="left" style="margin-top:3px;margin-right:5px;" '
               f'src="{{base}}/indiatimes/photo/{msid}.cms" />')
        desc = esc(img) + " " + esc(a["description"])
        if a.get("feed_iso_date"):
            pub = dt(a["published"]).astimezone(IST).isoformat()
        else:
            pub = rfc822(a["published"], IST)
        out.append(f"<item><title>{esc(a['headline'])}</title><description>{desc}</description>"
                   f"<link>{{base}}{a['path']}</link><guid>{{base}}{a['path']}</guid><pubDate>{pub}</pubDate></item>")
    out.append("</channel></rss>\n")
    return "".join(out)


def main():
    if os.path.exists(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    for a in ARTICLES:
        write("site" + a["path"], RENDER[a["outlet"]](a, a["paragraphs"], a["modified"]))
        if a.get("update"):
            u = a["update"]
            paras = list(a["paragraphs"])
            assert paras[u["paragraph"]].count(u["old"]) == 1
            paras[u["paragraph"]] = paras[u["paragraph"]].replace(u["old"], u["new"])
            write("editions/2" + a["path"], RENDER[a["outlet"]](a, paras, u["modified"], note=u["note"]))
    for k in (1, 2):
        write(f"editions/{k}/reuters/news-sitemap.xml", reuters_sitemap(k))
        write(f"editions/{k}/cna/rss-outbound-feed.xml", cna_feed(k))
        write(f"editions/{k}/indiatimes/rssfeedstopstories.cms", toi_feed(k))


if __name__ == "__main__":
    main()
    import meta_files
    meta_files.main(ARTICLES, OUT)
