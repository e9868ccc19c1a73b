// The other baseline for the gateway: a bare NGINX reverse proxy to one upstream (keep-alive, no
// auth, no rate limit, no log), run by bench/run.ts when an nginx binary is on this machine.
import { accessSync, constants, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The command line of a bare NGINX on `port` in front of `upstream` (host:port), or undefined without nginx. */
export function bareNginx(port: number, upstream: string): { file: string; args: string[] } | undefined {
  const binary = findBinary();
  if (binary === undefined) return undefined;
  const prefix = mkdtempSync(join(tmpdir(), 'bench-nginx-'));
  mkdirSync(join(prefix, 'temp'));
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `daemon off;
master_process off;
pid nginx.pid;
error_log stderr warn;
events {
  worker_connections 1024;
}
http {
  access_log off;
  client_body_temp_path temp;
  proxy_temp_path temp;
  upstream target {
    server ${upstream};
    keepalive 128;
  }
  server {
    listen 127.0.0.1:${port};
    keepalive_requests 100000;
    location = /health/live {
      return 200;
    }
    location / {
      proxy_pass http://target;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
`,
  );
  return { file: binary, args: ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', 'stderr'] };
}

function findBinary(): string | undefined {
  if (process.env.NGINX_BIN) return process.env.NGINX_BIN;
  const folders = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/opt/homebrew/bin'];
  for (const folder of folders.filter(Boolean)) {
    try {
      accessSync(join(folder, 'nginx'), constants.X_OK);
      return join(folder, 'nginx');
    } catch {
      // not in this folder
    }
  }
  return undefined;
}
