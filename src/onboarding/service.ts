// The tour with its memory: the user's progress is read from the store before
// a step and written after it, so the tour resumes where it was left, also
// after a restart or on another instance.
import type { Lang } from '../kernel/lang';
import { renderGuideCard } from '../cards/guide-cards';
import type { RenderedCard } from '../kernel/card';
import { localDate } from '../kernel/dates';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { Store } from '../storage/store';
import { onboard, OnboardingProgress, type OnboardingAction } from './tour';

export interface OnboardingOptions {
  /** The knowledge base in force (it can be reloaded). */
  readonly kb: () => KnowledgeBase;
  readonly store: Pick<Store, 'getOnboarding' | 'setOnboarding'>;
  readonly now: () => Date;
  readonly timeZone: string;
  readonly random?: () => number;
}

/** Shows the user's next card of the tour: `action` undefined resumes (or starts) it. */
export type Onboarding = (userId: string, action: OnboardingAction | undefined, lang: Lang) => Promise<RenderedCard>;

export function createOnboarding({ kb, store, now, timeZone, random = Math.random }: OnboardingOptions): Onboarding {
  return async (userId, action, lang) => {
    const stored = OnboardingProgress.safeParse(await store.getOnboarding(userId));
    const at = now();
    const { view, progress } = onboard({ kb: kb(), lang, today: localDate(at, timeZone), random }, stored.success ? stored.data : undefined, action);
    await store.setOnboarding(userId, progress, at);
    return renderGuideCard(view);
  };
}
