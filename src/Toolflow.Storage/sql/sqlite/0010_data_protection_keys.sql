-- The ASP.NET Data Protection key ring (UI session cookies, antiforgery), kept in the database so
-- every server process on it, and every restart, reads the same keys (docs/ui.md). The secret part
-- of each key is sealed with the master key before it is stored.
CREATE TABLE data_protection_keys (
    id            TEXT NOT NULL PRIMARY KEY,
    friendly_name TEXT NOT NULL,
    xml           TEXT NOT NULL,
    created_at    TEXT NOT NULL
) STRICT;
