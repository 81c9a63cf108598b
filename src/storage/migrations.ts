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
];

/** The migrations a database that has applied `applied` still needs, in order. */
export function pendingMigrations(applied: Iterable<number>): Migration[] {
  const done = new Set(applied);
  return MIGRATIONS.filter((m) => !done.has(m.version));
}
