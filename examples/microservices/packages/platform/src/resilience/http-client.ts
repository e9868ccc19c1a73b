import type { IncomingHttpHeaders } from 'node:http';

import { BrokenCircuitError } from 'cockatiel';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { Pool, type Dispatcher } from 'undici';

import { UpstreamUnavailableError } from '../errors.js';
import { createResilience, type BreakerState, type Resilience, type ResilienceSettings } from './policy.js';

export interface UpstreamRequest {
  method: Dispatcher.HttpMethod;
  /** Path and query, e.g. "/products/42?x=1". */
  path: string;
  headers?: Record<string, string | string[] | undefined>;
  body?: string | Buffer;
}

export interface UpstreamResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const IDEMPOTENT = new Set<string>(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** The pool's errors for an attempt that passed its deadline. */
const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * HTTP to one other service, through its breaker (see policy.ts), over a keep-alive connection
 * pool. Every failure to get an answer becomes an UpstreamUnavailableError (a 503), with the
 * reason: the circuit is open, the deadline passed, or the service cannot be reached.
 */
export class ServiceClient {
  readonly #pool: Pool;
  readonly #resilience: Resilience;

  constructor(
    readonly name: string,
    baseUrl: string,
    settings: ResilienceSettings & { UPSTREAM_TIMEOUT_MS: number },
    deps: { logger: Logger; registry: Registry },
  ) {
    this.#pool = new Pool(baseUrl, {
      // Enough connections for a busy gateway on a few cores; idle ones are closed after a while.
      connections: 128,
      keepAliveTimeout: 10_000,
      // The deadline of one attempt, kept by the pool's own timers: no timer or AbortController
      // per call, which on the gateway's hot path costs more than the breaker itself.
      connectTimeout: settings.UPSTREAM_TIMEOUT_MS,
      headersTimeout: settings.UPSTREAM_TIMEOUT_MS,
      bodyTimeout: settings.UPSTREAM_TIMEOUT_MS,
    });
    this.#resilience = createResilience(name, settings, deps);
  }

  get breakerState(): BreakerState {
    return this.#resilience.state;
  }

  async request(request: UpstreamRequest): Promise<UpstreamResponse> {
    try {
      return await this.#resilience.execute(() => this.#send(request), {
        idempotent: IDEMPOTENT.has(request.method),
      });
    } catch (error) {
      throw this.#unavailable(error);
    }
  }

  /** A JSON call: the body is serialised, the answer parsed (undefined when it has no body). */
  async json(method: Dispatcher.HttpMethod, path: string, body?: unknown): Promise<{ statusCode: number; body: unknown }> {
    const response = await this.request({
      method,
      path,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return {
      statusCode: response.statusCode,
      body: response.body.length === 0 ? undefined : (JSON.parse(response.body.toString('utf8')) as unknown),
    };
  }

  /**
   * Asks the service whether it is ready, around the breaker: the answer should describe the
   * service as it is now, and a health poll must neither trip nor hold the circuit.
   */
  async checkReady(timeoutMs: number): Promise<{ up: boolean; reason?: string }> {
    try {
      const response = await this.#pool.request({ method: 'GET', path: '/health/ready', signal: AbortSignal.timeout(timeoutMs) });
      await response.body.dump();
      return response.statusCode === 200 ? { up: true } : { up: false, reason: `not ready (${response.statusCode})` };
    } catch (error) {
      return { up: false, reason: error instanceof Error && 'code' in error ? String(error.code) : String(error) };
    }
  }

  close(): Promise<void> {
    return this.#pool.close();
  }

  async #send(request: UpstreamRequest): Promise<UpstreamResponse> {
    const response = await this.#pool.request({
      method: request.method,
      path: request.path,
      headers: request.headers ?? {},
      body: request.body ?? null,
    });
    // Read whole (answers here are small JSON): a retry or a failure never leaves a half-read socket.
    const body = Buffer.from(await response.body.arrayBuffer());
    return { statusCode: response.statusCode, headers: response.headers, body };
  }

  #unavailable(error: unknown): unknown {
    if (error instanceof BrokenCircuitError) {
      return new UpstreamUnavailableError(
        `${this.name} is unavailable (circuit open)`,
        Math.ceil(this.#resilience.cooldownMs / 1000),
      );
    }
    if (error instanceof Error) {
      const code = 'code' in error && typeof error.code === 'string' ? error.code : error.message;
      if (TIMEOUTS.has(code)) return new UpstreamUnavailableError(`${this.name} did not answer in time`);
      return new UpstreamUnavailableError(`${this.name} is unreachable (${code})`);
    }
    return error;
  }
}
