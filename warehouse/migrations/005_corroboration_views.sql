-- Each mention's independent source, and the views over corroboration users ask for.

ALTER TABLE claim_clusters ADD COLUMN source VARCHAR;  -- the independent source it stands for
ALTER TABLE claim_clusters ADD COLUMN via VARCHAR;     -- own | verbatim | credited | attributed | earlier-version

-- One row per mention of a claim (latest article versions and the earlier versions kept).
CREATE OR REPLACE VIEW claim_mentions AS
SELECT
    cc.cluster_id,
    c.claim_id,
    c.outlet_id,
    c.article_id,
    c.version_id,
    a.title         AS headline,
    a.url,
    c.published_at,
    a.published_source,
    c.start_offset,
    c.end_offset,
    c.text          AS sentence,
    cc.source,
    cc.via,
    a.fetch_id
FROM claim_clusters cc
JOIN claims c USING (claim_id)
JOIN articles a USING (version_id);

-- For each pair of outlets: claims both carry, and how many of those one took from the other
-- (or both from one source): a shared claim with one root is copied, not corroborated.
CREATE OR REPLACE VIEW outlet_overlap AS
WITH per_cluster AS (
    SELECT cluster_id, outlet_id, list_distinct(list(source)) AS roots
    FROM claim_clusters JOIN claims USING (claim_id)
    WHERE via <> 'earlier-version'
    GROUP BY cluster_id, outlet_id
)
SELECT
    a.outlet_id AS outlet_a,
    b.outlet_id AS outlet_b,
    count(*) AS shared_claims,
    count(*) FILTER (WHERE len(list_intersect(a.roots, b.roots)) > 0) AS copied_claims,
    count(*) FILTER (WHERE len(list_intersect(a.roots, b.roots)) = 0) AS independent_claims
FROM per_cluster a
JOIN per_cluster b ON a.cluster_id = b.cluster_id AND a.outlet_id < b.outlet_id
GROUP BY ALL;

-- Per outlet: of the claims it shares with another outlet, how often it was first.
CREATE OR REPLACE VIEW first_reporters AS
WITH shared AS (
    SELECT cluster_id, first_outlet, outlets FROM corroboration WHERE n_outlets >= 2
), carried AS (
    SELECT unnest(outlets) AS outlet_id, cluster_id, first_outlet FROM shared
)
SELECT
    outlet_id,
    count(*) AS shared_claims,
    count(*) FILTER (WHERE first_outlet = outlet_id) AS first,
    round(count(*) FILTER (WHERE first_outlet = outlet_id) / count(*), 3) AS first_share
FROM carried
GROUP BY outlet_id;

-- Clusters whose outlets disagree on a number, with every figure each outlet gives.
CREATE OR REPLACE VIEW disputes AS
SELECT
    s.cluster_id,
    s.text,
    s.outlets,
    s.reason,
    list({'outlet': m.outlet_id, 'raw': q.raw, 'value': q.value, 'unit': q.unit}
         ORDER BY m.published_at, m.outlet_id, q.idx) AS figures
FROM corroboration s
JOIN claim_mentions m USING (cluster_id)
JOIN claim_quantities q ON q.claim_id = m.claim_id
WHERE NOT s.numbers_agree AND m.via <> 'earlier-version'
GROUP BY s.cluster_id, s.text, s.outlets, s.reason;
