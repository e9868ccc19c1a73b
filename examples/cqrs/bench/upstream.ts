// A stand-in for a service that answers from memory: it costs next to nothing per request, so
// what the bench measures is the gateway (or the proxy), not the service's database.
import Fastify from 'fastify';

const record = { id: '00000000-0000-4000-8000-000000000000', name: 'Tea', createdAt: new Date().toISOString() };

const app = Fastify();
app.get('/health/live', async () => ({ status: 'ok' }));
app.get('/*', async () => record);
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
