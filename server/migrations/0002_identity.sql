-- Who the client is (server/src/identity/): sign-in by e-mail link, the sessions it starts, and
-- the request counts that limit how often a link may be asked for. Tokens and session ids are
-- kept only as their SHA-256 (hex): a copy of the database signs nobody in.

-- One client per e-mail address, whatever its case: a sign-in link goes to exactly one client.
CREATE UNIQUE INDEX clients_email_unique ON clients (lower(email));

-- A sign-in link's one-time token: valid until `expires_at`, once (`used_at`).
CREATE TABLE sign_in_tokens (
  token_hash text PRIMARY KEY,
  client_id text NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE INDEX sign_in_tokens_by_client ON sign_in_tokens (client_id) WHERE used_at IS NULL;

-- A signed-in browser: valid while not revoked, before `expires_at` (the absolute limit) and
-- while `last_seen_at` is recent enough (the idle limit, in server/src/identity/sessions.ts).
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  client_id text NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);

CREATE INDEX sessions_by_client ON sessions (client_id);

-- Requests counted per bucket (an address's or an IP's hash) in a window that starts with the
-- bucket's first request; in the database, so the limit holds across server processes.
CREATE TABLE rate_limits (
  bucket text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL
);

-- A sign-in link is a notice about no appointment.
ALTER TABLE outbox ALTER COLUMN appointment_id DROP NOT NULL;
