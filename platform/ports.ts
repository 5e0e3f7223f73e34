import net from 'node:net';

/** A port that something else already listens on; the message names the variable to change. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

function tryListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Fails fast, before a child process dies with a less helpful message, when a configured port is taken.
 *
 * @example
 * await assertPortFree(7233, 'TEMPORAL_PORT'); // throws PortInUseError naming TEMPORAL_PORT
 */
export async function assertPortFree(port: number, envVar: string, host = '127.0.0.1'): Promise<void> {
  if (!(await tryListen(port, host))) {
    throw new PortInUseError(`Port ${port} is already in use. Set ${envVar} to a free port.`);
  }
}

/** Asks the OS for a free port (for tests and side-by-side instances). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
