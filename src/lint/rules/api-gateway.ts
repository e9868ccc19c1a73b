import { defineRule } from '../rule.js';
import { appServices, repositoryAnchor } from '../rule-helpers.js';

export const apiGateway = defineRule({
  id: 'api-gateway',
  meta: {
    title: 'API gateway',
    why: 'An API gateway is the one entry point for clients: it routes requests and handles the common concerns (authentication, rate limiting, logging, TLS) once, instead of in every service.',
    checks: 'A gateway container (NGINX, Kong, Envoy, Traefik) in compose, an Ingress / Gateway API route / Kong or Traefik resource in Kubernetes, an NGINX/Kong/Envoy/Traefik/Ocelot config file, or a service built on a proxy library (@fastify/http-proxy, http-proxy-middleware, Spring Cloud Gateway, YARP, Ocelot) or named `gateway`.',
    fix: 'Put a gateway in front of the services (e.g. a `gateway/` service on @fastify/http-proxy, or Kong/NGINX/Envoy) and route all client traffic through it.',
    limits: 'A managed cloud gateway configured outside the repository is not seen; configure `rules: { "api-gateway": "off" }` if you use one.',
    severity: { monolith: 'off', microservices: 'error', 'event-driven': 'warn', cqrs: 'warn' },
    messages: {
      missingGateway: 'No API gateway found in front of the services.',
    },
  },
  check(model, context) {
    const apps = appServices(model);
    if (apps.length < 2) {
      context.note(`${apps.length} service found; a gateway is only required in front of several`);
      return;
    }
    if (model.gateways.length === 0) context.report({ messageId: 'missingGateway', ...repositoryAnchor(model) });
  },
});
