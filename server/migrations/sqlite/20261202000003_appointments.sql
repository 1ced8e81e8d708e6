-- Appointments: time slots at offices (each with a capacity), the visits booked in them,
-- and the public holidays on which no office opens. Slots are made from each office's
-- opening hours when people look for a time.

CREATE TABLE holidays (
    -- YYYY-MM-DD, Nairobi.
    day      TEXT PRIMARY KEY,
    name_en  TEXT NOT NULL,
    name_sw  TEXT NOT NULL
);
-- Kenya's public holidays (Public Holidays Act; moveable feasts for 2026 and 2027 as
-- published or calculated; a holiday on a Sunday is observed on the Monday).
INSERT INTO holidays (day, name_en, name_sw) VALUES
    ('2026-01-01', 'New Year''s Day', 'Siku ya Mwaka Mpya'),
    ('2026-04-03', 'Good Friday', 'Ijumaa Kuu'),
    ('2026-04-06', 'Easter Monday', 'Jumatatu ya Pasaka'),
    ('2026-05-01', 'Labour Day', 'Siku ya Wafanyakazi'),
    ('2026-06-01', 'Madaraka Day', 'Siku ya Madaraka'),
    ('2026-10-10', 'Mazingira Day', 'Siku ya Mazingira'),
    ('2026-10-20', 'Mashujaa Day', 'Siku ya Mashujaa'),
    ('2026-12-12', 'Jamhuri Day', 'Siku ya Jamhuri'),
    ('2026-12-25', 'Christmas Day', 'Siku ya Krismasi'),
    ('2026-12-26', 'Boxing Day', 'Siku ya Zawadi'),
    ('2027-01-01', 'New Year''s Day', 'Siku ya Mwaka Mpya'),
    ('2027-03-26', 'Good Friday', 'Ijumaa Kuu'),
    ('2027-03-29', 'Easter Monday', 'Jumatatu ya Pasaka'),
    ('2027-05-01', 'Labour Day', 'Siku ya Wafanyakazi'),
    ('2027-06-01', 'Madaraka Day', 'Siku ya Madaraka'),
    ('2027-10-11', 'Mazingira Day', 'Siku ya Mazingira'),
    ('2027-10-20', 'Mashujaa Day', 'Siku ya Mashujaa'),
    ('2027-12-13', 'Jamhuri Day', 'Siku ya Jamhuri'),
    ('2027-12-25', 'Christmas Day', 'Siku ya Krismasi'),
    ('2027-12-27', 'Boxing Day', 'Siku ya Zawadi');

CREATE TABLE appointment_slots (
    id          INTEGER PRIMARY KEY,
    place_id    INTEGER NOT NULL REFERENCES places (id) ON DELETE CASCADE,
    starts_at   TEXT NOT NULL,
    capacity    INTEGER NOT NULL CHECK (capacity > 0),
    -- Changed only by conditional updates; the CHECK refuses overbooking whatever happens.
    booked      INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (place_id, starts_at)
);

CREATE TABLE appointments (
    id              INTEGER PRIMARY KEY,
    application_id  INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    slot_id         INTEGER NOT NULL REFERENCES appointment_slots (id),
    purpose         TEXT NOT NULL CHECK (purpose IN ('biometrics', 'driving_test', 'collection')),
    status          TEXT NOT NULL CHECK (status IN ('booked', 'cancelled', 'attended', 'no_show')),
    -- How many times this booking was moved (each move is a new row carrying the count).
    changes         INTEGER NOT NULL DEFAULT 0,
    reminded_at     TEXT,
    marked_by       INTEGER REFERENCES users (id),
    created_at      TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
-- One open booking per application.
CREATE UNIQUE INDEX appointments_one_open ON appointments (application_id) WHERE status = 'booked';
CREATE INDEX appointments_slot ON appointments (slot_id, status);
CREATE INDEX appointments_reminders ON appointments (status, reminded_at);
