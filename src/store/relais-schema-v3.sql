-- Relais local store, schema version 3: indexes that give the first page of the
-- common filters in view order (newest first), without sorting their matches.

DROP INDEX lead_country;
CREATE INDEX lead_country ON lead (country, created_at);

-- "Unassigned" and "Overdue" (not accepted within 48 hours) are small parts of
-- the leads that are asked for all the time.
CREATE INDEX lead_unassigned ON lead (created_at) WHERE partner_id IS NULL;
CREATE INDEX lead_waiting ON lead (created_at, assigned_at)
  WHERE status = 'partner_assigned' AND accepted_at IS NULL;
