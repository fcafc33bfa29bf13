-- Host bindings: the hosts a credential may be sent to (empty = not bound). Not secret, so not sealed.
ALTER TABLE credentials
    ADD COLUMN hosts text[] NOT NULL DEFAULT '{}'
        CONSTRAINT credentials_hosts_check CHECK (cardinality(hosts) <= 50);
