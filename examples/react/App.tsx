import { useRef, useState } from 'react';
import {
  RestAdapter,
  type Appointment,
  type FormStrings,
  type RequestFailEvent,
  type RequestSubmitEvent,
  type SelfScheduleForm,
} from 'self-schedule-elements';

// Objects handed to elements live outside the component: React compares props by identity, and a
// new object on every render would be set again (and re-render the element) each time.
const formStrings: Partial<FormStrings> = { heading: 'Book a session', submit: 'Send request' };

// The form finds its backend from the `api-base` attribute; the list gets an adapter object, here
// to poll every 5 seconds (30 by default), so a request sent from the form shows up there soon.
const listAdapter = new RestAdapter({ baseUrl: '/api', credentials: 'include', pollIntervalMs: 5_000 });

const when = (appointment: Appointment) =>
  new Date(appointment.start).toLocaleString('en-US', { dateStyle: 'full', timeStyle: 'short' });

export function App() {
  const form = useRef<SelfScheduleForm>(null);
  const appointments = useRef<HTMLElement>(null);
  const [sent, setSent] = useState<Appointment[]>([]);
  const [failure, setFailure] = useState<string>();

  // React 19 adds a listener for an `on…` prop on a custom element under the name after `on`, as
  // written: `onss-request-submit` listens to `ss-request-submit`.
  const onRequestSubmit = (event: RequestSubmitEvent) => {
    setFailure(undefined);
    setSent((earlier) => [...earlier, event.appointment]);
  };
  const onRequestFail = (event: RequestFailEvent) => setFailure(event.error.message);
  // The dialog gives focus back to Book online as it closes; the list is scrolled to, not focused.
  const onViewAppointments = () => {
    form.current?.close();
    appointments.current?.scrollIntoView({ behavior: 'smooth' });
  };

  return (
    <>
      <header>
        <h1>Riverside Counseling</h1>
        <button className="book" type="button" onClick={() => void form.current?.show()}>
          Book online
        </button>
      </header>
      <main>
        <section aria-label="Requests sent from this page" role="status">
          {sent.map((appointment) => (
            <p key={appointment.id} className="request-sent" data-appointment-id={appointment.id}>
              Request sent: {appointment.service.name} with {appointment.provider.name}, {when(appointment)}.
            </p>
          ))}
          {failure && <p className="error">The request could not be sent: {failure}</p>}
        </section>

        <self-schedule-form
          ref={form}
          modal
          api-base="/api"
          strings={formStrings}
          onss-request-submit={onRequestSubmit}
          onss-request-fail={onRequestFail}
          onss-view-appointments={onViewAppointments}
        ></self-schedule-form>

        <section ref={appointments} aria-labelledby="appointments-heading">
          <h2 id="appointments-heading">Your appointments</h2>
          <appointment-status adapter={listAdapter}></appointment-status>
        </section>
      </main>
    </>
  );
}
