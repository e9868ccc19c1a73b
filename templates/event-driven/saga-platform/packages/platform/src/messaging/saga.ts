import { randomUUID } from 'node:crypto';

import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';

import type { Queryable } from '../db/database.js';
import { NotFoundError } from '../errors.js';
import { IdParams, parseInput } from '../http/validation.js';
import { newEvent, type EventEnvelope } from './envelope.js';
import type { EventHandlers } from './event-handlers.js';
import { appendToOutbox } from './outbox.js';

/**
 * The saga tables. The service that orchestrates sagas applies them beside its own migrations:
 * `migrate(db, SAGA_MIGRATIONS)`. File names start with `saga-`, clear of the service's own.
 */
export const SAGA_MIGRATIONS = new URL('../../migrations/sagas/', import.meta.url);

/** One step: a command to a service, and the command that undoes it when a later step fails. */
export interface SagaStep {
  service: string;
  action: string;
}

export interface SagaDefinition {
  /** Lowercase words joined by dashes; the prefix of every event type of the saga. */
  name: string;
  steps: readonly SagaStep[];
}

export type SagaStatus = 'running' | 'compensating' | 'completed' | 'compensated';

export interface SagaState {
  id: string;
  name: string;
  /** The step whose reply the saga waits for (forward), or whose undoing it waits for. */
  step: number;
  status: SagaStatus;
  data: unknown;
  failure: string | null;
}

/**
 * The messages of a saga, by convention. The orchestrator sends `<saga>.<action>` to do a step and
 * `<saga>.<action>.undo` to undo it; the service replies `<saga>.<action>.done` or
 * `<saga>.<action>.failed` (with a `reason`), and `<saga>.<action>.undone`. Every message's key
 * and `sagaId` is the saga's id; commands carry the saga's data.
 */
export const sagaMessages = (saga: string, action: string) => ({
  command: `${saga}.${action}`,
  undo: `${saga}.${action}.undo`,
  done: `${saga}.${action}.done`,
  failed: `${saga}.${action}.failed`,
  undone: `${saga}.${action}.undone`,
});

/** What a step's service sends back, in its own transaction, when it has done (or undone) it. */
export const sagaReply = (
  command: EventEnvelope,
  outcome: 'done' | 'undone' | { failed: string },
): EventEnvelope => {
  const { sagaId } = SagaCommand.parse(command.payload);
  const type = command.type.replace(/\.undo$/, '');
  if (outcome === 'done' || outcome === 'undone') return newEvent(`${type}.${outcome}`, sagaId, { sagaId });
  return newEvent(`${type}.failed`, sagaId, { sagaId, reason: outcome.failed });
};

/** The payload of a command, as a step's service reads it. */
export const SagaCommand = z.object({ sagaId: z.uuid(), data: z.unknown() });

const Reply = z.object({ sagaId: z.uuid(), reason: z.string().optional() });

export interface Saga {
  readonly definition: SagaDefinition;
  /** Starts a saga in the caller's transaction: its row and its first command commit with it. */
  start(tx: Queryable, data: unknown): Promise<string>;
  /** The orchestrator's handlers of the steps' replies; add them to the service's handlers. */
  readonly handlers: EventHandlers;
}

/**
 * An orchestrated saga: the orchestrator sends one command at a time and records the step in
 * `sagas`, in the transaction that handles the reply and sends the next command. When a step
 * fails, the steps done before it are undone, last first (the compensating transactions). A
 * reply that does not match where the saga is (late, repeated, or for another step) changes
 * nothing, so at-least-once delivery never moves a saga twice.
 */
export function orchestrate(definition: SagaDefinition): Saga {
  const { name, steps } = definition;
  if (steps.length === 0) throw new Error(`saga ${name} has no steps`);

  const command = (saga: Pick<SagaState, 'id' | 'data'>, step: number, kind: 'command' | 'undo') =>
    newEvent(sagaMessages(name, steps[step]!.action)[kind], saga.id, { sagaId: saga.id, data: saga.data });

  /** The saga, locked for this transaction, if it waits for `action`'s reply in `status`. */
  async function waitingFor(tx: Queryable, sagaId: string, action: string, status: SagaStatus): Promise<SagaState | undefined> {
    const { rows } = await tx.query<SagaState>(
      'SELECT id, name, step, status, data, failure FROM sagas WHERE id = $1 AND name = $2 FOR UPDATE',
      [sagaId, name],
    );
    const saga = rows[0];
    return saga !== undefined && saga.status === status && steps[saga.step]?.action === action ? saga : undefined;
  }

  async function moveTo(tx: Queryable, saga: SagaState, step: number, status: SagaStatus, failure = saga.failure): Promise<void> {
    await tx.query('UPDATE sagas SET step = $2, status = $3, failure = $4, updated_at = now() WHERE id = $1', [saga.id, step, status, failure]);
  }

  /** Undoes the step before `step`, or ends the saga compensated when there is none. */
  async function undoBefore(tx: Queryable, saga: SagaState, step: number, failure: string | null): Promise<void> {
    if (step === 0) return moveTo(tx, saga, 0, 'compensated', failure);
    await moveTo(tx, saga, step - 1, 'compensating', failure);
    await appendToOutbox(tx, [command(saga, step - 1, 'undo')]);
  }

  const handlers: Record<string, EventHandlers[string]> = {};
  for (const [index, { action }] of steps.entries()) {
    const messages = sagaMessages(name, action);
    handlers[messages.done] = async (tx, event) => {
      const saga = await waitingFor(tx, Reply.parse(event.payload).sagaId, action, 'running');
      if (saga === undefined) return;
      if (index + 1 === steps.length) return moveTo(tx, saga, index, 'completed');
      await moveTo(tx, saga, index + 1, 'running');
      await appendToOutbox(tx, [command(saga, index + 1, 'command')]);
    };
    handlers[messages.failed] = async (tx, event) => {
      const reply = Reply.parse(event.payload);
      const saga = await waitingFor(tx, reply.sagaId, action, 'running');
      if (saga !== undefined) await undoBefore(tx, saga, index, reply.reason ?? `${action} failed`);
    };
    handlers[messages.undone] = async (tx, event) => {
      const saga = await waitingFor(tx, Reply.parse(event.payload).sagaId, action, 'compensating');
      if (saga !== undefined) await undoBefore(tx, saga, index, saga.failure);
    };
  }

  return {
    definition,
    handlers,
    async start(tx, data) {
      const saga = { id: randomUUID(), data };
      await tx.query('INSERT INTO sagas (id, name, step, status, data) VALUES ($1, $2, 0, $3, $4)', [saga.id, name, 'running', JSON.stringify(data)]);
      await appendToOutbox(tx, [command(saga, 0, 'command')]);
      return saga.id;
    },
  };
}

/** Where a saga is, for a status endpoint or a test. */
export async function findSaga(db: Queryable, sagaId: string): Promise<SagaState | undefined> {
  const { rows } = await db.query<SagaState>('SELECT id, name, step, status, data, failure FROM sagas WHERE id = $1', [sagaId]);
  return rows[0];
}

/** GET /:id: where a saga is (its step, whether it is undoing, and why), 404 for an unknown id. */
export function sagaRoutes(db: Queryable): FastifyPluginAsync {
  return async function sagaRoutes(app) {
    app.get('/:id', async (request) => {
      const { id } = parseInput(IdParams, request.params);
      const saga = await findSaga(db, id);
      if (saga === undefined) throw new NotFoundError(`no saga with id ${id}`);
      return saga;
    });
  };
}
