-- Live events (server/src/live-events.ts): every insert or update of an appointment, whoever makes
-- it, is recorded here and announced with NOTIFY, so every server process on the database can tell
-- the client's (and staff's) open event streams. Ids only; the streams read the appointment itself.
-- No foreign keys: an event outlives a demo reset that deletes what it names.

CREATE TABLE appointment_events (
  id bigserial PRIMARY KEY,
  appointment_id text NOT NULL,
  client_id text NOT NULL,
  provider_id text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);

-- A client's missed events (a stream resumed with Last-Event-ID), a therapist's, and the pruning.
CREATE INDEX appointment_events_by_client ON appointment_events (client_id, id);
CREATE INDEX appointment_events_by_provider ON appointment_events (provider_id, id);
CREATE INDEX appointment_events_by_age ON appointment_events (at);

-- Ids are taken as the writing transaction commits, one transaction at a time (the advisory lock,
-- held until the commit is done): so ids increase in commit order, a stream that delivers in the
-- order NOTIFY does sends increasing ids, and "every event after id N" misses nothing that was
-- committed later. The cost is that the commits of appointment writes take turns for a moment.
CREATE FUNCTION record_appointment_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  event_id bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(4131978);
  INSERT INTO appointment_events (appointment_id, client_id, provider_id)
    VALUES (NEW.id, NEW.client_id, NEW.provider_id)
    RETURNING id INTO event_id;
  -- The event's id and whom it concerns, well under NOTIFY's 8000 bytes, or just the id, which
  -- the listener then reads from this table: a long id must never make a booking fail.
  PERFORM pg_notify('appointment_events', CASE
    WHEN octet_length(NEW.id) + octet_length(NEW.client_id) + octet_length(NEW.provider_id) < 7000
      THEN json_build_object('id', event_id, 'appointmentId', NEW.id, 'clientId', NEW.client_id, 'providerId', NEW.provider_id)::text
    ELSE json_build_object('id', event_id)::text
  END);
  RETURN NULL;
END
$$;

-- A constraint trigger because those can be deferred to the commit (DEFERRABLE INITIALLY DEFERRED);
-- it is still an AFTER INSERT OR UPDATE row trigger, in the writer's own transaction.
CREATE CONSTRAINT TRIGGER appointments_record_event
  AFTER INSERT OR UPDATE ON appointments
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION record_appointment_event();
