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
      triggerDispatcher: true,
      triggerSweepIntervalMs: 2000,
      triggerMaxChainDepth: 8,
    });
  });

  it('reads the trigger dispatcher settings', () => {
    expect(
      loadConfig({
        TRIGGER_DISPATCHER: 'false',
        TRIGGER_SWEEP_INTERVAL_MS: '250',
        TRIGGER_MAX_CHAIN_DEPTH: '3',
      }),
    ).toMatchObject({ triggerDispatcher: false, triggerSweepIntervalMs: 250, triggerMaxChainDepth: 3 });
  });

  it('reads the webhook limits and the secrets key as hex or base64', () => {
    expect(loadConfig({})).toMatchObject({
      secretsKey: undefined,
      webhookRateLimit: 600,
      webhookMaxBodyBytes: 1_048_576,
    });
    const key = Buffer.alloc(32, 7);
    expect(
      loadConfig({
        SECRETS_KEY: key.toString('hex'),
        WEBHOOK_RATE_LIMIT: '20',
        WEBHOOK_MAX_BODY_BYTES: '4096',
      }),
    ).toMatchObject({ secretsKey: key, webhookRateLimit: 20, webhookMaxBodyBytes: 4096 });
    expect(loadConfig({ SECRETS_KEY: key.toString('base64') }).secretsKey).toEqual(key);
    expect(loadConfig({ SECRETS_KEY: key.toString('base64url') }).secretsKey).toEqual(key);
  });

  it.each(['abc', '00'.repeat(31), Buffer.alloc(24).toString('base64')])(
    'refuses a SECRETS_KEY that is not 32 bytes: %j',
    (value) => {
      expect(() => loadConfig({ SECRETS_KEY: value })).toThrow(
        new ConfigError(
          'SECRETS_KEY must be 32 bytes written as 64 hex digits or base64, e.g. the output of `openssl rand -hex 32`',
        ),
      );
    },
  );

  it.each([
    [undefined, false],
    ['false', false],
    ['2', 2],
    ['loopback', 'loopback'],
    ['10.0.0.0/8, loopback,fd00::1', '10.0.0.0/8, loopback, fd00::1'],
  ])('reads TRUST_PROXY %j as %j', (value, expected) => {
    expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toBe(expected);
  });

  it.each(['true', '0', '11', 'everyone', '10.0.0.1; rm -rf'])('refuses TRUST_PROXY %j', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(
      new ConfigError(
        `TRUST_PROXY must be false, a hop count from 1 to 10, or addresses, subnets and loopback, linklocal, uniquelocal separated by commas, got "${value}"`,
      ),
    );
  });

  it('derives the Web UI port from the Temporal port, as the dev server does', () => {
    expect(loadConfig({ TEMPORAL_PORT: '7300' }).temporalUiPort).toBe(8300);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer between 1 and 65535, got "abc"'],
    [{ STORE_PORT: '70000' }, 'STORE_PORT must be an integer between 1 and 65535, got "70000"'],
    [{ TEMPORAL_METRICS_PORT: '0' }, 'TEMPORAL_METRICS_PORT must be an integer between 1 and 65535, got "0"'],
    [{ TRIGGER_DISPATCHER: 'maybe' }, 'TRIGGER_DISPATCHER must be true or false, got "maybe"'],
    [
      { TRIGGER_SWEEP_INTERVAL_MS: '10' },
      'TRIGGER_SWEEP_INTERVAL_MS must be an integer between 50 and 3600000, got "10"',
    ],
    [{ WEBHOOK_RATE_LIMIT: '0' }, 'WEBHOOK_RATE_LIMIT must be an integer between 1 and 1000000, got "0"'],
    [
      { TRIGGER_MAX_CHAIN_DEPTH: '0' },
      'TRIGGER_MAX_CHAIN_DEPTH must be an integer between 1 and 1000, got "0"',
    ],
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
