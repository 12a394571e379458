import { expect } from '@open-wc/testing';
import { MemoryAdapter } from '../../src/adapters/memory/memory-adapter.js';
import { demoClientId } from '../../mock-api/demo-practice.js';
import { describeAdapterConformance } from './conformance.js';
import { createTestPractice } from '../support/fixtures.js';

describeAdapterConformance('MemoryAdapter', async ({ practice }) => ({
  adapter: new MemoryAdapter({ practice, clientId: demoClientId }),
  otherClient: new MemoryAdapter({ practice, clientId: 'client-taylor' }),
}));

describe('MemoryAdapter', () => {
  it('waits the configured latency before answering', async () => {
    const { practice } = createTestPractice();
    const adapter = new MemoryAdapter({ practice, clientId: demoClientId, latency: 120 });
    const started = performance.now();
    await adapter.listProviders();
    expect(performance.now() - started).to.be.at.least(110);
  });

  it('can be aborted while waiting', async () => {
    const { practice } = createTestPractice();
    const adapter = new MemoryAdapter({ practice, clientId: demoClientId, latency: 5000 });
    const controller = new AbortController();
    const call = adapter.listProviders({ signal: controller.signal });
    controller.abort();
    const error = await call.catch((e: unknown) => e);
    expect((error as { code: string }).code).to.equal('aborted');
  });

  it('starts a private practice from plain data', async () => {
    const { practice } = createTestPractice();
    const adapter = new MemoryAdapter({ practice: practice.toJSON(), clientId: demoClientId });
    expect(adapter.practice).to.not.equal(practice);
    expect(await adapter.listProviders()).to.have.length(3);
  });
});
