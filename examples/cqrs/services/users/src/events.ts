import { newEvent } from '@cqrs/platform/messaging/envelope';

import type { User } from './schema.js';

// What this service tells the others. Other services subscribe to what they need; this one does
// not know who they are.

export const userCreated = (record: User) =>
  newEvent('user.created', record.id, { id: record.id, name: record.name });
