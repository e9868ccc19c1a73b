import { accessSync, constants, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What differs when nginx runs on this machine rather than in a container. */
export interface LocalNginxOptions {
  port: number;
  /** Each service's instances as host:port, by the service's name in the routing table. */
  upstreams: ReadonlyMap<string, readonly string[]>;
  /** The token verifier, as host:port. */
  verifier: string;
  /** Requests per minute per client (limits.conf). */
  ratePerMinute: number;
}

/** The gateway's configuration as generated: gateway.conf and what it includes. */
const CONF_D = fileURLToPath(new URL('../nginx/conf.d/', import.meta.url));

// nginx in the foreground as a single process, everything it writes under its own folder: stopping
// or killing that one process stops the gateway, and it needs no root and no system folders.
const MAIN_CONF = `daemon off;
master_process off;
pid nginx.pid;
error_log stderr warn;
events {
  worker_connections 1024;
}
http {
  client_body_temp_path temp/client_body;
  proxy_temp_path temp/proxy;
  fastcgi_temp_path temp/fastcgi;
  uwsgi_temp_path temp/uwsgi;
  scgi_temp_path temp/scgi;
  include conf.d/*.conf;
}
`;

/** The nginx binary: NGINX_BIN, else `nginx` on the PATH or in the sbin folders packages put it in. */
export function findNginx(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NGINX_BIN) return env.NGINX_BIN;
  const folders = [...(env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/opt/homebrew/bin'];
  for (const folder of folders.filter(Boolean)) {
    const candidate = join(folder, 'nginx');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/**
 * Writes a folder for nginx on this machine: the gateway's conf.d as generated, with this
 * machine's port, upstreams and rate in place of the containers', and the access log and the
 * token cache in the folder, and returns the arguments that run nginx on it.
 */
export function prepareLocalNginx(options: LocalNginxOptions): { prefix: string; args: string[] } {
  const prefix = mkdtempSync(join(tmpdir(), 'gateway-nginx-'));
  cpSync(CONF_D, join(prefix, 'conf.d'), { recursive: true });
  mkdirSync(join(prefix, 'temp'));
  writeFileSync(join(prefix, 'nginx.conf'), MAIN_CONF);
  writeFileSync(join(prefix, 'conf.d', 'listen.inc'), `listen 127.0.0.1:${options.port};\n`);
  writeFileSync(join(prefix, 'conf.d', 'limits.conf'), `limit_req_zone $binary_remote_addr zone=per_client:10m rate=${options.ratePerMinute}r/m;\n`);
  writeFileSync(join(prefix, 'conf.d', 'upstreams.conf'), upstreamsConf(options));
  writeFileSync(join(prefix, 'conf.d', 'logging.inc'), 'access_log access.log gateway;\n');
  writeFileSync(join(prefix, 'conf.d', 'cache.conf'), 'proxy_cache_path temp/tokens levels=1 keys_zone=tokens:1m max_size=10m inactive=60s;\n');
  return { prefix, args: ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', 'stderr'] };
}

/** upstreams.conf for these addresses, with the same settings as the containers' one. */
function upstreamsConf({ upstreams, verifier }: LocalNginxOptions): string {
  const blocks = [...upstreams].map(
    ([name, servers]) =>
      `upstream ${name} {\n${servers.map((server) => `  server ${server} max_fails=1 fail_timeout=10s;\n`).join('')}  keepalive 128;\n}\n`,
  );
  return `${blocks.join('')}upstream verifier {\n  server ${verifier};\n  keepalive 16;\n}\n`;
}
