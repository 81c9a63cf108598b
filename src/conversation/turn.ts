// A turn as the conversation core sees it, whatever channel it came from (Teams
// through either SDK, the terminal), and the replies it gives. Plain data: an
// edge translates its world into a Turn and the Replies back into its world.
import type { RenderedCard } from '../kernel/card';
import type { Lang } from '../kernel/lang';
import type { ConversationRecord } from '../storage/reminder-store';

export interface Turn {
  /** Who: the Entra object id where the channel gives one (admins, owners and tour progress are keyed by it). */
  readonly user: { readonly id: string; readonly name?: string; readonly aadObjectId?: string };
  /** Where. */
  readonly conversation: {
    readonly id: string;
    /** A 1:1 chat: the bot answers every message and admin commands are recognised. */
    readonly personal: boolean;
    readonly tenantId?: string;
    /** How to reach this conversation later (reminders), as the store keeps it; absent: not reachable. */
    readonly record?: ConversationRecord;
  };
  /** What. */
  readonly event: TurnEvent;
  /** The client's language (Teams' locale) or the default; the text itself may still say otherwise. */
  readonly lang: Lang;
  readonly at: Date;
}

export type TurnEvent =
  /** A typed message; `addressed`: in a 1:1 chat, or the bot was @mentioned. */
  | { readonly kind: 'message'; readonly text: string; readonly addressed: boolean }
  /** A card button (Action.Submit): its data. */
  | { readonly kind: 'button'; readonly value: unknown }
  /** A Universal Action (Action.Execute); `name` is the invoke's name. */
  | { readonly kind: 'execute'; readonly name: string; readonly value: unknown }
  /** The bot was added to the conversation (installed). */
  | { readonly kind: 'added' }
  /** The bot was removed (uninstalled); `teamId` when it was a team's channel. */
  | { readonly kind: 'removed'; readonly teamId?: string }
  /** Anything else (a typing indicator, a reaction): only the conversation's record is refreshed. */
  | { readonly kind: 'other' };

export type Reply =
  | { readonly kind: 'text'; readonly text: string; readonly markdown?: boolean }
  | { readonly kind: 'card'; readonly card: RenderedCard }
  /** Replace the card whose button was pressed; where that fails or there is none, send `otherwise`. */
  | { readonly kind: 'replace'; readonly card: RenderedCard; readonly otherwise: Reply }
  /** The answer to an Action.Execute, returned in the HTTP response. */
  | { readonly kind: 'invokeResponse'; readonly status: number; readonly body: unknown };
