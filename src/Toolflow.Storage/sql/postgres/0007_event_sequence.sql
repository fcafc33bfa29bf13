-- Durable execution (docs/durable.md): the last event number of each execution, kept by the
-- commit's own UPDATE (one round trip per engine step instead of a max(sequence) read).
-- Backfilled from the log without touching updated_at.
ALTER TABLE workflow_executions ADD COLUMN last_sequence bigint NOT NULL DEFAULT 0
    CONSTRAINT workflow_executions_last_sequence_check CHECK (last_sequence >= 0);

ALTER TABLE workflow_executions DISABLE TRIGGER workflow_executions_set_updated_at;
UPDATE workflow_executions AS e
   SET last_sequence = s.last
  FROM (SELECT execution_id, max(sequence) AS last FROM execution_events GROUP BY execution_id) AS s
 WHERE e.id = s.execution_id;
ALTER TABLE workflow_executions ENABLE TRIGGER workflow_executions_set_updated_at;
