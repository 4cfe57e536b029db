-- Relais local store, schema version 4: what each lead was before a reassignment
-- (a drop, "Assign to…"), so that Undo restores exactly that. One row per lead
-- moved; the journal entry says who, when and where to.

CREATE TABLE lead_reassignment (
  journal_id            INTEGER NOT NULL REFERENCES journal (id) ON DELETE CASCADE,
  lead_id               INTEGER NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
  old_status            TEXT NOT NULL,
  old_queue_id          INTEGER REFERENCES queue (id) ON DELETE SET NULL,
  old_partner_id        INTEGER REFERENCES partner (id) ON DELETE SET NULL,
  old_rep_id            INTEGER REFERENCES contact (id) ON DELETE SET NULL,
  old_rule_id           INTEGER REFERENCES rule (id) ON DELETE SET NULL,
  old_assignment_reason TEXT NOT NULL DEFAULT '',
  old_assigned_at       INTEGER,
  old_accepted_at       INTEGER,
  -- The lead's revision right after the move: Undo leaves alone a lead changed since.
  new_revision          INTEGER NOT NULL,
  PRIMARY KEY (journal_id, lead_id)
) WITHOUT ROWID;
CREATE INDEX lead_reassignment_lead ON lead_reassignment (lead_id);

-- Which run of the rules (its journal entry) wrote a routing history row: a
-- lead's history shows that run's explanation, and Undo takes it back.
ALTER TABLE lead_routing ADD COLUMN journal_id INTEGER REFERENCES journal (id) ON DELETE SET NULL;
CREATE INDEX lead_routing_journal ON lead_routing (journal_id);
