"""Provenance as W3C PROV-O in JSON-LD: lineage, every claim's mentions, the archived records.

What wiretrace knows, in the terms provenance tools and archives read:
- an outlet is a `prov:Organization` (a `prov:Agent`);
- an article is a `prov:Entity`; each of its versions a `prov:Entity` that is
  `prov:specializationOf` the article, `prov:wasAttributedTo` its outlet, `prov:wasDerivedFrom`
  the WARC record it was extracted from and `prov:wasRevisionOf` the version before it;
- each archived WARC record is a `prov:Entity` named by its WARC-Record-ID, with its file,
  offset and payload digest, `prov:wasGeneratedBy` the fetch (a `prov:Activity`);
- each mention (a sentence carrying a claim) is a `prov:Entity` `prov:wasDerivedFrom` its
  version and its archived record, `prov:hadPrimarySource` the independent source it counts as;
- each claim is a `prov:Collection` whose `prov:hadMember` are its mentions;
- lineage: an article that reprints another outlet's copy `prov:wasQuotedFrom` it; one that
  credits or cites it `prov:hadPrimarySource` it; each with a qualified influence carrying
  wiretrace's kind (verbatim, credited, attributed) and its evidence.
The context is inline, so a JSON-LD processor needs no network to read the file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import duckdb

from wiretrace.records import Lineage
from wiretrace.warehouse.export import Provenance, ProvMention, ProvVersion, provenance

PROV_FORMAT = "prov"
FILE_NAME = "provenance.jsonld"
PROV = "http://www.w3.org/ns/prov#"
WT = "urn:wiretrace:"  # wiretrace's own terms and ids: names, not addresses to look up
CONTEXT: dict[str, Any] = {
    "prov": PROV,
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "wt": WT + "vocab:",
}
# How each lineage kind reads in PROV-O: the property and its qualified form's class.
LINEAGE_TERMS = {
    "verbatim": ("prov:wasQuotedFrom", "prov:qualifiedQuotation", "prov:Quotation"),
    "credited": ("prov:hadPrimarySource", "prov:qualifiedPrimarySource", "prov:PrimarySource"),
    "attributed": ("prov:hadPrimarySource", "prov:qualifiedPrimarySource", "prov:PrimarySource"),
}


def _iri(kind: str, key: str) -> str:
    return f"{WT}{kind}:{quote(key, safe='')}"


def outlet_iri(outlet_id: str) -> str:
    return _iri("outlet", outlet_id)


def article_iri(article_id: str) -> str:
    return _iri("article", article_id)


def version_iri(version_id: str) -> str:
    return _iri("version", version_id)


def mention_iri(claim_id: str) -> str:
    return _iri("mention", claim_id)


def claim_iri(cluster_id: str) -> str:
    return _iri("claim", cluster_id)


def source_iri(source: str) -> str:
    """An independent source (a root), by the key corroboration gave it."""
    return _iri("source", source)


def copy_iri(outlet_id: str) -> str:
    """What an outlet published that wiretrace never fetched (a wire it does not poll)."""
    return _iri("copy-of", outlet_id)


def record_iri(warc_record_id: str) -> str:
    """A WARC record by its WARC-Record-ID (already an IRI, `<urn:uuid:...>`)."""
    return warc_record_id.strip().removeprefix("<").removesuffix(">")


def _time(value: datetime | None) -> dict[str, str] | None:
    if value is None:
        return None
    return {"@value": value.astimezone(UTC).isoformat(), "@type": "xsd:dateTime"}


def _ref(iri: str) -> dict[str, str]:
    return {"@id": iri}


def _node(iri: str, types: str | list[str], **properties: Any) -> dict[str, Any]:
    """A node, leaving out properties with no value."""
    node: dict[str, Any] = {"@id": iri, "@type": types}
    node.update({k: v for k, v in properties.items() if v not in (None, "", [])})
    return node


def _outlet_nodes(data: Provenance, cited: Iterable[str]) -> list[dict[str, Any]]:
    known = {o.outlet_id: o for o in data.outlets}
    nodes = [
        _node(
            outlet_iri(o.outlet_id),
            ["prov:Agent", "prov:Organization"],
            **{"rdfs:label": o.name, "wt:outletId": o.outlet_id, "wt:kind": o.kind},
        )
        for o in data.outlets
    ]
    for outlet_id in sorted(set(cited) - set(known)):  # sources named but never polled
        nodes.append(
            _node(
                outlet_iri(outlet_id),
                ["prov:Agent", "prov:Organization"],
                **{"rdfs:label": outlet_id, "wt:outletId": outlet_id},
            )
        )
    return nodes


def _version_nodes(version: ProvVersion) -> list[dict[str, Any]]:
    record = record_iri(version.warc_record_id) if version.warc_record_id else None
    nodes = [
        _node(
            version_iri(version.version_id),
            "prov:Entity",
            **{
                "rdfs:label": version.title,
                "prov:specializationOf": _ref(article_iri(version.article_id)),
                "prov:wasAttributedTo": _ref(outlet_iri(version.outlet_id)),
                "prov:atLocation": version.url,
                "prov:generatedAtTime": _time(version.published_at),
                "wt:firstSeenAt": _time(version.first_seen_at),
                "prov:wasDerivedFrom": _ref(record) if record else None,
                "prov:wasRevisionOf": _ref(version_iri(version.previous_version_id))
                if version.previous_version_id
                else None,
            },
        )
    ]
    if record:
        fetch = _iri("fetch", version.fetch_id) if version.fetch_id else None
        nodes.append(
            _node(
                record,
                ["prov:Entity", "wt:WarcRecord"],
                **{
                    "wt:warcFile": version.warc_file,
                    "wt:warcOffset": version.warc_offset,
                    "wt:payloadSha256": version.payload_sha256,
                    "prov:atLocation": version.fetched_url,
                    "prov:generatedAtTime": _time(version.fetched_at),
                    "prov:wasGeneratedBy": _ref(fetch) if fetch else None,
                },
            )
        )
        if fetch:
            nodes.append(
                _node(
                    fetch,
                    "prov:Activity",
                    **{
                        "prov:startedAtTime": _time(version.fetched_at),
                        "prov:wasAssociatedWith": _ref(_iri("agent", "wiretrace")),
                    },
                )
            )
    return nodes


def _mention_node(mention: ProvMention, record: str | None) -> dict[str, Any]:
    derived = [_ref(version_iri(mention.version_id))] + ([_ref(record)] if record else [])
    source = source_iri(mention.source) if mention.source else None
    return _node(
        mention_iri(mention.claim_id),
        ["prov:Entity", "wt:Mention"],
        **{
            "prov:value": mention.sentence,
            "wt:startOffset": mention.start,
            "wt:endOffset": mention.end,
            "prov:wasAttributedTo": _ref(outlet_iri(mention.outlet_id)),
            "prov:generatedAtTime": _time(mention.published_at),
            "prov:wasDerivedFrom": derived,
            "wt:archivedRecord": _ref(record) if record else None,
            "prov:hadPrimarySource": _ref(source) if source else None,
            "prov:qualifiedPrimarySource": {
                "@type": "prov:PrimarySource",
                "prov:entity": _ref(source),
                "wt:via": mention.via,
            }
            if source
            else None,
        },
    )


def _lineage_node(edge: Lineage) -> dict[str, Any]:
    prop, qualified, cls = LINEAGE_TERMS.get(edge.kind, LINEAGE_TERMS["attributed"])
    source = (
        article_iri(edge.source_article_id)
        if edge.source_article_id
        else copy_iri(edge.source_outlet)
    )
    return {
        "@id": article_iri(edge.article_id),
        prop: _ref(source),
        qualified: {
            "@type": cls,
            "prov:entity": _ref(source),
            "prov:agent": _ref(outlet_iri(edge.source_outlet)),
            "wt:lineageKind": edge.kind,
            "wt:evidence": edge.evidence,
        },
    }


def to_jsonld(data: Provenance, *, exported_at: datetime | None = None) -> dict[str, Any]:
    """The whole provenance graph as one JSON-LD document (inline context, `@graph`)."""
    graph: list[dict[str, Any]] = []
    cited = {e.source_outlet for e in data.lineage}
    graph += _outlet_nodes(data, cited)
    graph.append(
        _node(
            _iri("agent", "wiretrace"),
            ["prov:Agent", "prov:SoftwareAgent"],
            **{"rdfs:label": "wiretrace"},
        )
    )
    articles = {v.article_id: v.outlet_id for v in data.versions}
    for article_id, outlet_id in sorted(articles.items()):
        graph.append(
            _node(
                article_iri(article_id),
                "prov:Entity",
                **{"prov:wasAttributedTo": _ref(outlet_iri(outlet_id))},
            )
        )
    records: dict[str, str | None] = {}
    for version in data.versions:
        graph += _version_nodes(version)
        records[version.version_id] = (
            record_iri(version.warc_record_id) if version.warc_record_id else None
        )
    members: dict[str, list[dict[str, str]]] = {}
    for mention in data.mentions:
        graph.append(_mention_node(mention, records.get(mention.version_id)))
        members.setdefault(mention.cluster_id, []).append(_ref(mention_iri(mention.claim_id)))
    for source in sorted({m.source for m in data.mentions if m.source}):
        graph.append(_node(source_iri(source), "prov:Entity", **{"rdfs:label": source}))
    for cluster in data.clusters:
        graph.append(
            _node(
                claim_iri(cluster.cluster_id),
                ["prov:Collection", "wt:Claim"],
                **{
                    "prov:value": cluster.text,
                    "wt:verdict": cluster.verdict,
                    "wt:reason": cluster.reason,
                    "wt:independentSources": cluster.independent_sources,
                    "prov:hadMember": members.get(cluster.cluster_id, []),
                },
            )
        )
    for outlet_id in sorted({e.source_outlet for e in data.lineage if not e.source_article_id}):
        graph.append(
            _node(
                copy_iri(outlet_id),
                "prov:Entity",
                **{
                    "rdfs:label": f"{outlet_id}'s copy (not fetched by wiretrace)",
                    "prov:wasAttributedTo": _ref(outlet_iri(outlet_id)),
                },
            )
        )
    graph += [_lineage_node(edge) for edge in data.lineage]
    # The export itself, as a bundle-like entity of when it was made (the graph stays the
    # default graph: a top-level @id would make it a named one that many readers skip).
    graph.append(
        _node(
            _iri("export", "provenance"),
            "prov:Entity",
            **{
                "prov:generatedAtTime": _time(exported_at or datetime.now(UTC)),
                "prov:wasAttributedTo": _ref(_iri("agent", "wiretrace")),
            },
        )
    )
    return {"@context": CONTEXT, "@graph": graph}


def write_prov(conn: duckdb.DuckDBPyConnection, out_dir: Path) -> dict[str, int]:
    """`out_dir/provenance.jsonld` from the warehouse's committed data; counts of what it holds.

    Written beside its final name and renamed into place, as the table exports are.
    """
    data = provenance(conn)
    document = to_jsonld(data)
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / FILE_NAME
    partial = out_dir / f".{FILE_NAME}.partial"
    partial.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(partial, final)
    return {
        "outlets": len(data.outlets),
        "article_versions": len(data.versions),
        "claims": len(data.clusters),
        "mentions": len(data.mentions),
        "lineage": len(data.lineage),
    }
