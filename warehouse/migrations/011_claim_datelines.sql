-- Where the dateline opening a claim's text ends (`Claim.dateline_end`; 0 when it has none):
-- read once where claims are built (extractors/datelines.py), so the matcher leaves the
-- dateline's date out of the numbers it compares without recognising datelines itself.
-- Claims loaded before take it from their article's stored dateline when their text opens
-- with it; `wiretrace reextract` reads every claim's again.

ALTER TABLE claims ADD COLUMN dateline_end INTEGER DEFAULT 0;

UPDATE claims
SET dateline_end = length(claims.text) - length(ltrim(substr(claims.text, length(a.dateline) + 1)))
FROM articles a
WHERE a.version_id = claims.version_id
  AND coalesce(a.dateline, '') <> ''
  AND starts_with(claims.text, a.dateline)
  AND length(claims.text) > length(a.dateline);
