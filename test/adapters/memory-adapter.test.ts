import { expect } from '@open-wc/testing';
import { MemoryAdapter, createTestPractice, demoClientId } from '../../src/testing/index.js';
import { describeAdapterConformance } from './conformance.js';

describeAdapterConformance('MemoryAdapter', async ({ practice }) => ({
  adapter: new MemoryAdapter({ practice, clientId: demoClientId }),
  otherClient: new MemoryAdapter({ practice, clientId: 'client-taylor' }),
}));

describe('MemoryAdapter', () => {
  it('waits the configured latency before answering', async () => {
    const { practice } = createTestPractice();
    const adapter = new MemoryAdapter({ practice, clientId: demoClientId, latency: 120 });
    let answered = false;
    const call = adapter.listProviders().then(() => (answered = true));
    // A timer due before the latency ends fires first, whatever the machine's load: timers run in
    // the order they fall due. (How long the wait really is, is BENCHMARKS.md's "Adapters".)
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered, 'no answer before the latency').to.equal(false);
    await call;
    expect(answered).to.equal(true);
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
