-- Article fields from the extraction work: the offsets pages write their times with, sign-off
-- contributors, section and publisher. Existing rows keep NULL: they were extracted before.

ALTER TABLE articles ADD COLUMN published_offset VARCHAR;  -- "+05:30" as written; '' unknown
ALTER TABLE articles ADD COLUMN modified_offset VARCHAR;
ALTER TABLE articles ADD COLUMN contributors VARCHAR[];    -- "Editing by Jane Doe", one per name
ALTER TABLE articles ADD COLUMN section VARCHAR;           -- JSON-LD articleSection or article:section
ALTER TABLE articles ADD COLUMN publisher VARCHAR;         -- JSON-LD publisher name
