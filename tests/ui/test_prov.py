"""`wiretrace export DIR --format prov`: W3C PROV-O as JSON-LD that rdflib reads, holding the whole demo."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF
from typer.testing import CliRunner

from wiretrace.flows.cli import app as cli
from wiretrace.reports.prov import (
    WT,
    article_iri,
    copy_iri,
    mention_iri,
    record_iri,
    source_iri,
    version_iri,
)

pytestmark = pytest.mark.e2e
PROV = Namespace("http://www.w3.org/ns/prov#")
VOCAB = Namespace(WT + "vocab:")


@pytest.fixture(scope="module")
def exported(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("prov")
    result = CliRunner().invoke(cli, ["export", str(out), "--db", str(demo_db), "--format", "prov"])
    assert result.exit_code == 0, result.output
    path = out / "provenance.jsonld"
    graph = Graph().parse(path, format="json-ld")  # inline context: no network needed
    return {"path": path, "graph": graph, "output": result.output}


def _rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as conn:
        return conn.execute(sql).fetchall()


def test_the_export_is_json_ld_with_an_inline_prov_context(exported):
    document = json.loads(exported["path"].read_text(encoding="utf-8"))
    assert document["@context"]["prov"] == str(PROV)
    assert len(exported["graph"]) > 1000
    assert "wrote provenance.jsonld" in exported["output"]


def test_every_mention_is_an_entity_derived_from_its_archived_warc_record(exported, demo_db):
    g = exported["graph"]
    mentions = _rows(
        demo_db,
        "SELECT c.claim_id, c.version_id, c.text, f.warc_record_id, f.warc_file, f.warc_offset,"
        " f.body_sha256, cc.source, cc.cluster_id"
        " FROM claim_clusters cc JOIN claims c USING (claim_id)"
        " JOIN articles a USING (version_id) JOIN fetches f ON f.fetch_id = a.fetch_id",
    )
    assert len(mentions) > 300
    for claim_id, version_id, text, record_id, warc_file, offset, sha, source, cluster in mentions:
        mention, record = URIRef(mention_iri(claim_id)), URIRef(record_iri(record_id))
        assert (mention, RDF.type, PROV.Entity) in g
        assert (mention, PROV.value, Literal(text)) in g
        assert (mention, PROV.wasDerivedFrom, URIRef(version_iri(version_id))) in g
        assert (mention, PROV.wasDerivedFrom, record) in g
        assert (mention, VOCAB.archivedRecord, record) in g
        assert (record, RDF.type, PROV.Entity) in g
        assert (record, VOCAB.warcFile, Literal(warc_file)) in g
        assert (record, VOCAB.warcOffset, Literal(offset)) in g
        assert (record, VOCAB.payloadSha256, Literal(sha)) in g
        if source:  # an earlier version's mention stands for no source of its own
            assert (mention, PROV.hadPrimarySource, URIRef(source_iri(source))) in g
        else:
            assert (mention, PROV.hadPrimarySource, None) not in g
        assert (URIRef(WT + "claim:" + cluster), PROV.hadMember, mention) in g


def test_every_lineage_edge_is_a_quotation_or_a_primary_source_with_its_kind(exported, demo_db):
    g = exported["graph"]
    edges = _rows(
        demo_db, "SELECT article_id, source_article_id, source_outlet, kind, evidence FROM lineage"
    )
    assert {e[3] for e in edges} == {"verbatim", "credited", "attributed"}
    for article, source_article, source_outlet, kind, evidence in edges:
        taker = URIRef(article_iri(article))
        source = URIRef(article_iri(source_article) if source_article else copy_iri(source_outlet))
        prop, qualified = (
            (PROV.wasQuotedFrom, PROV.qualifiedQuotation)
            if kind == "verbatim"
            else (PROV.hadPrimarySource, PROV.qualifiedPrimarySource)
        )
        assert (taker, prop, source) in g, (article, kind, source_outlet)
        found = [
            q
            for q in g.objects(taker, qualified)
            if (q, PROV.entity, source) in g
            and (q, VOCAB.lineageKind, Literal(kind)) in g
            and (q, VOCAB.evidence, Literal(evidence)) in g
        ]
        assert found, (article, kind, evidence)


def test_an_updated_article_is_a_revision_of_its_earlier_version(exported, demo_db):
    g = exported["graph"]
    versions = _rows(
        demo_db,
        "SELECT article_id, list(version_id ORDER BY first_seen_at) FROM articles"
        " GROUP BY article_id HAVING count(*) > 1",
    )
    assert versions  # the demo's second edition updates an article
    for _, (earlier, later) in versions:
        assert (URIRef(version_iri(later)), PROV.wasRevisionOf, URIRef(version_iri(earlier))) in g
    assert len(list(g.subject_objects(PROV.wasRevisionOf))) == len(versions)
