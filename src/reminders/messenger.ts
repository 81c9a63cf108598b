// What the reminder core needs from a channel to reach people who did not speak
// first: the SDK-free side of src/teams/proactive.ts.
import { z } from 'zod';
import type { DeliveryFailure } from './retry';

/** Where the bot can post proactively; `reference` is the Bot Framework ConversationReference as JSON. */
export const StoredConversation = z.object({
  conversationId: z.string().min(1),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  tenantId: z.string().min(1).optional(),
  reference: z.unknown(),
});
export type StoredConversation = z.infer<typeof StoredConversation>;

/**
 * Text or a card, never both: Teams splits such an activity in two and gives
 * back a single id. A card needs its summary, or the notification reads only
 * "Sent a card".
 */
export type OutgoingMessage =
  | { readonly text: string; readonly summary?: string; readonly card?: never }
  | { readonly card: object; readonly summary: string; readonly text?: never };

export type Failure = { readonly ok: false } & DeliveryFailure;
export type SendResult = { readonly ok: true; readonly activityId: string } | Failure;

export interface RosterMember {
  /** The Teams member id (29:…), what a 1:1 conversation is opened with. */
  readonly id: string;
  readonly name?: string;
  /** The Entra (AAD) object id. */
  readonly aadObjectId?: string;
  readonly userPrincipalName?: string;
  readonly email?: string;
}
type RosterResult = { readonly ok: true; readonly members: RosterMember[] } | Failure;
type OpenResult = { readonly ok: true; readonly conversation: StoredConversation } | Failure;

export interface ProactiveMessenger {
  send(target: StoredConversation, message: OutgoingMessage): Promise<SendResult>;
  /** Replaces an activity the bot sent earlier (PUT), e.g. a reminder card after it was acknowledged. */
  update(target: StoredConversation, activityId: string, message: OutgoingMessage): Promise<SendResult>;
  /** The members of a team (or chat) conversation, with their Entra object ids and UPNs. */
  roster(team: StoredConversation): Promise<RosterResult>;
  /** Creates (or gets: Teams answers the same id again) the 1:1 conversation with a member of the team. */
  openPersonalConversation(team: StoredConversation, member: RosterMember): Promise<OpenResult>;
}

/** The member with this Entra object id or UPN (or e-mail address), compared case-insensitively. */
export function findMember(roster: readonly RosterMember[], entraIdOrUpn: string): RosterMember | undefined {
  const wanted = entraIdOrUpn.trim().toLowerCase();
  return (
    roster.find((m) => m.aadObjectId?.toLowerCase() === wanted) ??
    roster.find((m) => m.userPrincipalName?.toLowerCase() === wanted || m.email?.toLowerCase() === wanted)
  );
}

