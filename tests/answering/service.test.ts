import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAssistant } from '../../src/answering/service';
import { openStore } from '../../src/storage/open-store';
import { shippedKnowledgeBase } from '../support/knowledge-files';

const kb = shippedKnowledgeBase();

describe('the assistant service', () => {
  let dir: string;
  let store: Awaited<ReturnType<typeof openStore>>;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sikker-by-service-'));
    store = await openStore({ kind: 'sqlite', path: path.join(dir, 'service.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("makes the caller's write about the answer together with its own, before its own have settled", async () => {
    const events: string[] = [];
    // The real store, with its conversation-state write watched.
    const watched = Object.assign(Object.create(store) as typeof store, {
      setConversationState: async (...args: Parameters<typeof store.setConversationState>) => {
        events.push('state started');
        await store.setConversationState(...args);
        events.push('state settled');
      },
    });
    const assistant = createAssistant({ kb: () => kb, store: watched, now: () => new Date('2026-11-22T10:00:00Z'), timeZone: 'Europe/Copenhagen', defaultLang: 'da' });
    const answer = await assistant.ask({ text: 'Hvor meget får Exit KK i 2024?' }, 'conversation-1', async (answered) => {
      events.push('alongside started');
      await store.saveAnswer({ answerId: 'a1', question: 'Hvor meget får Exit KK i 2024?', answer: JSON.parse(JSON.stringify(answered)), at: new Date('2026-11-22T10:00:00Z') });
    });
    expect(events).toEqual(['state started', 'alongside started', 'state settled']);
    expect((await store.findAnswer('a1'))?.answer).toEqual(JSON.parse(JSON.stringify(answer)));
  });

  it('fails the question when the write beside it fails, as a failed write of its own does', async () => {
    const assistant = createAssistant({ kb: () => kb, store, now: () => new Date('2026-11-22T10:00:00Z'), timeZone: 'Europe/Copenhagen', defaultLang: 'da' });
    await expect(assistant.ask({ text: 'Hvor meget får Exit KK i 2024?' }, 'conversation-2', () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
  });
});
