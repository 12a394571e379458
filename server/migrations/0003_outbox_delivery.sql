-- Sending the outbox's notices by e-mail (server/src/mail/), and where each therapist's own
-- notices go.

-- A therapist's notification address, from the seed file's optional provider `email`. A column of
-- its own, never in `data`: `data` is what clients are shown (GET /providers).
ALTER TABLE providers ADD COLUMN notify_email text;

-- What delivery needs on each notice:
-- text, html       the e-mail's two parts (`body` stays the one paragraph the demo's outbox shows);
-- next_attempt_at  when a worker may take it next: due once it is at or before now(), moved on by
--                  the backoff after a failed attempt, NULL once sent. Notices written before this
--                  migration were only ever shown in the demo's outbox and stay unsent (NULL).
-- lease_until      while a worker sends it: others leave it alone until then (a worker that dies
--                  mid-send lets it go when the lease ends);
-- attempts         attempts started (a claim counts one, so an attempt cut short by a crash counts);
-- last_error       the last failure's error code and SMTP reply code only (never an address or text);
-- message_id       the Message-ID of every attempt, fixed at the first, so a resend is the same message;
-- sent_at          when the SMTP server accepted it.
ALTER TABLE outbox
  ADD COLUMN text text,
  ADD COLUMN html text,
  ADD COLUMN next_attempt_at timestamptz,
  ADD COLUMN lease_until timestamptz,
  ADD COLUMN attempts integer NOT NULL DEFAULT 0,
  ADD COLUMN last_error text,
  ADD COLUMN message_id text,
  ADD COLUMN sent_at timestamptz;

ALTER TABLE outbox ALTER COLUMN next_attempt_at SET DEFAULT now();

-- The worker's pick: the unsent notices, soonest due first.
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE next_attempt_at IS NOT NULL;
