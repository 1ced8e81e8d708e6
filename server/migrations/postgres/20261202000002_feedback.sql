-- Citizens' ratings of finished applications (collected or refused): 1 to 5 and a comment,
-- one per application, shown in the agencies' dashboards.
CREATE TABLE feedback (
    application_id  BIGINT PRIMARY KEY REFERENCES applications (id) ON DELETE CASCADE,
    rating          INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment         TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX feedback_created ON feedback (created_at);
-- The dashboards read events and payments by time.
CREATE INDEX application_events_created ON application_events (created_at);
CREATE INDEX applications_submitted ON applications (submitted_at);
