import path from 'node:path';

/**
 * Every setting the platform reads, from env only. This is the one config loader: `main.ts`
 * files call {@link loadConfig} and hand the result to the code that needs it, so nothing else
 * touches `process.env`. README's configuration table documents each variable (a test checks it).
 */
export interface Config {
  /** Port of the API server, which also serves the editor. */
  port: number;
  /** Interface the API server binds to. */
  host: string;
  dataDir: string;
  logLevel: string;
  /** External MongoDB (or FerretDB) URL; unset means the platform runs its own store. */
  mongoUrl: string | undefined;
  mongoDb: string;
  /** Port of the embedded store (mongod or FerretDB) when `mongoUrl` is unset. */
  storePort: number;
  /** External Temporal frontend; unset means the platform runs the Temporal dev server. */
  temporalAddress: string | undefined;
  temporalNamespace: string;
  temporalTaskQueue: string;
  /** Ports of the embedded Temporal dev server: gRPC frontend and Web UI. */
  temporalPort: number;
  temporalUiPort: number;
  /** Its HTTP API and Prometheus endpoint; unset lets the dev server pick free ones. */
  temporalHttpPort: number | undefined;
  temporalMetricsPort: number | undefined;
  /** Public URL of the Temporal Web UI, for links from the editor. */
  temporalUiUrl: string | undefined;
  /** Hosts, IPs and CIDRs `http.request` may reach although internal; empty refuses them all. */
  httpRequestAllowlist: string | undefined;
  /** SMTP server for `notify.email`; unset keeps mail in the `mailbox` collection. */
  smtpUrl: string | undefined;
  smtpFrom: string | undefined;
  /** Seed the demo company into an empty store on first start. */
  seedDemo: boolean;
  /** Run the entity-event trigger dispatcher in this process (API server and worker both may). */
  triggerDispatcher: boolean;
  /** How often the dispatcher sweeps the version log for events no in-process write announced (stretched up to 16 times while idle). */
  triggerSweepIntervalMs: number;
  /** The longest chain of runs triggering runs (A's write starts B, whose write starts A, …). */
  triggerMaxChainDepth: number;
  adminEmail: string;
  adminPassword: string | undefined;
  /**
   * AES-256 key that encrypts secrets at rest (webhook signing secrets); unset means the key file
   * `secrets.key` under the data directory, created on first start.
   */
  secretsKey: Buffer | undefined;
  /** Webhook calls accepted per hook per minute, and the largest webhook body in bytes. */
  webhookRateLimit: number;
  /**
   * Env `TRUST_PROXY`: which proxies' `X-Forwarded-For` names the client (Express `trust proxy`): a
   * hop count, or addresses, subnets and `loopback`/`linklocal`/`uniquelocal`; off by default, so
   * a client can't pick the address the login and webhook limits count it under.
   */
  trustProxy: false | number | string;
  webhookMaxBodyBytes: number;
  /** Explicit tool paths and the tool cache, for the bootstrap. */
  temporalCliPath: string | undefined;
  ferretdbPath: string | undefined;
  mongodPath: string | undefined;
  toolsCacheDir: string;
}

/** A setting that does not parse; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function int(env: Env, name: string, fallback: number, min = 0, max = 65535): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function trustProxy(env: Env): false | number | string {
  const raw = str(env, 'TRUST_PROXY');
  if (raw === undefined || raw.toLowerCase() === 'false') return false;
  const fail = () =>
    new ConfigError(
      `TRUST_PROXY must be false, a hop count from 1 to 10, or addresses, subnets and loopback, linklocal, uniquelocal separated by commas, got "${raw}"`,
    );
  if (/^\d+$/.test(raw)) {
    if (Number(raw) >= 1 && Number(raw) <= 10) return Number(raw);
    throw fail();
  }
  const parts = raw.split(',').map((part) => part.trim());
  const named = ['loopback', 'linklocal', 'uniquelocal'];
  if (parts.every((part) => named.includes(part) || /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(part)))
    return parts.join(', ');
  throw fail();
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/**
 * Reads a 32-byte key written as 64 hex digits or as base64, or returns undefined when the text
 * is neither.
 *
 * @example
 * parseSecretsKey('00'.repeat(32)); // <Buffer 00 00 …> (32 bytes)
 */
export function parseSecretsKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === 32) return key;
  }
  return undefined;
}

function secretsKey(env: Env): Buffer | undefined {
  const raw = str(env, 'SECRETS_KEY');
  if (raw === undefined) return undefined;
  const key = parseSecretsKey(raw);
  if (!key) {
    throw new ConfigError(
      'SECRETS_KEY must be 32 bytes written as 64 hex digits or base64, e.g. the output of `openssl rand -hex 32`',
    );
  }
  return key;
}

function optionalInt(env: Env, name: string): number | undefined {
  return str(env, name) === undefined ? undefined : int(env, name, 0, 1);
}

function defaultCacheDir(env: Env): string {
  const base = str(env, 'XDG_CACHE_HOME') ?? path.join(str(env, 'HOME') ?? '/tmp', '.cache');
  return path.join(base, 'ledgerline');
}

/**
 * Reads the configuration from an env object.
 *
 * @example
 * const config = loadConfig(process.env);
 * console.log(config.port); // 3000 unless PORT is set
 */
export function loadConfig(env: Env): Config {
  const logLevel = str(env, 'LOG_LEVEL') ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(
      `LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "${logLevel}"`,
    );
  }
  const temporalPort = int(env, 'TEMPORAL_PORT', 7233, 1);
  const temporalUiPort = int(env, 'TEMPORAL_UI_PORT', temporalPort + 1000, 1);
  return {
    port: int(env, 'PORT', 3000, 1),
    host: str(env, 'HOST') ?? '127.0.0.1',
    dataDir: path.resolve(str(env, 'DATA_DIR') ?? './data'),
    logLevel,
    mongoUrl: str(env, 'MONGO_URL'),
    mongoDb: str(env, 'MONGO_DB') ?? 'ledgerline',
    storePort: int(env, 'STORE_PORT', 27018, 1),
    temporalAddress: str(env, 'TEMPORAL_ADDRESS'),
    temporalNamespace: str(env, 'TEMPORAL_NAMESPACE') ?? 'default',
    temporalTaskQueue: str(env, 'TEMPORAL_TASK_QUEUE') ?? 'ledgerline',
    temporalPort,
    temporalUiPort,
    temporalHttpPort: optionalInt(env, 'TEMPORAL_HTTP_PORT'),
    temporalMetricsPort: optionalInt(env, 'TEMPORAL_METRICS_PORT'),
    temporalUiUrl: str(env, 'TEMPORAL_UI_URL'),
    seedDemo: bool(env, 'SEED_DEMO', true),
    triggerDispatcher: bool(env, 'TRIGGER_DISPATCHER', true),
    triggerSweepIntervalMs: int(env, 'TRIGGER_SWEEP_INTERVAL_MS', 2000, 50, 3_600_000),
    triggerMaxChainDepth: int(env, 'TRIGGER_MAX_CHAIN_DEPTH', 8, 1, 1000),
    httpRequestAllowlist: str(env, 'HTTP_REQUEST_ALLOWLIST'),
    smtpUrl: str(env, 'SMTP_URL'),
    smtpFrom: str(env, 'SMTP_FROM'),
    adminEmail: str(env, 'ADMIN_EMAIL') ?? 'admin@example.com',
    adminPassword: str(env, 'ADMIN_PASSWORD'),
    secretsKey: secretsKey(env),
    webhookRateLimit: int(env, 'WEBHOOK_RATE_LIMIT', 600, 1, 1_000_000),
    trustProxy: trustProxy(env),
    webhookMaxBodyBytes: int(env, 'WEBHOOK_MAX_BODY_BYTES', 1_048_576, 1, 104_857_600),
    temporalCliPath: str(env, 'TEMPORAL_CLI_PATH'),
    ferretdbPath: str(env, 'FERRETDB_PATH'),
    mongodPath: str(env, 'MONGOD_PATH'),
    toolsCacheDir: str(env, 'TOOLS_CACHE_DIR') ?? defaultCacheDir(env),
  };
}
