/**
 * The event types of a saga's step, as the generated platform's messaging/saga.ts names them:
 * the generator must subscribe each step's service to exactly these.
 */
export function sagaMessagesOf(saga: string, action: string): { command: string; undo: string } {
  return { command: `${saga}.${action}`, undo: `${saga}.${action}.undo` };
}
