-- Toolflow schema, PostgreSQL dialect, version 2: indexes the repositories need beyond v1.

-- Retention (Repositories/Retention/ExecutionRetention.cs) deletes finished executions by age
-- in batches; without this each batch would scan the whole table.
CREATE INDEX workflow_executions_finished_idx ON workflow_executions (completed_at)
    WHERE status IN ('completed', 'failed', 'cancelled');
