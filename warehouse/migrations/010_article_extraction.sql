-- How each article's body was chosen (extractors/article.py `choose_body`): the candidate that
-- won ("balanced", "balanced-unpruned", "json-ld", "precision") and what looked wrong with it,
-- then each candidate it beat with what looked wrong with those, e.g. "balanced: no doubts" or
-- "json-ld: no doubts | balanced: short (151 of the page's 1034 characters)". Rows extracted
-- before keep NULL: their body was always trafilatura's balanced reading.

ALTER TABLE articles ADD COLUMN extraction VARCHAR;
