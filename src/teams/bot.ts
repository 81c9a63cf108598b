// The botbuilder edge's turn: botbuilder's TurnContext handed to the shared turn
// (src/protocol/turn.ts). What a conversation is lives in src/conversation/.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Logger } from '../log';
import { runTurn, type TurnOptions } from '../protocol/turn';
import { turnLog } from './turn-log';

export interface TeamsBotOptions extends TurnOptions {
  readonly log: Logger;
}

export type TurnHandler = (context: TurnContext) => Promise<void>;

export function createTurnHandler(options: TeamsBotOptions): TurnHandler {
  return (context) =>
    runTurn(
      {
        activity: context.activity,
        sendActivity: (activity) => context.sendActivity(activity),
        updateActivity: (activity) => context.updateActivity(activity),
        sendInvokeResponse: (status, body) => context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } }),
        sendTyping: () => context.sendActivity({ type: ActivityTypes.Typing }),
      },
      turnLog(context, options.log),
      options,
    );
}
