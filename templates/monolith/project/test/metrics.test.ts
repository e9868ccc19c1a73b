import { expect, it } from 'vitest';

import { describeEachBackend } from './support/backends.js';

describeEachBackend('metrics', (ctx) => {
  it('exposes process metrics and request durations by route pattern', async () => {
    await ctx.app.inject({ url: '/health/live' });

    const response = await ctx.app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('process_cpu_seconds_total');
    expect(response.body).toMatch(
      /http_request_duration_seconds_count\{route="\/health\/live",method="GET",status_code="200"\} 1/,
    );
  });
});
