-- "Report a problem": what people tell the portal's support, tied to their account when
-- signed in, else to the email address or phone number they gave for the reply.
CREATE TABLE support_tickets (
    id             BIGSERIAL PRIMARY KEY,
    -- Given to the person: "T-" and a short random code.
    number         TEXT NOT NULL UNIQUE,
    user_id        BIGINT REFERENCES users (id),
    name           TEXT,
    email          TEXT,
    phone          TEXT,
    topic          TEXT NOT NULL CHECK (topic IN ('registration', 'sign_in', 'payment', 'application', 'collection', 'other')),
    page           TEXT,
    description    TEXT NOT NULL,
    language       TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'closed')),
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    updated_by     BIGINT REFERENCES users (id),
    CHECK (user_id IS NOT NULL OR email IS NOT NULL OR phone IS NOT NULL)
);
CREATE INDEX support_tickets_status ON support_tickets (status, created_at);
