// Prints a JWT the gateway accepts, for trying the API by hand:
//   curl -H "authorization: Bearer $(npm run -s token)" http://127.0.0.1:8080/api/…
// Signed with JWT_SECRET from the environment, else from ../.env, else from ../.env.example (the
// development secret). Optional arguments: the subject (default "dev-user") and a lifetime ("1h").
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

import { SignJWT } from 'jose';

const [subject = 'dev-user', lifetime = '1h'] = process.argv.slice(2);
const secret = process.env.JWT_SECRET ?? fromEnvFile('../.env') ?? fromEnvFile('../.env.example');
if (secret === undefined) {
  console.error('error: no JWT_SECRET in the environment, .env or .env.example');
  process.exit(2);
}

const token = await new SignJWT()
  .setProtectedHeader({ alg: 'HS256' })
  .setSubject(subject)
  .setIssuedAt()
  .setExpirationTime(lifetime)
  .sign(new TextEncoder().encode(secret));
console.log(token);

function fromEnvFile(path: string): string | undefined {
  return existsSync(path) ? parseEnv(readFileSync(path, 'utf8')).JWT_SECRET : undefined;
}
