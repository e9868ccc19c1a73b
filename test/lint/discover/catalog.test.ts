import { describe, expect, it } from 'vitest';
import { BREAKER_LIBS, TRACING_LIBS, imageName, matchesLib } from '../../../src/lint/discover/catalog.js';

describe('library catalog', () => {
  it('recognises tracers across ecosystems, including OpenTracing/Jaeger clients', () => {
    const tracers = ['@opentelemetry/sdk-node', 'io.jaegertracing:jaeger-client', 'io.opentracing.contrib:opentracing-spring-cloud-starter', 'go.opentelemetry.io/otel', 'opentelemetry-distro', 'opentelemetry.extensions.hosting', 'org.springframework.boot:spring-boot-starter-zipkin'];
    expect(tracers.filter((d) => !matchesLib(d, TRACING_LIBS))).toEqual([]);
    expect(matchesLib('express', TRACING_LIBS)).toBe(false);
  });

  it('recognises breakers and matches prefixes only where a pattern ends in *', () => {
    expect(['cockatiel', 'io.github.resilience4j:resilience4j-spring-boot3', 'github.com/sony/gobreaker/v2', 'Polly', 'pybreaker'].filter((d) => !matchesLib(d, BREAKER_LIBS))).toEqual([]);
    expect(matchesLib('cockatiel-extra', BREAKER_LIBS)).toBe(false);
  });

  it('takes the image name without registry, path, tag or digest', () => {
    expect(['postgres:17', 'docker.io/library/redis:7-alpine', 'ghcr.io/acme/orders@sha256:abc', 'localhost:5000/kafka'].map(imageName)).toEqual(['postgres', 'redis', 'orders', 'kafka']);
  });
});
