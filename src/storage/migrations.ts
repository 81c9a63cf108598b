// The schema of both stores as one ordered list. A later feature adds a table by
// appending an entry with the next version; an applied entry is never edited,
// because databases already out there have run it.
//
// Time columns differ on purpose: SQLite has no time type, so `at` is epoch
// milliseconds there; PostgreSQL uses timestamptz, which editors can query
// directly and which keeps microseconds, so milliseconds round-trip exactly.
// Conversation state is `json`, not `jsonb`: the store never looks inside it,
// and `json` gives back exactly the text it was given (key order included).

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sqlite: string;
  readonly postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'feedback, unanswered questions and conversation state',
    sqlite: `
      CREATE TABLE feedback (
        id INTEGER PRIMARY KEY,
        answer_id TEXT NOT NULL,
        rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
        question TEXT NOT NULL,
        answer_title TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX feedback_newest ON feedback (at DESC, id DESC);
      CREATE TABLE unanswered (
        id INTEGER PRIMARY KEY,
        question TEXT NOT NULL,
        lang TEXT NOT NULL CHECK (lang IN ('da', 'en')),
        outcome TEXT NOT NULL CHECK (outcome IN ('fallback', 'suggestions')),
        at INTEGER NOT NULL
      );
      CREATE INDEX unanswered_newest ON unanswered (at DESC, id DESC);
      CREATE TABLE conversation_state (
        conversation_id TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );`,
    postgres: `
      CREATE TABLE feedback (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        answer_id text NOT NULL,
        rating text NOT NULL CHECK (rating IN ('up', 'down')),
        question text NOT NULL,
        answer_title text NOT NULL,
        at timestamptz NOT NULL
      );
      CREATE INDEX feedback_newest ON feedback (at DESC, id DESC);
      CREATE TABLE unanswered (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        question text NOT NULL,
        lang text NOT NULL CHECK (lang IN ('da', 'en')),
        outcome text NOT NULL CHECK (outcome IN ('fallback', 'suggestions')),
        at timestamptz NOT NULL
      );
      CREATE INDEX unanswered_newest ON unanswered (at DESC, id DESC);
      CREATE TABLE conversation_state (
        conversation_id text PRIMARY KEY,
        state json NOT NULL,
        updated_at timestamptz NOT NULL
      );`,
  },
  // Reminders. The conversation reference and the payload are `json` for the
  // same reason as the conversation state. Only SQLite has `claimed_by`: there a
  // row being delivered is marked by the process holding it, where PostgreSQL
  // holds a row lock in the delivering transaction instead (see the stores).
  // User ids and UPNs are compared with lower(), which folds ASCII alike in both
  // databases; Entra object ids and UPNs are ASCII.
  {
    version: 2,
    name: 'conversation references and the reminder outbox',
    sqlite: `
      CREATE TABLE conversation_references (
        conversation_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('personal', 'groupChat', 'channel')),
        tenant_id TEXT,
        service_url TEXT NOT NULL,
        user_aad_object_id TEXT,
        user_principal_name TEXT,
        team_id TEXT,
        reference TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX conversation_references_user_id
        ON conversation_references (lower(user_aad_object_id)) WHERE kind = 'personal';
      CREATE INDEX conversation_references_upn
        ON conversation_references (lower(user_principal_name)) WHERE kind = 'personal';
      CREATE INDEX conversation_references_team ON conversation_references (team_id);
      CREATE TABLE reminders (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        deadline_id TEXT NOT NULL,
        occurrence TEXT NOT NULL,
        owner TEXT NOT NULL,
        recipient TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('owner', 'team-lead', 'fallback', 'digest', 'test')),
        stage TEXT NOT NULL,
        payload TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'unreachable')),
        attempts INTEGER NOT NULL,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        sent_at INTEGER,
        activity_id TEXT,
        conversation_id TEXT,
        created_at INTEGER NOT NULL,
        claimed_by TEXT
      );
      CREATE INDEX reminders_due ON reminders (next_attempt_at, id) WHERE status = 'pending';
      CREATE INDEX reminders_newest ON reminders (created_at DESC, id DESC);
      CREATE INDEX reminders_deadline_newest ON reminders (deadline_id, created_at DESC, id DESC);
      CREATE INDEX reminders_stages ON reminders (deadline_id, occurrence, recipient, stage, key);
      CREATE TABLE reminder_acknowledgements (
        deadline_id TEXT NOT NULL,
        occurrence TEXT NOT NULL,
        owner TEXT NOT NULL,
        acknowledged_by TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (deadline_id, occurrence, owner)
      );
      CREATE TABLE reminder_snoozes (
        deadline_id TEXT NOT NULL,
        occurrence TEXT NOT NULL,
        owner TEXT NOT NULL,
        until INTEGER NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (deadline_id, occurrence, owner)
      );`,
    postgres: `
      CREATE TABLE conversation_references (
        conversation_id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('personal', 'groupChat', 'channel')),
        tenant_id text,
        service_url text NOT NULL,
        user_aad_object_id text,
        user_principal_name text,
        team_id text,
        reference json NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX conversation_references_user_id
        ON conversation_references (lower(user_aad_object_id)) WHERE kind = 'personal';
      CREATE INDEX conversation_references_upn
        ON conversation_references (lower(user_principal_name)) WHERE kind = 'personal';
      CREATE INDEX conversation_references_team ON conversation_references (team_id);
      CREATE TABLE reminders (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        key text NOT NULL UNIQUE,
        deadline_id text NOT NULL,
        occurrence text NOT NULL,
        owner text NOT NULL,
        recipient text NOT NULL,
        role text NOT NULL CHECK (role IN ('owner', 'team-lead', 'fallback', 'digest', 'test')),
        stage text NOT NULL,
        payload json NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'unreachable')),
        attempts integer NOT NULL,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        sent_at timestamptz,
        activity_id text,
        conversation_id text,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX reminders_due ON reminders (next_attempt_at, id) WHERE status = 'pending';
      CREATE INDEX reminders_newest ON reminders (created_at DESC, id DESC);
      CREATE INDEX reminders_deadline_newest ON reminders (deadline_id, created_at DESC, id DESC);
      CREATE INDEX reminders_stages ON reminders (deadline_id, occurrence, recipient, stage, key);
      CREATE TABLE reminder_acknowledgements (
        deadline_id text NOT NULL,
        occurrence text NOT NULL,
        owner text NOT NULL,
        acknowledged_by text NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (deadline_id, occurrence, owner)
      );
      CREATE TABLE reminder_snoozes (
        deadline_id text NOT NULL,
        occurrence text NOT NULL,
        owner text NOT NULL,
        until timestamptz NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (deadline_id, occurrence, owner)
      );`,
  },
  // The onboarding tour's progress per user (Entra object id or Teams user id), opaque JSON as the conversation state.
  {
    version: 3,
    name: 'onboarding progress',
    sqlite: `
      CREATE TABLE onboarding_progress (
        user_id TEXT PRIMARY KEY,
        progress TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );`,
    postgres: `
      CREATE TABLE onboarding_progress (
        user_id text PRIMARY KEY,
        progress json NOT NULL,
        updated_at timestamptz NOT NULL
      );`,
  },
  // Ask an expert. The asker's conversation reference is kept with the question
  // (json, opaque), so the answer can go back wherever it was asked. A claim, an
  // answer and a decision are guarded by the status in their UPDATE's WHERE,
  // which is what makes the first caller the only winner.
  {
    version: 4,
    name: 'expert questions, suggestions, settings and answer outcomes',
    sqlite: `
      CREATE TABLE expert_questions (
        id INTEGER PRIMARY KEY,
        question TEXT NOT NULL,
        lang TEXT NOT NULL CHECK (lang IN ('da', 'en')),
        asker_id TEXT NOT NULL,
        asker_name TEXT NOT NULL,
        conversation TEXT NOT NULL,
        bot_answer TEXT,
        asked_at INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'claimed', 'answered', 'delivered', 'undeliverable')),
        claimed_by_id TEXT,
        claimed_by_name TEXT,
        claimed_at INTEGER,
        answer_text TEXT,
        answered_by_id TEXT,
        answered_by_name TEXT,
        answered_at INTEGER,
        answer_record_id TEXT,
        card_conversation_id TEXT,
        card_activity_id TEXT,
        delivered_at INTEGER,
        delivery_error TEXT
      );
      CREATE INDEX expert_questions_newest ON expert_questions (asked_at DESC, id DESC);
      CREATE INDEX expert_questions_asker ON expert_questions (lower(asker_id), asked_at DESC);
      CREATE TABLE expert_suggestions (
        id INTEGER PRIMARY KEY,
        question_id INTEGER NOT NULL UNIQUE REFERENCES expert_questions (id),
        kind TEXT NOT NULL CHECK (kind IN ('new', 'alternate')),
        record_id TEXT,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        answered_by_id TEXT NOT NULL,
        answered_by_name TEXT NOT NULL,
        answered_at INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
        decided_by_id TEXT,
        decided_by_name TEXT,
        decided_at INTEGER
      );
      CREATE INDEX expert_suggestions_status ON expert_suggestions (status, id);
      CREATE TABLE bot_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE answer_outcomes (
        id INTEGER PRIMARY KEY,
        outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'suggestions', 'fallback')),
        at INTEGER NOT NULL
      );
      CREATE INDEX answer_outcomes_at ON answer_outcomes (at, id);`,
    postgres: `
      CREATE TABLE expert_questions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        question text NOT NULL,
        lang text NOT NULL CHECK (lang IN ('da', 'en')),
        asker_id text NOT NULL,
        asker_name text NOT NULL,
        conversation json NOT NULL,
        bot_answer text,
        asked_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'claimed', 'answered', 'delivered', 'undeliverable')),
        claimed_by_id text,
        claimed_by_name text,
        claimed_at timestamptz,
        answer_text text,
        answered_by_id text,
        answered_by_name text,
        answered_at timestamptz,
        answer_record_id text,
        card_conversation_id text,
        card_activity_id text,
        delivered_at timestamptz,
        delivery_error text
      );
      CREATE INDEX expert_questions_newest ON expert_questions (asked_at DESC, id DESC);
      CREATE INDEX expert_questions_asker ON expert_questions (lower(asker_id), asked_at DESC);
      CREATE TABLE expert_suggestions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        question_id bigint NOT NULL UNIQUE REFERENCES expert_questions (id),
        kind text NOT NULL CHECK (kind IN ('new', 'alternate')),
        record_id text,
        question text NOT NULL,
        answer text NOT NULL,
        answered_by_id text NOT NULL,
        answered_by_name text NOT NULL,
        answered_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
        decided_by_id text,
        decided_by_name text,
        decided_at timestamptz
      );
      CREATE INDEX expert_suggestions_status ON expert_suggestions (status, id);
      CREATE TABLE bot_settings (
        key text PRIMARY KEY,
        value json NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE TABLE answer_outcomes (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        outcome text NOT NULL CHECK (outcome IN ('answered', 'suggestions', 'fallback')),
        at timestamptz NOT NULL
      );
      CREATE INDEX answer_outcomes_at ON answer_outcomes (at, id);`,
  },
  {
    version: 5,
    name: "each tenant's budget of proactive sends, shared by every instance",
    // tat: the theoretical arrival time of the generic cell rate algorithm (reminders/pacer.ts).
    sqlite: `
      CREATE TABLE send_budget (
        tenant_id TEXT PRIMARY KEY,
        tat INTEGER NOT NULL
      );
    `,
    postgres: `
      CREATE TABLE send_budget (
        tenant_id text PRIMARY KEY,
        tat timestamptz NOT NULL
      );
    `,
  },
  // What a conversation remembers beyond its state, so that any instance can take the next
  // turn: the answers that can still be rated, and when each conversation was last welcomed.
  {
    version: 6,
    name: 'sent answers and welcomes',
    sqlite: `
      CREATE TABLE sent_answers (
        answer_id TEXT PRIMARY KEY,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX sent_answers_at ON sent_answers (at);
      CREATE TABLE welcomes (
        conversation_id TEXT PRIMARY KEY,
        at INTEGER NOT NULL
      );`,
    postgres: `
      CREATE TABLE sent_answers (
        answer_id text PRIMARY KEY,
        question text NOT NULL,
        answer json NOT NULL,
        at timestamptz NOT NULL
      );
      CREATE INDEX sent_answers_at ON sent_answers (at);
      CREATE TABLE welcomes (
        conversation_id text PRIMARY KEY,
        at timestamptz NOT NULL
      );`,
  },
  {
    version: 7,
    name: 'delivered activities (redelivery de-duplication) and the readiness probe row',
    sqlite: `
      CREATE TABLE delivered_activities (
        key TEXT PRIMARY KEY,
        at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX delivered_activities_at ON delivered_activities (at);
      CREATE TABLE readiness_probe (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        at INTEGER NOT NULL
      );`,
    postgres: `
      CREATE TABLE delivered_activities (
        key text PRIMARY KEY,
        at timestamptz NOT NULL
      );
      CREATE INDEX delivered_activities_at ON delivered_activities (at);
      CREATE TABLE readiness_probe (
        id integer PRIMARY KEY CHECK (id = 1),
        at timestamptz NOT NULL
      );`,
  },
];

/** The migrations a database that has applied `applied` still needs, in order. */
export function pendingMigrations(applied: Iterable<number>): Migration[] {
  const done = new Set(applied);
  return MIGRATIONS.filter((m) => !done.has(m.version));
}
