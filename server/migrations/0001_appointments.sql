-- The practice, its therapists' hours, and its clients' appointments. Configuration rows keep the
-- validated seed objects whole (jsonb) beside the columns that queries and constraints need.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE practice (
  id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  name text NOT NULL,
  email text NOT NULL,
  policy jsonb NOT NULL
);

CREATE TABLE providers (
  id text PRIMARY KEY,
  position integer NOT NULL,
  self_scheduling boolean NOT NULL,
  data jsonb NOT NULL
);

CREATE TABLE locations (
  id text PRIMARY KEY,
  position integer NOT NULL,
  data jsonb NOT NULL
);

CREATE TABLE services (
  id text PRIMARY KEY,
  position integer NOT NULL,
  data jsonb NOT NULL
);

CREATE TABLE schedules (
  provider_id text NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
  location_id text NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  data jsonb NOT NULL,
  PRIMARY KEY (provider_id, location_id)
);

CREATE TABLE clients (
  id text PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL
);

CREATE TABLE appointments (
  id text PRIMARY KEY,
  client_id text NOT NULL REFERENCES clients (id),
  provider_id text NOT NULL REFERENCES providers (id),
  location_id text NOT NULL REFERENCES locations (id),
  service_id text NOT NULL REFERENCES services (id),
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('unconfirmed', 'confirmed', 'declined', 'cancelled')),
  status_note text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (start_at < end_at),
  -- No double booking, whoever writes: a therapist's held appointments never overlap.
  CONSTRAINT appointments_no_double_booking EXCLUDE USING gist (
    provider_id WITH =,
    tstzrange(start_at, end_at, '[)') WITH &&
  ) WHERE (status IN ('unconfirmed', 'confirmed'))
);

CREATE INDEX appointments_by_client ON appointments (client_id, start_at);

-- One answer per intended change: a retry, to this process or another, gets the first answer.
CREATE TABLE idempotency_keys (
  client_id text NOT NULL REFERENCES clients (id),
  key text NOT NULL,
  operation text NOT NULL CHECK (operation IN ('request', 'change', 'cancel')),
  fingerprint text NOT NULL,
  appointment_id text NOT NULL REFERENCES appointments (id),
  status_code integer NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (client_id, key)
);

-- Notices to send, written in the transaction of the change they tell of.
CREATE TABLE outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL,
  recipient text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  appointment_id text NOT NULL REFERENCES appointments (id),
  created_at timestamptz NOT NULL
);
