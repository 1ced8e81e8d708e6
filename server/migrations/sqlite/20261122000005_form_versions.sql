-- Every version of every service's application form, kept for good: an application is
-- checked and shown against the version it was filled in with. services.form_definition
-- and services.form_version hold the newest.

CREATE TABLE form_versions (
    service_id  INTEGER NOT NULL REFERENCES services (id),
    version     INTEGER NOT NULL CHECK (version > 0),
    -- forms::FormDefinition as JSON.
    definition  TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (service_id, version)
);
