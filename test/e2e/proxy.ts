/**
 * A small round-robin reverse proxy over node:http, standing in for the load balancer in
 * front of several server instances: each request goes to the next upstream; a request whose
 * upstream refuses the connection (the instance is down, nothing reached it) goes to the next
 * one. Event streams are piped as they come, unbuffered, and take turns among the upstreams
 * on their own counter, so the first two streams land on two different instances. Every
 * request is recorded (method, path, the upstream that answered, Last-Event-ID).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  path: string;
  /** The index of the upstream that answered (-1: none could). */
  upstream: number;
  lastEventId: string | undefined;
  stream: boolean;
}

export interface Proxy {
  url: string;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

const isStream = (req: http.IncomingMessage) =>
  req.method === 'GET' && /\/events(\?|$)/.test(req.url ?? '');

export async function startProxy(upstreams: readonly string[]): Promise<Proxy> {
  const requests: ProxiedRequest[] = [];
  let next = 0;
  let nextStream = 0;

  const forward = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Buffer,
    record: ProxiedRequest,
    first: number,
    tries: number,
  ): void => {
    if (tries === upstreams.length) {
      record.upstream = -1;
      res.writeHead(502, { 'content-type': 'text/plain' }).end('no upstream answered');
      return;
    }
    const index = (first + tries) % upstreams.length;
    const target = new URL(req.url ?? '/', upstreams[index]);
    const upstream = http.request(
      target,
      {
        method: req.method,
        headers: {
          ...req.headers,
          host: target.host,
          'x-forwarded-for': req.socket.remoteAddress ?? '',
        },
      },
      (answer) => {
        record.upstream = index;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.flushHeaders();
        answer.pipe(res);
        // The instance died mid-answer: end the client's response, so it reconnects.
        answer.on('error', () => res.destroy());
        answer.on('aborted', () => res.destroy());
      },
    );
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (!res.headersSent && error.code === 'ECONNREFUSED') {
        forward(req, res, body, record, first, tries + 1);
      } else {
        res.destroy();
      }
    });
    res.on('close', () => upstream.destroy());
    upstream.end(body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const stream = isStream(req);
      const record: ProxiedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        upstream: -1,
        lastEventId: req.headers['last-event-id'] as string | undefined,
        stream,
      };
      requests.push(record);
      const first = stream ? nextStream++ : next++;
      forward(req, res, Buffer.concat(chunks), record, first % upstreams.length, 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
