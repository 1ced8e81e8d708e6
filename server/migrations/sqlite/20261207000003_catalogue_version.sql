-- A counter that every write to the public catalogue moves on, so each running instance
-- can tell in one small query whether its in-memory copy of the catalogue is still current
-- (app/src/data/catalogue/held.rs). Triggers rather than application code, so every writer
-- (the seed, administrators' edits, service status, a hand-written SQL fix) is counted.
CREATE TABLE catalogue_version (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  INTEGER NOT NULL
);
INSERT INTO catalogue_version (id, version) VALUES (1, 1);

CREATE TRIGGER agencies_inserted AFTER INSERT ON agencies
    BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER agencies_updated AFTER UPDATE ON agencies
    BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER agencies_deleted AFTER DELETE ON agencies
    BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER categories_inserted AFTER INSERT ON categories
    BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER categories_updated AFTER UPDATE ON categories
    BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER categories_deleted AFTER DELETE ON categories
    BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER services_inserted AFTER INSERT ON services
    BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER services_updated AFTER UPDATE ON services
    BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER services_deleted AFTER DELETE ON services
    BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER service_documents_inserted AFTER INSERT ON service_documents
    BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER service_documents_updated AFTER UPDATE ON service_documents
    BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER service_documents_deleted AFTER DELETE ON service_documents
    BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER service_fees_inserted AFTER INSERT ON service_fees
    BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER service_fees_updated AFTER UPDATE ON service_fees
    BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER service_fees_deleted AFTER DELETE ON service_fees
    BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
