import { BROKER_SCHEMES, DATASTORE_SCHEMES } from '../discover/catalog.js';
import type { BrokerKind, DatastoreKind } from '../model.js';

export type Connection =
  | { type: 'datastore'; kind: DatastoreKind; host: string; database?: string }
  | { type: 'broker'; kind: BrokerKind; host: string }
  | { type: 'http'; host: string };

const URL_PATTERN = /\b(?:jdbc:)?([a-z][a-z0-9+]*):\/\/(?:[^@\s/'"]*@)?([A-Za-z0-9_.${}-]+)(?::\d+)?(?:\/([A-Za-z0-9_-]+))?/g;

/** Every connection a piece of text names: database URLs (JDBC too), broker URLs, http URLs of other hosts. */
export function connectionsIn(text: string): Array<Connection & { index: number }> {
  const found: Array<Connection & { index: number }> = [];
  for (const m of text.matchAll(URL_PATTERN)) {
    const scheme = (m[1] ?? '').toLowerCase();
    const host = (m[2] ?? '').toLowerCase();
    if (!host || host.includes('$') || host.includes('{')) continue; // a placeholder names no host we can follow
    const index = m.index ?? 0;
    const datastore = DATASTORE_SCHEMES[scheme];
    if (datastore) {
      found.push({ type: 'datastore', kind: datastore, host, ...(m[3] ? { database: m[3] } : {}), index });
      continue;
    }
    const broker = BROKER_SCHEMES[scheme];
    if (broker) found.push({ type: 'broker', kind: broker, host, index });
    else if (scheme === 'http' || scheme === 'https' || scheme === 'grpc') found.push({ type: 'http', host, index });
  }
  return found;
}

/** `DB_HOST=orders-db` + `DB_NAME=orders`: connection details split over variables. */
export function connectionFromVariables(env: Record<string, string>): { host: string; database?: string } | undefined {
  const entries = Object.entries(env);
  const host = entries.find(([k]) => /^(DB|DATABASE|POSTGRES|PG|MYSQL|MONGO(DB)?)_?HOST$/i.test(k))?.[1];
  if (!host || host.includes('$')) return undefined;
  const database = entries.find(([k]) => /^(DB|DATABASE|POSTGRES|PG|MYSQL|MONGO(DB)?)_?(NAME|DATABASE|DB)$/i.test(k))?.[1];
  return { host: host.toLowerCase(), ...(database && !database.includes('$') ? { database } : {}) };
}
