-- Administration: what administrators change in the portal, and the seed leaving it be.

-- Set when an administrator changes the row: the seed then no longer overwrites it.
ALTER TABLE agencies ADD COLUMN edited_at TEXT;
ALTER TABLE services ADD COLUMN edited_at TEXT;
ALTER TABLE places ADD COLUMN edited_at TEXT;

-- An agency's choice to show applicants the names of the staff who handled their
-- application (otherwise only role and office).
ALTER TABLE agencies ADD COLUMN show_staff_names BOOLEAN NOT NULL DEFAULT FALSE;

-- People seen in one half-hour slot at an office; NULL: the default for its kind.
ALTER TABLE places ADD COLUMN slot_capacity INTEGER CHECK (slot_capacity IS NULL OR (slot_capacity > 0 AND slot_capacity <= 50));

-- Where a service's documents can be collected; a service with no rows: any office.
CREATE TABLE service_places (
    service_id  INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    place_id    INTEGER NOT NULL REFERENCES places (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (service_id, place_id)
);
