// The team lead's weekly digest: their owners' deadlines that are coming up
// (DIGEST_HORIZON_DAYS) or recently overdue, and who has reported. Pure.
import { DIGEST_HORIZON_DAYS, type DigestCardModel } from '../cards/reminder-cards';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { Acknowledgement, Snooze } from '../storage/reminder-store';
import { sameDateInYear } from '../kernel/dates';
import { daysBetween, type LocalDate } from './calendar';
import type { DeadlineOwners } from './owners';
import { OVERDUE_WINDOW_DAYS } from './schedule';

export interface DigestHistory {
  readonly acknowledgements: readonly Acknowledgement[];
  readonly snoozes: readonly Snooze[];
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function occurrencesNear(due: LocalDate, yearly: boolean, today: LocalDate): LocalDate[] {
  if (!yearly) return [due];
  const year = Number(today.slice(0, 4));
  return [year - 1, year, year + 1].map((y) => sameDateInYear(due, y)).filter((d) => d >= due);
}

/** The digest's rows for one team lead, soonest first. */
export function digestItems(kb: KnowledgeBase, deadlineOwners: DeadlineOwners, teamLead: string, history: DigestHistory, now: Date, today: LocalDate): DigestCardModel['items'] {
  const items: DigestCardModel['items'][number][] = [];
  for (const deadline of kb.deadlines) {
    const owners = deadlineOwners.ownersOf(deadline.id).filter((o) => o.teamLead !== undefined && same(o.teamLead.id, teamLead));
    if (owners.length === 0) continue;
    for (const occurrence of occurrencesNear(deadline.due, deadline.recurrence === 'yearly', today)) {
      const daysLeft = daysBetween(today, occurrence);
      if (daysLeft > DIGEST_HORIZON_DAYS || daysLeft < -OVERDUE_WINDOW_DAYS) continue;
      for (const owner of owners) {
        const mine = <T extends { deadlineId: string; occurrence: string; owner: string }>(rows: readonly T[]) =>
          rows.filter((r) => r.deadlineId === deadline.id && r.occurrence === occurrence && same(r.owner, owner.id));
        const ack = mine(history.acknowledgements)[0];
        const snoozed = mine(history.snoozes).some((s) => s.until > now);
        items.push({
          title: deadline.title,
          due: occurrence,
          daysLeft,
          owner: owner.name ?? owner.id,
          status: ack ? 'reported' : daysLeft < 0 ? 'overdue' : snoozed ? 'snoozed' : 'open',
          ...(ack ? { reportedBy: ack.by } : {}),
        });
      }
    }
  }
  return items.sort((a, b) => a.due.localeCompare(b.due) || a.title.localeCompare(b.title));
}

/** Everyone named as a team lead of a deadline's owner. */
export function teamLeadsOf(kb: KnowledgeBase, owners: DeadlineOwners): string[] {
  const leads = kb.deadlines.flatMap((d) => owners.ownersOf(d.id).flatMap((o) => (o.teamLead ? [o.teamLead.id] : [])));
  return [...new Map(leads.map((l) => [l.toLowerCase(), l])).values()];
}
