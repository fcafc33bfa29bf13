-- The list across every owner (an admin's view, GET /workflows without owner=me) sorts the whole
-- table by updated_at or created_at: without these it read and sorted every row for a page of 50.
CREATE INDEX workflows_updated_idx ON workflows (updated_at DESC, id DESC);
CREATE INDEX workflows_created_idx ON workflows (created_at DESC, id DESC);
