// The bot's few fixed sentences outside the answer cards.
import type { Lang } from '../kernel/lang';

const REPLIES = {
  da: {
    apology: 'Beklager, noget gik galt hos mig. Prøv igen om lidt.',
    unknownButton: 'Den knap forstod jeg ikke. Skriv gerne dit spørgsmål i stedet.',
    adminOnly: 'Den kommando er kun for administratorer af Sikker By-assistenten.',
    slowDown: 'Du sender mange beskeder lige nu. Vent et øjeblik, så svarer jeg igen.',
  },
  en: {
    apology: 'Sorry, something went wrong on my side. Please try again in a moment.',
    unknownButton: "I didn't understand that button. Please type your question instead.",
    adminOnly: 'That command is for the administrators of the Sikker By assistant only.',
    slowDown: "You are sending a lot of messages right now. Please wait a moment and I'll answer again.",
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type ReplyName = keyof (typeof REPLIES)['da'];

export function reply(name: ReplyName, lang: Lang): string {
  return REPLIES[lang][name];
}
