-- The updated_at triggers of the execution tables fire only when the statement left updated_at
-- alone (docs/durable.md): the condition moves from the PL/pgSQL body into the trigger's WHEN,
-- which PostgreSQL checks without calling the function. The engine sets updated_at itself on every
-- step, and one PL/pgSQL call per written row was a measurable part of a step's cost. Same
-- behaviour (SQLite's triggers have had the condition since 0001). Likewise the outcome counter
-- runs only for rows that are in a final status.

DROP TRIGGER workflow_executions_set_updated_at ON workflow_executions;
CREATE TRIGGER workflow_executions_set_updated_at BEFORE UPDATE ON workflow_executions
    FOR EACH ROW WHEN (NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at) EXECUTE FUNCTION set_updated_at();

DROP TRIGGER executions_set_updated_at ON executions;
CREATE TRIGGER executions_set_updated_at BEFORE UPDATE ON executions
    FOR EACH ROW WHEN (NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at) EXECUTE FUNCTION set_updated_at();

DROP TRIGGER jobs_set_updated_at ON jobs;
CREATE TRIGGER jobs_set_updated_at BEFORE UPDATE ON jobs
    FOR EACH ROW WHEN (NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at) EXECUTE FUNCTION set_updated_at();

DROP TRIGGER workflow_executions_count_outcome ON workflow_executions;
CREATE TRIGGER workflow_executions_count_outcome AFTER INSERT OR UPDATE OF status ON workflow_executions
    FOR EACH ROW WHEN (NEW.status IN ('completed', 'failed', 'cancelled')) EXECUTE FUNCTION workflow_executions_count_outcome();
