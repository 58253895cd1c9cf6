-- Stories: the articles about one event across outlets and days (corroboration/stories.py),
-- their claims, their timeline, and which configured outlets covered them. Documented in the README.

CREATE TABLE stories (
    story_id            VARCHAR PRIMARY KEY,  -- 's' + hash of its earliest article: stable across runs
    headline            VARCHAR NOT NULL,     -- the member headline closest to the rest of the story
    first_outlet        VARCHAR NOT NULL,     -- the outlet of its earliest article
    first_published_at  TIMESTAMPTZ,
    last_published_at   TIMESTAMPTZ,
    outlets             VARCHAR[] NOT NULL,
    n_outlets           INTEGER NOT NULL,
    n_articles          INTEGER NOT NULL,
    n_claims            INTEGER NOT NULL,     -- claim clusters mentioned in its articles
    corroborated        INTEGER NOT NULL,     -- ... of which, by verdict
    wire_only           INTEGER NOT NULL,
    single_source       INTEGER NOT NULL,
    disputed            INTEGER NOT NULL,
    updated             INTEGER NOT NULL
);

CREATE TABLE story_articles (
    article_id    VARCHAR PRIMARY KEY,        -- an article belongs to one story
    story_id      VARCHAR NOT NULL,
    outlet_id     VARCHAR NOT NULL,
    published_at  TIMESTAMPTZ,
    rank          INTEGER NOT NULL,           -- 1 for the article that started the story, by time
    score         DOUBLE NOT NULL             -- its mean similarity to the story when it joined (1 for the first)
);

-- Articles that are wire copy: they reprint a wire's sentences or carry its credit line.
CREATE OR REPLACE VIEW wire_copies AS
SELECT article_id, list_sort(list_distinct(list(source_outlet))) AS wires
FROM lineage
WHERE kind IN ('verbatim', 'credited')
GROUP BY article_id;

-- One row per story and configured outlet: did the outlet cover it (if not, a blind spot),
-- how many articles, when first, was it the first outlet, did it carry only wire copy.
CREATE OR REPLACE VIEW story_coverage AS
WITH carried AS (
    SELECT
        sa.story_id,
        sa.outlet_id,
        count(*) AS articles,
        min(sa.published_at) AS first_published_at,
        bool_and(w.article_id IS NOT NULL) AS wire_copy
    FROM story_articles sa
    LEFT JOIN wire_copies w USING (article_id)
    GROUP BY sa.story_id, sa.outlet_id
)
SELECT
    s.story_id,
    o.outlet_id,
    c.outlet_id IS NOT NULL AS covered,
    coalesce(c.articles, 0) AS articles,
    c.first_published_at,
    coalesce(c.outlet_id = s.first_outlet, false) AS first,
    coalesce(c.wire_copy, false) AS wire_copy
FROM stories s
CROSS JOIN outlets o
LEFT JOIN carried c ON c.story_id = s.story_id AND c.outlet_id = o.outlet_id;

-- One row per story, with the configured outlets that did not cover it (its blind spots).
CREATE OR REPLACE VIEW story_summary AS
SELECT
    s.*,
    coalesce((
        SELECT list_sort(list(c.outlet_id))
        FROM story_coverage c
        WHERE c.story_id = s.story_id AND NOT c.covered
    ), []) AS missing_outlets
FROM stories s;

-- One row per article of a story, in order of publication: the story's timeline.
CREATE OR REPLACE VIEW story_timeline AS
SELECT
    sa.story_id,
    sa.rank,
    sa.article_id,
    sa.outlet_id,
    sa.published_at,
    a.published_source,
    a.title AS headline,
    a.url,
    sa.score,
    coalesce(w.wires, []) AS wire_copy_of
FROM story_articles sa
JOIN latest_articles a USING (article_id)
LEFT JOIN wire_copies w USING (article_id);

-- One row per claim cluster mentioned in a story, with its verdict; `sentence` is its first
-- mention in this story's articles, `text` the cluster's first mention anywhere.
CREATE OR REPLACE VIEW story_claims AS
WITH pairs AS (
    SELECT
        sa.story_id,
        cc.cluster_id,
        list(c.text ORDER BY c.published_at NULLS LAST, c.claim_id)[1] AS sentence,
        list_sort(list_distinct(list(c.outlet_id))) AS story_outlets
    FROM story_articles sa
    JOIN latest_articles a USING (article_id)
    JOIN claims c USING (version_id)
    JOIN claim_clusters cc USING (claim_id)
    GROUP BY sa.story_id, cc.cluster_id
)
SELECT
    p.story_id,
    k.cluster_id,
    p.sentence,
    p.story_outlets,
    k.text,
    k.verdict,
    k.reason,
    k.outlets,
    k.n_outlets,
    k.independent_sources,
    k.sources,
    k.first_outlet,
    k.first_published_at
FROM pairs p
JOIN corroboration k USING (cluster_id);

-- Per outlet: the share of stories it covered; of the stories it shares with another outlet,
-- how often it was first; of those it covered, how often it carried only wire copy.
CREATE OR REPLACE VIEW outlet_coverage AS
SELECT
    c.outlet_id,
    count(*) AS stories,
    count(*) FILTER (WHERE c.covered) AS covered,
    round(count(*) FILTER (WHERE c.covered) / count(*), 3) AS covered_share,
    count(*) FILTER (WHERE NOT c.covered) AS missed,
    count(*) FILTER (WHERE c.covered AND s.n_outlets >= 2) AS shared,
    count(*) FILTER (WHERE c.first AND s.n_outlets >= 2) AS first,
    round(count(*) FILTER (WHERE c.first AND s.n_outlets >= 2)
          / nullif(count(*) FILTER (WHERE c.covered AND s.n_outlets >= 2), 0), 3) AS first_share,
    count(*) FILTER (WHERE c.wire_copy) AS wire_copy,
    round(count(*) FILTER (WHERE c.wire_copy)
          / nullif(count(*) FILTER (WHERE c.covered), 0), 3) AS wire_copy_share
FROM story_coverage c
JOIN stories s USING (story_id)
GROUP BY c.outlet_id;
