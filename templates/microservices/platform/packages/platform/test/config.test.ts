import { describe, expect, it } from 'vitest';

import { ConfigError, databaseSettings, loadConfig, processSettings, resilienceSettings } from '../src/config.js';

const settings = { ...processSettings({ port: 3001, serviceName: 'things' }), ...resilienceSettings, ...databaseSettings };

describe('loadConfig', () => {
  it('has defaults that need no setup', () => {
    expect(loadConfig(settings, {})).toMatchObject({
      PORT: 3001,
      HOST: '127.0.0.1',
      OTEL_SERVICE_NAME: 'things',
      BREAKER_FAILURE_THRESHOLD: 5,
      PGLITE_DATA_DIR: '.data/pglite',
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(settings, { DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty'],
    ['DATABASE_URL', 'mysql://db/app'],
    ['BREAKER_FAILURE_THRESHOLD', '0'],
    ['UPSTREAM_TIMEOUT_MS', 'soon'],
  ])('names the variable of a bad value: %s=%s', (name, value) => {
    expect(() => loadConfig(settings, { [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig(settings, { [name]: value })).toThrow(new RegExp(`^invalid environment: ${name}: `));
  });
});
