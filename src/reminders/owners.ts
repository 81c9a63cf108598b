// Who owns which deadline in this deployment. Owners are a setting, not a
// fact: no source names the person who reports a deadline, so the knowledge
// base names none, and each deployment lists its own in a file outside the
// sourced files (OWNERS_FILE, default `owners.yaml`, ignored by git; see
// `owners.example.yaml`). A deadline without an entry gets no reminders, and
// a card about it says that no owner is set.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseKnowledgeFile } from '../knowledge/parse';
import { formatProblem, type KnowledgeProblem } from '../knowledge/problems';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UPN = /^[^\s@|,]+@[^\s@|,]+\.[^\s@|,]+$/;

/** The forms of id Teams lets the bot find a person by; said in full when one is not accepted. */
const ACCEPTED_OWNER_IDS =
  'an Entra object id (a GUID such as 0b5e1c9a-3f2d-4c8e-9a71-2d4f6b8c0e13) or a user principal name (e-mail form, such as anne.juhl@kk.dk)';

const OwnerId = z
  .string({ error: `expected ${ACCEPTED_OWNER_IDS}` })
  .trim()
  .refine((s) => GUID.test(s) || UPN.test(s), {
    error: (issue) => `${JSON.stringify(issue.input)} is not accepted: expected ${ACCEPTED_OWNER_IDS}`,
  });

const Name = z.string().trim().min(1, 'a name, or leave the key out');

/** A person: their id alone, or `{ id, name }` so cards and previews can say who it is. */
const Person = z.preprocess((value) => (typeof value === 'string' ? { id: value } : value), z.strictObject({ id: OwnerId, name: Name.optional() }));

const DeadlineOwner = z.strictObject({
  id: OwnerId,
  name: Name.optional(),
  /** Told when the deadline has passed unreported, and sent a digest every Monday. */
  teamLead: Person.optional(),
});
export type DeadlineOwner = z.infer<typeof DeadlineOwner>;

const OwnersFile = z.strictObject({
  /** Deadline id (from knowledge/deadlines.yaml) → its owners. */
  deadlines: z.record(z.string().min(1), z.array(DeadlineOwner).min(1, 'at least one owner, or leave the deadline out')).default({}),
});

/** The owners of each deadline, by deadline id; a deadline that is not there has no owner set. */
export interface DeadlineOwners {
  ownersOf(deadlineId: string): readonly DeadlineOwner[];
  /** The configured name of an owner or team lead, by id (case-insensitive). */
  nameOf(id: string): string | undefined;
}

export function deadlineOwners(byDeadline: Readonly<Record<string, readonly DeadlineOwner[]>> = {}): DeadlineOwners {
  const names = new Map<string, string>();
  for (const owners of Object.values(byDeadline)) {
    for (const o of owners) {
      if (o.name) names.set(o.id.toLowerCase(), o.name);
      if (o.teamLead?.name) names.set(o.teamLead.id.toLowerCase(), o.teamLead.name);
    }
  }
  return {
    ownersOf: (deadlineId) => byDeadline[deadlineId] ?? [],
    nameOf: (id) => names.get(id.toLowerCase()),
  };
}

export const NO_OWNERS: DeadlineOwners = deadlineOwners();

export class OwnersFileError extends Error {
  constructor(readonly problems: readonly KnowledgeProblem[]) {
    super(`The deadline owners file has ${problems.length} error${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    this.name = 'OwnersFileError';
  }
}

/**
 * Parses an owners file's text. Every deadline id must be one of `deadlineIds`
 * (a typo would otherwise silently leave a deadline without reminders).
 */
export function parseOwnersFile(file: string, text: string, deadlineIds: readonly string[]): DeadlineOwners {
  const parsed = parseKnowledgeFile(file, text, OwnersFile);
  if (!parsed.ok) throw new OwnersFileError(parsed.problems);
  const known = new Set(deadlineIds);
  const unknown: KnowledgeProblem[] = Object.keys(parsed.value.deadlines)
    .filter((id) => !known.has(id))
    .map((id) => ({ file, ...parsed.locate(['deadlines', id]), message: `no deadline with this id in the knowledge base (known: ${deadlineIds.join(', ')})` }));
  if (unknown.length > 0) throw new OwnersFileError(unknown);
  return deadlineOwners(parsed.value.deadlines);
}

/** Reads the owners file; a file that does not exist means no owners (`missing` says so, for a warning). */
export function loadOwnersFile(file: string, deadlineIds: readonly string[]): { readonly owners: DeadlineOwners; readonly missing: boolean } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { owners: NO_OWNERS, missing: true };
    throw err;
  }
  return { owners: parseOwnersFile(file, text, deadlineIds), missing: false };
}
