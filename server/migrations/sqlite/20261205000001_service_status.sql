-- Whether an agency's own systems are working, as the portal's administrators report it:
-- shown on the public status page and, when not normal, on the agency's service pages
-- before anyone pays. The seed never touches these columns.
ALTER TABLE agencies ADD COLUMN service_state TEXT NOT NULL DEFAULT 'normal'
    CHECK (service_state IN ('normal', 'degraded', 'down'));
ALTER TABLE agencies ADD COLUMN service_message_en TEXT;
ALTER TABLE agencies ADD COLUMN service_message_sw TEXT;
ALTER TABLE agencies ADD COLUMN service_state_at TEXT;
