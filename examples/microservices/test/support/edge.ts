import { freePorts, RunningProcess } from './processes.js';

/** Why the system cannot run here, if it cannot: never, the gateway is Node. */
export const edgeMissing: string | undefined = undefined;

export interface EdgeOptions {
  /** Each service's instances, as URLs, by name. */
  upstreams: ReadonlyMap<string, readonly string[]>;
  /** What every process of the system gets (tracing, log level). */
  env: Record<string, string>;
  jwtSecret: string;
  /** Requests per client per minute. */
  rateLimit: number;
}

/** The way into the system: its processes (none for Kong), and where a request for /api/<service>/… goes. */
export interface Edge {
  processes: RunningProcess[];
  /** The gateway's process, which the tests read logs from and stop. */
  gateway: RunningProcess;
  entry(path: string): string;
}

/** The Node gateway on a free port, routing to every instance of every service. */
export async function prepareEdge({ upstreams, env, jwtSecret, rateLimit }: EdgeOptions): Promise<Edge> {
  const [port = 0] = await freePorts(1);
  const gateway = new RunningProcess({
    name: 'gateway',
    workspace: 'gateway',
    port,
    env: {
      ...env,
      JWT_SECRET: jwtSecret,
      RATE_LIMIT_MAX: String(rateLimit),
      UPSTREAM_URLS: [...upstreams].map(([name, urls]) => `${name}=${urls.join('|')}`).join(','),
    },
  });
  return { processes: [gateway], gateway, entry: (path) => `${gateway.url}${path}` };
}
