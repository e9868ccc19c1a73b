import { expect, it } from 'vitest';

import type { EventBus } from '../../../src/messaging/bus.js';
import { event } from './events.js';
import { startTcpProxy } from './tcp-proxy.js';
import { waitFor } from './wait.js';

/** How soon publish() must reject once the broker is gone: at once, not after a client's timeout. */
const PROMPT_MS = 3_000;

/**
 * Takes the broker away from a bus (a proxy between them breaks every connection), then gives it
 * back: publish() must reject promptly meanwhile, and afterwards the same bus must publish again
 * and its existing subscription receive the new events.
 */
export function itSurvivesAnOutage(broker: { url: string; defaultPort: number; connect(url: URL): Promise<EventBus> }): void {
  it('rejects publish promptly during a broker outage, and recovers without a new bus', async () => {
    const target = new URL(broker.url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || broker.defaultPort) });
    const viaProxy = new URL(broker.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const bus = await broker.connect(viaProxy);
    try {
      const received: string[] = [];
      await bus.subscribe('outage', ['outage.tested'], async (e) => void received.push(e.id), {
        concurrency: 1,
        redeliveryDelayMs: () => 50,
      });
      const before = event('outage.tested', 'k', 'before');
      await bus.publish([before]);
      await waitFor('the event before the outage', () => received.includes(before.id));

      proxy.cut();
      const started = Date.now();
      await expect(bus.publish([event('outage.tested', 'k', 'during')])).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(PROMPT_MS);

      proxy.restore();
      const after = event('outage.tested', 'k', 'after');
      await waitFor('publish to succeed again', () => bus.publish([after]).then(() => true, () => false), 30_000);
      await waitFor('the subscription to receive the event after the outage', () => received.includes(after.id), 30_000);
    } finally {
      await bus.close();
      await proxy.close();
    }
  }, 60_000);
}
