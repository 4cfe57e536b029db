-- Relais local store, schema version 6: a run of the rules keeps each of its
-- explanations once. A run gives few different explanations (the same rule,
-- the same members skipped for the same reasons): routing 100,000 leads in
-- relais-bench route gives 143, which the routing history wrote out in full
-- for every lead (39 MB). A history row now names its explanation.
--
-- uses counts the history rows that name an explanation: the run that writes
-- them counts them, and a trigger takes off each row deleted (Undo of the
-- run, a lead's older reasons to stay unassigned, a lead deleted), deleting
-- the explanation with its last row. explanation_id is not a declared foreign
-- key: nothing indexes it (an index would cost every routed lead one more
-- entry), so checking it would read the whole history.

CREATE TABLE routing_explanation (
  id    INTEGER PRIMARY KEY,
  -- Machine-readable (matched criteria, skipped members with reasons), turned
  -- into translated sentences by src/core when shown.
  text  TEXT NOT NULL CHECK (text <> ''),
  uses  INTEGER NOT NULL CHECK (uses >= 0)
);

-- The history written before: each text once.
CREATE INDEX routing_explanation_text ON routing_explanation (text);
INSERT INTO routing_explanation (text, uses)
  SELECT explanation, count(*) FROM lead_routing WHERE explanation <> '' GROUP BY explanation ORDER BY explanation;
ALTER TABLE lead_routing ADD COLUMN explanation_id INTEGER;
UPDATE lead_routing SET explanation_id = (SELECT e.id FROM routing_explanation e WHERE e.text = lead_routing.explanation)
  WHERE explanation <> '';
ALTER TABLE lead_routing DROP COLUMN explanation;
DROP INDEX routing_explanation_text;

CREATE TRIGGER lead_routing_forget_explanation AFTER DELETE ON lead_routing WHEN old.explanation_id IS NOT NULL BEGIN
  UPDATE routing_explanation SET uses = uses - 1 WHERE id = old.explanation_id;
  DELETE FROM routing_explanation WHERE id = old.explanation_id AND uses = 0;
END;
