import { CONFIG_DEFAULTS, loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual(CONFIG_DEFAULTS);
    expect(CONFIG_DEFAULTS).toEqual({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/callflow',
      temporalAddress: '127.0.0.1:7233',
      temporalNamespace: 'default',
      port: 3000,
    });
  });

  it('reads every variable from the environment', () => {
    expect(
      loadConfig({ DATABASE_URL: 'postgres://u@db:5432/x', TEMPORAL_ADDRESS: 't:7233', TEMPORAL_NAMESPACE: 'calls', PORT: '8080' }),
    ).toEqual({ databaseUrl: 'postgres://u@db:5432/x', temporalAddress: 't:7233', temporalNamespace: 'calls', port: 8080 });
  });

  it('rejects a PORT that is not a port number', () => {
    expect(() => loadConfig({ PORT: 'http' })).toThrow('PORT must be an integer between 0 and 65535 (got "http")');
  });
});
