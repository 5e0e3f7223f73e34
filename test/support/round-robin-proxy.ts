import http from 'node:http';

/** A tiny load balancer in front of several API servers, for scale-out tests. */
export interface RoundRobinProxy {
  url: string;
  /** Requests each backend answered, by backend URL. */
  served: Map<string, number>;
  close(): Promise<void>;
}

function forward(
  backend: string,
  req: http.IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      `${backend}${req.url ?? '/'}`,
      // A fresh connection per request: a pooled socket of a killed backend would fail mid-request.
      { method: req.method, headers: { ...req.headers, host: new URL(backend).host }, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 502,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * Sends each request to the next backend in turn. A backend that refuses the connection (it is
 * down) is skipped for that request, as a load balancer's health check would; a backend that dies
 * while handling a request yields a 502, since the request may or may not have taken effect.
 *
 * @example
 * const proxy = await startRoundRobinProxy(['http://127.0.0.1:3100', 'http://127.0.0.1:3200']);
 */
export async function startRoundRobinProxy(backends: string[]): Promise<RoundRobinProxy> {
  let next = 0;
  const served = new Map(backends.map((backend) => [backend, 0]));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        for (let tried = 0; tried < backends.length; tried++) {
          const backend = backends[next++ % backends.length]!;
          try {
            const answer = await forward(backend, req, body);
            served.set(backend, (served.get(backend) ?? 0) + 1);
            res.writeHead(answer.status, answer.headers).end(answer.body);
            return;
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED') continue;
            break;
          }
        }
        res.writeHead(502).end();
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    served,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
