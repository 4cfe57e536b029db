-- Relais local store, schema version 2: search-as-you-type and sorting of leads.
--
-- lead.search_text holds first name, last name, company, listing and e-mail,
-- folded (lower case, no accents: relais_fold(), registered by the store on each
-- connection, see src/core/relais-search.c) and joined by newlines, so that a
-- search never matches across two fields. lead_fts is a trigram index over it:
-- a GLOB '*text*' with 3 or more characters is answered from the index. The
-- triggers keep both in step with the leads table inside the same transactions.

ALTER TABLE lead ADD COLUMN search_text TEXT;

UPDATE lead SET search_text = relais_fold (first_name || char(10) || last_name || char(10) ||
                                           company || char(10) || listing || char(10) || email);

CREATE VIRTUAL TABLE lead_fts USING fts5 (
  search_text,
  tokenize = 'trigram',
  detail = 'none',
  content = 'lead',
  content_rowid = 'id'
);
INSERT INTO lead_fts (lead_fts) VALUES ('rebuild');

-- Writers may give search_text themselves (the fast path of bulk inserts); when
-- they do not, it is computed here.
CREATE TRIGGER lead_fold_insert AFTER INSERT ON lead WHEN new.search_text IS NULL BEGIN
  UPDATE lead SET search_text = relais_fold (new.first_name || char(10) || new.last_name || char(10) ||
                                             new.company || char(10) || new.listing || char(10) || new.email)
  WHERE id = new.id;
END;

CREATE TRIGGER lead_fold_update AFTER UPDATE OF first_name, last_name, company, listing, email ON lead BEGIN
  UPDATE lead SET search_text = relais_fold (new.first_name || char(10) || new.last_name || char(10) ||
                                             new.company || char(10) || new.listing || char(10) || new.email)
  WHERE id = new.id;
END;

CREATE TRIGGER lead_fts_insert AFTER INSERT ON lead WHEN new.search_text IS NOT NULL BEGIN
  INSERT INTO lead_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;

-- The old tokens go before the new ones come: with an external content table,
-- the index only knows what it was told.
CREATE TRIGGER lead_fts_update AFTER UPDATE OF search_text ON lead BEGIN
  INSERT INTO lead_fts (lead_fts, rowid, search_text)
    SELECT 'delete', old.id, old.search_text WHERE old.search_text IS NOT NULL;
  INSERT INTO lead_fts (rowid, search_text)
    SELECT new.id, new.search_text WHERE new.search_text IS NOT NULL;
END;

CREATE TRIGGER lead_fts_delete AFTER DELETE ON lead WHEN old.search_text IS NOT NULL BEGIN
  INSERT INTO lead_fts (lead_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;

-- The sorts of the Leads section, in folded order (Émilie with the E's), so that
-- the first page of any sort is read in order, without sorting a million rows.
CREATE INDEX lead_sort_first_name ON lead (relais_fold (first_name), id);
CREATE INDEX lead_sort_last_name ON lead (relais_fold (last_name), id);
CREATE INDEX lead_sort_company ON lead (relais_fold (company), id);
CREATE INDEX lead_sort_listing ON lead (relais_fold (listing), id);
CREATE INDEX lead_country ON lead (country);
