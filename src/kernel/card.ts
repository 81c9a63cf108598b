// What every card renderer produces and every edge sends: plain JSON, no SDK types.

/** A card as JSON, ready for an attachment of type application/vnd.microsoft.card.adaptive. */
export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly version: string;
  readonly body: readonly Record<string, unknown>[];
  readonly [property: string]: unknown;
}

/** A card and the one line a notification shows for it (the activity's `summary`). */
export interface RenderedCard {
  readonly card: AdaptiveCard;
  readonly summary: string;
}
