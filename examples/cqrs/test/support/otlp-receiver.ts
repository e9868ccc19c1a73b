import { createServer, type Server } from 'node:http';

/** A span as the test needs it, from the OTLP/HTTP JSON the services export. */
export interface ReceivedSpan {
  service: string;
  traceId: string;
  name: string;
}

interface ExportRequest {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
    scopeSpans?: { spans?: { traceId: string; name: string }[] }[];
  }[];
}

/**
 * A stand-in for the OpenTelemetry collector: accepts OTLP/HTTP JSON exports on /v1/traces and
 * keeps the spans, so the test can see which services took part in a trace.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  #server: Server | undefined;

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        this.#collect(JSON.parse(body) as ExportRequest);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
    return `http://127.0.0.1:${address.port}`;
  }

  /** The services that sent spans of `traceId`, waiting up to `timeoutMs` for all of `expected`. */
  async servicesInTrace(traceId: string, expected: readonly string[], timeoutMs = 10_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    let seen: string[] = [];
    while (Date.now() < deadline) {
      seen = [...new Set(this.spans.filter((span) => span.traceId === traceId).map((span) => span.service))].sort();
      if (expected.every((service) => seen.includes(service))) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return seen;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.#server?.close(resolve));
  }

  #collect(request: ExportRequest): void {
    for (const resourceSpans of request.resourceSpans ?? []) {
      const service =
        resourceSpans.resource?.attributes?.find((attribute) => attribute.key === 'service.name')?.value.stringValue ?? '?';
      for (const scope of resourceSpans.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) this.spans.push({ service, traceId: span.traceId, name: span.name });
      }
    }
  }
}
