import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '../src/config.js';
import { resilienceSettings } from '../src/resilience/settings.js';

describe('resilienceSettings', () => {
  it('has defaults that need no setup', () => {
    expect(loadConfig(resilienceSettings, {})).toEqual({
      UPSTREAM_TIMEOUT_MS: 2_000,
      RETRY_ATTEMPTS: 2,
      BREAKER_FAILURE_THRESHOLD: 5,
      BREAKER_COOLDOWN_MS: 10_000,
    });
  });

  it.each([
    ['BREAKER_FAILURE_THRESHOLD', '0'],
    ['UPSTREAM_TIMEOUT_MS', 'soon'],
    ['RETRY_ATTEMPTS', '9'],
  ])('names the variable of a bad value: %s=%s', (name, value) => {
    expect(() => loadConfig(resilienceSettings, { [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig(resilienceSettings, { [name]: value })).toThrow(new RegExp(`^invalid environment: ${name}: `));
  });
});
