-- Sub-workflows (flow.subworkflow): which node of the parent execution waits for this child, so
-- the child's end can signal that node (docs/engine.md).
ALTER TABLE workflow_executions ADD COLUMN parent_node_id TEXT;
