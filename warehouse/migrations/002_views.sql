-- Views for the questions users ask. Documented in the README.

-- The newest version of each article (by when wiretrace first saw it).
CREATE OR REPLACE VIEW latest_articles AS
SELECT * EXCLUDE (rn) FROM (
    SELECT a.*, row_number() OVER (
        PARTITION BY article_id ORDER BY first_seen_at DESC, version_id) AS rn
    FROM articles a
) WHERE rn = 1;

-- One row per mention of a claim: which outlet said it, where, when, in which words.
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
    a.fetch_id
FROM claim_clusters cc
JOIN claims c USING (claim_id)
JOIN articles a USING (version_id);

-- One row per claim cluster with its corroboration.
CREATE OR REPLACE VIEW claim_summary AS
SELECT
    cluster_id,
    text,
    verdict,
    reason,
    outlets,
    n_outlets,
    independent_sources,
    sources,
    first_outlet,
    first_published_at,
    first_time_source,
    numbers_agree,
    n_mentions
FROM corroboration;
