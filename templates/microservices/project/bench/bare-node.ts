// The floor of any gateway written in Node: node:http in front of an undici pool, passing the
// request's method and path on and the answer back, and nothing else (no routing table, auth,
// rate limit, tracing, breaker or error handling). What a Node gateway does is paid on top of
// this. Started by bench/run.ts.
import { createServer } from 'node:http';

import { Pool } from 'undici';

// Connection-level headers of the service's answer, which belong to its hop.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding']);

const pool = new Pool(process.env.TARGET_URL ?? '', { connections: 128 });

createServer((request, response) => {
  pool.dispatch(
    { method: 'GET', path: request.url ?? '/' },
    {
      onConnect() {},
      onHeaders(statusCode, rawHeaders) {
        const headers: string[] = [];
        for (let i = 0; i < rawHeaders.length; i += 2) {
          const name = rawHeaders[i]!.toString('latin1');
          if (!HOP_BY_HOP.has(name.toLowerCase())) headers.push(name, rawHeaders[i + 1]!.toString('latin1'));
        }
        response.writeHead(statusCode, headers);
        return true;
      },
      onData(chunk) {
        response.write(chunk);
        return true;
      },
      onComplete() {
        response.end();
      },
      onError(error) {
        response.writeHead(502).end(error.message);
      },
    },
  );
}).listen(Number(process.env.PORT), '127.0.0.1');
