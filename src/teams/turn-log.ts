// The logger of the turn being served: the bot's logger with the turn's id added to
// every line, so that the lines of one request can be found together. It travels in
// the TurnContext. (An AsyncLocalStorage would need no passing, but its promise hooks
// run for every promise of every turn, a measurable share of a turn's CPU on Node 20.)
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../log';

const TURN_LOG = Symbol('turn log');

export function setTurnLog(context: TurnContext, log: Logger): void {
  context.turnState.set(TURN_LOG, log);
}

/** The turn's logger; `fallback` for a turn the endpoint did not start (a proactive one). */
export function turnLog(context: TurnContext, fallback: Logger): Logger {
  return (context.turnState.get(TURN_LOG) as Logger | undefined) ?? fallback;
}
