// The baseline for the gateway: a bare @fastify/http-proxy to TARGET_URL on PORT, with nothing
// else (no auth, rate limit, tracing or logging). Started by bench/run.ts.
import proxy from '@fastify/http-proxy';
import Fastify from 'fastify';

const app = Fastify();
await app.register(proxy, { upstream: process.env.TARGET_URL ?? '' });
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
