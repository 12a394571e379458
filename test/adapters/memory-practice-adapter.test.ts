/**
 * MemoryPracticeAdapter over the test practice: a therapist's scope, fresh copies, decisions
 * reaching the client's side, and the watch hearing changes pushed by the practice.
 */
import { expect } from '@open-wc/testing';
import { MemoryAdapter } from '../../src/adapters/memory/memory-adapter.js';
import { MemoryPracticeAdapter } from '../../src/adapters/memory/memory-practice-adapter.js';
import type { PracticeAppointment } from '../../src/model/practice-api-schemas.js';
import { rejection, until } from '../support/async.js';
import { chenRequest, createTestPractice } from '../support/fixtures.js';

describe('MemoryPracticeAdapter', () => {
  it("lists a therapist's own requests only, and the front desk's all", async () => {
    const { practice } = createTestPractice();
    const chen = new MemoryPracticeAdapter({ practice, providerId: 'dr-chen' });
    const desk = new MemoryPracticeAdapter({ practice });
    expect((await chen.listAppointments({ statuses: ['unconfirmed'] })).map((a) => a.id)).to.deep.equal(['seed-5']);
    expect((await desk.listAppointments({ statuses: ['unconfirmed'] })).map((a) => a.id)).to.deep.equal(['seed-5', 'seed-2']);
    expect((await rejection(chen.confirm('seed-2'))).code).to.equal('not-found');
  });

  it('answers fresh copies, checked like a network answer', async () => {
    const adapter = new MemoryPracticeAdapter({ practice: createTestPractice().practice });
    const [first] = await adapter.listAppointments();
    first.client.name = 'Changed';
    const [again] = await adapter.listAppointments();
    expect(again.client.name).to.not.equal('Changed');
  });

  it("decides for the client's side too: a declined request carries the note", async () => {
    const { practice } = createTestPractice();
    const adapter = new MemoryPracticeAdapter({ practice });
    const declined = await adapter.decline('seed-2', 'Away that week.');
    expect(declined.status).to.equal('declined');
    const [seen] = (await new MemoryAdapter({ practice, clientId: 'client-alex' }).listAppointments()).filter((a) => a.id === 'seed-2');
    expect(seen.declineNote).to.equal('Away that week.');
    expect((await rejection(adapter.confirm('seed-2'))).code).to.equal('conflict');
  });

  it('pushes the list when an appointment it may see changes, and not for another therapist’s', async () => {
    const { practice } = createTestPractice();
    const adapter = new MemoryPracticeAdapter({ practice, providerId: 'dr-chen' });
    const lists: PracticeAppointment[][] = [];
    const stop = adapter.watchAppointments({ statuses: ['unconfirmed'] }, { onChange: (list) => lists.push(list) });
    await until(() => lists.length === 1);
    practice.request('client-alex', chenRequest(9, '09:00'), 'key-1');
    await until(() => lists.length === 2);
    expect(lists[1]).to.have.length(2);
    practice.decline('seed-2');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lists).to.have.length(2);
    stop();
    practice.decline('seed-5');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lists).to.have.length(2);
  });
});
