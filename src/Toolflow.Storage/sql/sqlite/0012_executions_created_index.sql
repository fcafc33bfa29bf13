-- GET /executions lists every execution the caller may see, newest first, keyset-paged on
-- (created_at, id): without this index an administrator's first page sorted the whole table.
CREATE INDEX workflow_executions_created_idx ON workflow_executions (created_at DESC, id DESC);
