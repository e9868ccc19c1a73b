import { describe, expect, it } from 'vitest';
import { brief, lintFixture, ruleStatus } from '../helpers.js';

describe('async-messaging', () => {
  it('passes an event-driven repository whose services all reach the broker (URL, depends_on, host variable)', async () => {
    const result = await lintFixture('rules/async-messaging/pass');
    expect(result.brokers.map((b) => `${b.kind}:${b.host}`)).toEqual(['rabbitmq:rabbitmq']);
    expect(ruleStatus(result, 'async-messaging')).toBe('pass');
  });

  it('in an event-driven repository, flags a service that is not on the broker', async () => {
    const result = await lintFixture('rules/async-messaging/fail');
    expect(brief(result.findings, 'async-messaging')).toEqual(['async-messaging/notOnBroker invoices services/invoices/requirements.txt:1']);
  });

  it('flags microservices with no broker at all, as a warning', async () => {
    const result = await lintFixture('rules/async-messaging/fail-no-broker');
    expect(brief(result.findings, 'async-messaging')).toEqual(['async-messaging/noBroker - arch.json:1']);
    expect(result.findings.find((f) => f.rule === 'async-messaging')?.severity).toBe('warn');
  });
});
