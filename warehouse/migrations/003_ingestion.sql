-- Ingestion health: a failing feed's back-off, and the sitemap index that lists a sitemap.

-- When a feed that failed may be asked again; NULL for a healthy feed (polled every run).
ALTER TABLE feed_state ADD COLUMN next_poll_at TIMESTAMPTZ;

-- The sitemap index a child sitemap was listed in ('' for a configured feed or sitemap):
-- when the index answers 304, its known children are still polled.
ALTER TABLE feed_state ADD COLUMN parent_url VARCHAR DEFAULT '';
