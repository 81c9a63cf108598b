// What the bot counts, for GET /metrics (Prometheus). The core calls the small
// `Metrics` interface; only this file knows prom-client. Each bot has its own
// registry, not prom-client's global one, so a test can start several.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Outcome } from './answering/engine';
import type { DeliveryOutcome } from './storage/reminder-store';

/** Which button of a card was pressed. */
export type CardActionKind = 'ask' | 'feedback' | 'reminder' | 'tour' | 'expert' | 'unknown';

export interface Metrics {
  /** A question the assistant answered: how, and how long it took. */
  answer(outcome: Outcome, seconds: number): void;
  /** Help asked for by name ("hjælp") or an empty message; the help outcome of `answer` counts the rest. */
  help(): void;
  cardAction(action: CardActionKind): void;
  /** What became of one reminder delivery; `error`: the handler threw (the store retries the row). */
  reminder(outcome: DeliveryOutcome['kind'] | 'error'): void;
  /** A turn that threw (`error`) or passed its deadline (`deadline`). */
  turnFailed(reason: TurnFailure): void;
  /** The user was told "Beklager, noget gik galt". */
  apology(): void;
  /** A delivery of an activity already served (Teams delivers again after a slow turn), ignored. */
  redelivered(): void;
  /** A store call that failed or passed its deadline, by the store method's name. */
  storeError(operation: string): void;
}

type TurnFailure = 'error' | 'deadline';

export interface MetricsRegistry extends Metrics {
  /** The knowledge base's version, read at every scrape (it changes on a reload). */
  observeKnowledge(version: () => string): void;
  /** Writes waiting in the durable queue for the store to come back, read at every scrape. */
  observeQueueDepth(depth: () => number): void;
  /** The Prometheus text exposition format. */
  readonly contentType: string;
  render(): Promise<string>;
}

const MESSAGE_OUTCOMES: readonly Outcome[] = ['answered', 'suggested', 'fallback', 'help'];
const CARD_ACTIONS: readonly CardActionKind[] = ['ask', 'feedback', 'reminder', 'tour', 'expert', 'unknown'];
const TURN_FAILURES: readonly TurnFailure[] = ['error', 'deadline'];
const REMINDER_OUTCOMES = { sent: 'sent', retry: 'retried', error: 'retried', failed: 'failed', unreachable: 'unreachable' } as const;

export function createMetrics({ processMetrics = true }: { readonly processMetrics?: boolean } = {}): MetricsRegistry {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const messages = new Counter({ name: 'sikker_by_messages_total', help: 'Messages answered, by outcome', labelNames: ['outcome'], registers });
  const latency = new Histogram({
    name: 'sikker_by_answer_duration_seconds',
    help: 'Time to answer a question, conversation state included',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const cardActions = new Counter({ name: 'sikker_by_card_actions_total', help: 'Card buttons pressed, by action', labelNames: ['action'], registers });
  const reminders = new Counter({ name: 'sikker_by_reminders_total', help: 'Reminder deliveries, by outcome', labelNames: ['outcome'], registers });
  const turnFailures = new Counter({ name: 'sikker_by_turns_failed_total', help: 'Turns that failed, by reason (error, deadline)', labelNames: ['reason'], registers });
  const apologies = new Counter({ name: 'sikker_by_apologies_total', help: 'Apologies sent for a failed turn', registers });
  const redeliveries = new Counter({ name: 'sikker_by_redeliveries_total', help: 'Redelivered activities recognised by their id and ignored', registers });
  const storeErrors = new Counter({ name: 'sikker_by_store_errors_total', help: 'Store calls that failed or passed their deadline, by operation', labelNames: ['operation'], registers });
  let queueDepth: (() => number) | undefined;
  new Gauge({
    name: 'sikker_by_write_queue_depth',
    help: 'Writes (feedback, unanswered questions) waiting in the durable queue for the store',
    registers,
    collect() {
      this.set(queueDepth?.() ?? 0);
    },
  });
  let knowledgeVersion: (() => string) | undefined;
  new Gauge({
    name: 'sikker_by_knowledge_info',
    help: 'The knowledge base in force (its version as a label; the value is always 1)',
    labelNames: ['version'],
    registers,
    collect() {
      this.reset();
      if (knowledgeVersion) this.set({ version: knowledgeVersion() }, 1);
    },
  });
  // Every series from the start, at 0, so that rates and alerts see them before the first event.
  for (const outcome of MESSAGE_OUTCOMES) messages.inc({ outcome }, 0);
  for (const action of CARD_ACTIONS) cardActions.inc({ action }, 0);
  for (const outcome of new Set(Object.values(REMINDER_OUTCOMES))) reminders.inc({ outcome }, 0);
  for (const reason of TURN_FAILURES) turnFailures.inc({ reason }, 0);

  return {
    answer(outcome, seconds) {
      messages.inc({ outcome });
      latency.observe(seconds);
    },
    help: () => messages.inc({ outcome: 'help' }),
    cardAction: (action) => cardActions.inc({ action }),
    reminder: (outcome) => reminders.inc({ outcome: REMINDER_OUTCOMES[outcome] }),
    turnFailed: (reason) => turnFailures.inc({ reason }),
    apology: () => apologies.inc(),
    redelivered: () => redeliveries.inc(),
    storeError: (operation) => storeErrors.inc({ operation }),
    observeKnowledge(version) {
      knowledgeVersion = version;
    },
    observeQueueDepth(depth) {
      queueDepth = depth;
    },
    contentType: registry.contentType,
    render: () => registry.metrics(),
  };
}
