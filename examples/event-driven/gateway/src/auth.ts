import { UnauthorizedError } from '@event-driven/platform/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { jwtVerify } from 'jose';

declare module 'fastify' {
  interface FastifyRequest {
    /** The `sub` claim of the request's verified token; undefined on public routes. */
    userId?: string;
  }
}

export interface AuthOptions {
  secret: string;
  /** "METHOD /path-prefix" entries that need no token. */
  publicRoutes: readonly string[];
}

// A verified token is remembered until it expires, up to this many, so a client's every request
// costs a map lookup rather than an HMAC in WebCrypto. The key is the whole token, signature
// included, so a forged token can never hit the cache.
const CACHE_LIMIT = 10_000;

/**
 * An onRequest hook that lets a request through only with a valid bearer JWT: HS256 signed with
 * the gateway's secret, with `sub` and an `exp` in the future. Anything else (no token, a
 * malformed one, another signature or algorithm, `alg: none`, expired) is a 401.
 */
export async function createAuthenticator({ secret, publicRoutes }: AuthOptions) {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'verify',
  ]);
  const open = publicRoutes.map((entry) => {
    const [method = '', prefix = ''] = entry.split(' ');
    return { method, prefix };
  });
  const verified = new Map<string, { userId: string; expiresAtMs: number }>();

  /** The token's subject, from the cache when it was verified before and has not expired since. */
  function cachedUserId(token: string): string | undefined {
    const known = verified.get(token);
    if (known === undefined) return undefined;
    if (known.expiresAtMs > Date.now()) return known.userId;
    verified.delete(token);
    return undefined;
  }

  async function verify(token: string): Promise<string> {
    try {
      const { payload } = await jwtVerify<{ sub: string; exp: number }>(token, key, {
        algorithms: ['HS256'],
        requiredClaims: ['sub', 'exp'],
      });
      if (verified.size >= CACHE_LIMIT) verified.clear();
      verified.set(token, { userId: payload.sub, expiresAtMs: payload.exp * 1000 });
      return payload.sub;
    } catch (error) {
      throw new UnauthorizedError('invalid or expired token', { cause: error });
    }
  }

  // Callback-style rather than async: a known token, the usual case, then costs no promise.
  return function authenticate(request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void): void {
    if (open.some((route) => route.method === request.method && request.url.startsWith(route.prefix))) return done();
    const header = request.headers.authorization;
    if (header === undefined || !header.startsWith('Bearer ')) {
      void reply.header('www-authenticate', 'Bearer');
      return done(new UnauthorizedError('a bearer token is required'));
    }
    const token = header.slice('Bearer '.length);
    const userId = cachedUserId(token);
    if (userId !== undefined) {
      request.userId = userId;
      return done();
    }
    verify(token).then(
      (verifiedUserId) => {
        request.userId = verifiedUserId;
        done();
      },
      (error: Error) => {
        // Why it failed is for the log, not for a caller probing the gateway.
        request.log.debug({ reason: String(error.cause) }, 'token rejected');
        void reply.header('www-authenticate', 'Bearer error="invalid_token"');
        done(error);
      },
    );
  };
}
