-- Durable execution (docs/durable.md): the last event number of each execution, kept by the
-- commit's own UPDATE (fewer statements per engine step than a max(sequence) read).
-- Backfilled from the log without touching updated_at: SQLite cannot disable a trigger, so the
-- one that stamps updated_at is dropped for the backfill and recreated exactly as 0001 made it.
ALTER TABLE workflow_executions ADD COLUMN last_sequence INTEGER NOT NULL DEFAULT 0
    CONSTRAINT workflow_executions_last_sequence_check CHECK (last_sequence >= 0);

DROP TRIGGER workflow_executions_set_updated_at;
UPDATE workflow_executions
   SET last_sequence = (SELECT max(ev.sequence) FROM execution_events AS ev WHERE ev.execution_id = workflow_executions.id)
 WHERE id IN (SELECT execution_id FROM execution_events);
CREATE TRIGGER workflow_executions_set_updated_at AFTER UPDATE ON workflow_executions
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE workflow_executions SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;
