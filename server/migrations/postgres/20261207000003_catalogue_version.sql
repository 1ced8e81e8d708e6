-- A counter that every write to the public catalogue moves on, so each running instance
-- can tell whether its in-memory copy of the catalogue is still current
-- (app/src/data/catalogue/held.rs). The same trigger NOTIFYs `uraia_catalogue` when the
-- writing transaction commits, so every instance hears of the change at once. Triggers
-- rather than application code, so every writer (the seed, administrators' edits, service
-- status, a hand-written SQL fix) is counted.
CREATE TABLE catalogue_version (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  BIGINT NOT NULL
);
INSERT INTO catalogue_version (id, version) VALUES (1, 1);

CREATE FUNCTION catalogue_changed() RETURNS trigger AS $$
BEGIN
    UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
    PERFORM pg_notify('uraia_catalogue', '');
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER agencies_changed AFTER INSERT OR UPDATE OR DELETE ON agencies
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();
CREATE TRIGGER categories_changed AFTER INSERT OR UPDATE OR DELETE ON categories
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();
CREATE TRIGGER services_changed AFTER INSERT OR UPDATE OR DELETE ON services
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();
CREATE TRIGGER service_documents_changed AFTER INSERT OR UPDATE OR DELETE ON service_documents
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();
CREATE TRIGGER service_fees_changed AFTER INSERT OR UPDATE OR DELETE ON service_fees
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();
