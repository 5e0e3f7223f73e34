import path from 'node:path';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives embedded defaults for an empty env', () => {
    const config = loadConfig({ HOME: '/home/ada' });
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: path.resolve('./data'),
      logLevel: 'info',
      mongoUrl: undefined,
      mongoDb: 'ledgerline',
      storePort: 27018,
      temporalAddress: undefined,
      temporalNamespace: 'default',
      temporalTaskQueue: 'ledgerline',
      temporalPort: 7233,
      temporalUiPort: 8233,
      temporalHttpPort: undefined,
      temporalMetricsPort: undefined,
      toolsCacheDir: '/home/ada/.cache/ledgerline',
    });
  });

  it('derives the Web UI port from the Temporal port, as the dev server does', () => {
    expect(loadConfig({ TEMPORAL_PORT: '7300' }).temporalUiPort).toBe(8300);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer between 1 and 65535, got "abc"'],
    [{ STORE_PORT: '70000' }, 'STORE_PORT must be an integer between 1 and 65535, got "70000"'],
    [{ TEMPORAL_METRICS_PORT: '0' }, 'TEMPORAL_METRICS_PORT must be an integer between 1 and 65535, got "0"'],
    [
      { LOG_LEVEL: 'loud' },
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "loud"',
    ],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ MONGO_URL: '  ', PORT: '' })).toMatchObject({ mongoUrl: undefined, port: 3000 });
  });
});
