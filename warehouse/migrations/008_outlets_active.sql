-- Which outlets are configured now: the outlets file of the latest run. An outlet dropped from
-- the file keeps its rows (its articles stay), but is no longer anyone's blind spot.

ALTER TABLE outlets ADD COLUMN active BOOLEAN DEFAULT true;

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
LEFT JOIN carried c ON c.story_id = s.story_id AND c.outlet_id = o.outlet_id
WHERE o.active OR c.outlet_id IS NOT NULL;
