-- Relais local store, schema version 7: Undo of a run of the rules finds what
-- a plain lead was in the run's routing history row of it, instead of a copy
-- in lead_reassignment. Nearly every lead a run gives to a partner is plain
-- (new, held by nobody, given no rule before, never assigned or accepted, no
-- reason): what it was is known from that alone, and writing one more row and
-- index entry for each of them took a tenth of the run (100,000 leads).
--
-- revision is the lead's revision right after the hop, set only on the row of
-- such a lead; Undo of the run puts the lead back as it was (status new,
-- nothing else set) if its revision is still that. On any other row it is
-- NULL, and lead_reassignment holds what the lead was.

ALTER TABLE lead_routing ADD COLUMN revision INTEGER;
