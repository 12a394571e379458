-- The practice's staff (server/src/identity/staff.ts and src/practice-service.ts): who may sign in
-- to the practice API, the sessions that starts, and a record of every change and who made it.

-- A member of staff. With a `provider_id` a therapist (their own appointments and hours only),
-- without it the front desk (the whole practice). Only the scrypt hash of the password is kept.
CREATE TABLE staff (
  id text PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL,
  -- A therapist whose provider leaves the seed file loses the account, never gains the front desk's reach.
  provider_id text REFERENCES providers (id) ON DELETE CASCADE,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One member of staff per e-mail address, whatever its case: the sign-in finds exactly one.
CREATE UNIQUE INDEX staff_email_unique ON staff (lower(email));

-- A signed-in member of staff, as `sessions` is for clients: ids kept as their SHA-256 only, valid
-- while not revoked, before `expires_at` (12 hours) and while `last_seen_at` is recent (30 minutes).
CREATE TABLE staff_sessions (
  id_hash text PRIMARY KEY,
  staff_id text NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);

CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);

-- Who changed what, when: one row per change, written in the change's own transaction. Ids only,
-- never personal data (no names, addresses or note text), so it can be kept and shown to staff.
-- No foreign keys: the record outlives what it names.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_kind text NOT NULL CHECK (actor_kind IN ('client', 'staff')),
  actor_id text NOT NULL,
  action text NOT NULL CHECK (action IN ('request', 'change', 'cancel', 'confirm', 'decline', 'self-scheduling', 'schedule', 'policy')),
  appointment_id text,
  provider_id text,
  details jsonb NOT NULL DEFAULT '{}'
);

CREATE INDEX audit_log_by_appointment ON audit_log (appointment_id, id) WHERE appointment_id IS NOT NULL;

-- The SHA-256 of the seed last applied (server/src/seed.ts, seedFingerprint). A start applies the
-- seed file only when its fingerprint differs (or there is none: an empty or older database), so
-- what staff change through the practice API survives a restart with the same file.
ALTER TABLE practice ADD COLUMN seed_sha256 text;
