import type { ComposeService } from '../readers/compose.js';
import type { BrokerKind, DatastoreKind, Gateway } from '../model.js';
import { BROKER_IMAGES, DATASTORE_IMAGES, GATEWAY_IMAGES, OBSERVABILITY_IMAGES, imageName } from './catalog.js';

export type InfraRole =
  | { role: 'datastore'; kind: DatastoreKind }
  | { role: 'broker'; kind: BrokerKind }
  | { role: 'gateway'; kind: Gateway['kind'] }
  | { role: 'observability' };

/** A compose service run from a stock infrastructure image (and not built from the repository) is infrastructure, not a service. */
export function infraRole(svc: Pick<ComposeService, 'image' | 'build'>): InfraRole | undefined {
  if (svc.build !== undefined || !svc.image) return undefined;
  const name = imageName(svc.image);
  for (const [re, kind] of DATASTORE_IMAGES) if (re.test(name)) return { role: 'datastore', kind };
  for (const [re, kind] of BROKER_IMAGES) if (re.test(name)) return { role: 'broker', kind };
  for (const [re, kind] of GATEWAY_IMAGES) if (re.test(name)) return { role: 'gateway', kind };
  if (OBSERVABILITY_IMAGES.some((re) => re.test(name))) return { role: 'observability' };
  return undefined;
}
