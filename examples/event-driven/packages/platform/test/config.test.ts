import { describe, expect, it } from 'vitest';

import { ConfigError, databaseSettings, loadConfig, processSettings } from '../src/config.js';

const settings = { ...processSettings({ port: 3001, serviceName: 'things' }), ...databaseSettings };

describe('loadConfig', () => {
  it('has defaults that need no setup', () => {
    expect(loadConfig(settings, {})).toMatchObject({
      PORT: 3001,
      HOST: '127.0.0.1',
      OTEL_SERVICE_NAME: 'things',
      LOG_LEVEL: 'info',
      PGLITE_DATA_DIR: '.data/pglite',
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(settings, { DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty'],
    ['DATABASE_URL', 'mysql://db/app'],
    ['LOG_LEVEL', 'loud'],
  ])('names the variable of a bad value: %s=%s', (name, value) => {
    expect(() => loadConfig(settings, { [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig(settings, { [name]: value })).toThrow(new RegExp(`^invalid environment: ${name}: `));
  });
});
