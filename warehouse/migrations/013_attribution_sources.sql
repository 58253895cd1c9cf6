-- Each attribution's source as a reader names it (`Attribution.source`: "Craig Menear" for
-- "Menear said"), its kind (wire | outlet | organisation | official | person | document |
-- anonymous), the one key the source has within its article, and the outlet it spoke
-- through ("told Reuters"). `cited` and `kind` keep their meaning (how lineage reads a
-- citation). Rows loaded before have '' here until `wiretrace reextract` reads them again.

ALTER TABLE claim_attributions ADD COLUMN source VARCHAR DEFAULT '';
ALTER TABLE claim_attributions ADD COLUMN source_kind VARCHAR DEFAULT '';
ALTER TABLE claim_attributions ADD COLUMN source_key VARCHAR DEFAULT '';
ALTER TABLE claim_attributions ADD COLUMN channel VARCHAR DEFAULT '';
