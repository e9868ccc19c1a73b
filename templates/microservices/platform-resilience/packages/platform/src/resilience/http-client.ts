import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

import { BrokenCircuitError } from 'cockatiel';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { BalancedPool, Pool, request as undiciRequest, type Dispatcher } from 'undici';

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

/** Whether the service is ready, and where it runs as several instances, each instance's state by origin. */
export interface ReadyCheck {
  up: boolean;
  reason?: string;
  instances?: Record<string, 'up' | 'down'>;
}

// How often the instances of a replicated service are polled, and how long one may take to answer.
const INSTANCE_CHECK_INTERVAL_MS = 2_000;
const INSTANCE_CHECK_TIMEOUT_MS = 1_000;

const IDEMPOTENT = new Set<string>(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** The pool's errors for an attempt that passed its deadline. */
const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * HTTP to one other service, through its breaker (see policy.ts), over keep-alive connection
 * pools. Every failure to get an answer becomes an UpstreamUnavailableError (a 503), with the
 * reason: the circuit is open, the deadline passed, or the service cannot be reached.
 *
 * A service may run as several instances (`--replicas`; "url|url" in its setting): calls are
 * then balanced over them round robin (undici's BalancedPool, which also favours instances that
 * do not fail), and an instance that fails its readiness check, polled every couple of seconds,
 * leaves the rotation until it passes again. A call refused by an instance that died since the
 * last poll is retried on the next (see policy.ts), so a dead instance costs no request.
 */
export class ServiceClient {
  readonly #pool: Pool | BalancedPool;
  readonly #resilience: Resilience;
  readonly #origins: readonly string[];
  readonly #logger: Logger;
  readonly #poll: NodeJS.Timeout | undefined;

  constructor(
    readonly name: string,
    urls: readonly string[],
    settings: ResilienceSettings & { UPSTREAM_TIMEOUT_MS: number },
    deps: { logger: Logger; registry: Registry },
  ) {
    if (urls.length === 0) throw new Error(`no URL for the ${name} service`);
    const options: Pool.Options = {
      // Enough connections for a busy gateway on a few cores; idle ones are closed after a while.
      connections: 128,
      keepAliveTimeout: 10_000,
      // The deadline of one attempt, kept by the pool's own timers: no timer or AbortController
      // per call, which on the gateway's hot path costs more than the breaker itself.
      connectTimeout: settings.UPSTREAM_TIMEOUT_MS,
      headersTimeout: settings.UPSTREAM_TIMEOUT_MS,
      bodyTimeout: settings.UPSTREAM_TIMEOUT_MS,
    };
    this.#origins = urls.map((url) => new URL(url).origin);
    this.#logger = deps.logger;
    this.#resilience = createResilience(name, settings, deps);
    if (this.#origins.length === 1) {
      this.#pool = new Pool(this.#origins[0]!, options);
    } else {
      this.#pool = new BalancedPool([...this.#origins], options);
      this.#poll = setInterval(() => void this.checkReady(INSTANCE_CHECK_TIMEOUT_MS), INSTANCE_CHECK_INTERVAL_MS).unref();
    }
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

  /**
   * Forwards one request and streams the service's answer into `response` as it arrives, with
   * no copy of the body in between (the gateway's path). `writeHead` is called once, when the
   * service answers, with its status and raw headers ([name, value, …]); it must write the head
   * of `response`. The promise resolves then, or rejects like request() when no answer comes:
   * only then can a call still be retried or answered with a 503. A body that breaks off after
   * the head ends the response abruptly (the client sees a truncated answer) and does not count
   * as a failure for the breaker, since the service did answer.
   */
  async forward(
    request: UpstreamRequest,
    response: ServerResponse,
    writeHead: (statusCode: number, rawHeaders: Buffer[]) => void,
  ): Promise<void> {
    try {
      await this.#resilience.execute(
        () =>
          new Promise<void>((answered, failed) => {
            this.#pool.dispatch(
              {
                method: request.method,
                path: request.path,
                headers: request.headers ?? {},
                body: request.body ?? null,
              },
              new StreamingAnswer(response, writeHead, answered, failed),
            );
          }),
        { idempotent: IDEMPOTENT.has(request.method) },
      );
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
   * Asks every instance of the service whether it is ready, around the breaker: the answer should
   * describe the service as it is now, and a health poll must neither trip nor hold the circuit.
   * The service is up while one instance is; instances that are not leave the rotation.
   */
  async checkReady(timeoutMs: number): Promise<ReadyCheck> {
    const checks = await Promise.all(this.#origins.map((origin) => instanceReady(origin, timeoutMs)));
    this.#rotate(checks.map((check) => check.up));
    if (checks.length === 1) return checks[0]!;
    const instances = Object.fromEntries(this.#origins.map((origin, i) => [origin, checks[i]!.up ? 'up' : 'down'] as const));
    return checks.some((check) => check.up) ? { up: true, instances } : { up: false, reason: 'no instance is ready', instances };
  }

  close(): Promise<void> {
    clearInterval(this.#poll);
    return this.#pool.close();
  }

  /** Calls go to the ready instances; with none ready, to all of them, and the breaker answers for the service. */
  #rotate(ready: readonly boolean[]): void {
    const pool = this.#pool;
    if (!(pool instanceof BalancedPool)) return;
    const anyReady = ready.some(Boolean);
    for (const [i, origin] of this.#origins.entries()) {
      const wanted = ready[i] === true || !anyReady;
      const inRotation = pool.upstreams.includes(origin);
      if (wanted && !inRotation) {
        pool.addUpstream(origin);
        this.#logger.info({ upstream: this.name, instance: origin }, `instance of ${this.name} back in rotation`);
      } else if (!wanted && inRotation) {
        pool.removeUpstream(origin);
        this.#logger.warn({ upstream: this.name, instance: origin }, `instance of ${this.name} not ready: out of rotation`);
      }
    }
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

async function instanceReady(origin: string, timeoutMs: number): Promise<ReadyCheck> {
  try {
    const response = await undiciRequest(`${origin}/health/ready`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body.dump();
    return response.statusCode === 200 ? { up: true } : { up: false, reason: `not ready (${response.statusCode})` };
  } catch (error) {
    return { up: false, reason: error instanceof Error && 'code' in error ? String(error.code) : String(error) };
  }
}

/**
 * undici's dispatch handler for forward(): the answer goes straight from the pool's socket into
 * the server response. A handler object rather than pool.request() or pool.stream(): those wrap
 * every answer in a Readable, parse its headers into an object and settle extra promises; with
 * reply.send on top, that was about an eighth of the gateway's CPU per request (`npm run bench`).
 */
class StreamingAnswer implements Dispatcher.DispatchHandler {
  #headWritten = false;
  /** undici's way to restart a paused upstream (see onData). */
  #resume: () => void = () => {};

  constructor(
    private readonly response: ServerResponse,
    private readonly writeHead: (statusCode: number, rawHeaders: Buffer[]) => void,
    private readonly answered: () => void,
    private readonly failed: (error: Error) => void,
  ) {}

  onConnect(): void {}

  onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void): boolean {
    // 1xx interim answers (100 Continue) are not the answer.
    if (statusCode < 200) return true;
    this.writeHead(statusCode, rawHeaders);
    this.#headWritten = true;
    this.answered();
    this.#resume = resume;
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.response.write(chunk)) return true;
    // The client reads slower than the service answers: pause the upstream until it catches up.
    this.response.once('drain', this.#resume);
    return false;
  }

  onComplete(): void {
    this.response.end();
  }

  onError(error: Error): void {
    if (this.#headWritten) this.response.destroy(error);
    else this.failed(error);
  }
}
