-- Toolflow schema, SQLite dialect, version 2. Mirrors sql/postgres/0002_repository_indexes.sql.

-- Retention deletes finished executions by age in batches.
CREATE INDEX workflow_executions_finished_idx ON workflow_executions (completed_at)
    WHERE status IN ('completed', 'failed', 'cancelled');
