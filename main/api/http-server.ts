import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CallOutcome } from '../../preload/contract/index.ts';
import { isMethodName, maxMessageBytes, methods } from '../../preload/contract/index.ts';
import type { Logger } from '../runtime/logger.ts';
import { bearerToken, cookieToken, roleForToken, sameOrigin, sessionCookieHeader, type Role, type Tokens } from './auth.ts';
import { httpStatus } from './errors.ts';
import { compileRoutes, httpRoutes, matchRoute, type HttpReply, type HttpRoute } from './http-routes.ts';
import type { CallContext, Dispatch } from './router.ts';
import type { EventSink, Session } from './session.ts';
import { baseSecurityHeaders } from './security-headers.ts';
import { loadStatic } from './static-files.ts';
import { handleSocketMessage } from './ws-protocol.ts';

export interface ApiServerDeps {
  dispatch: Dispatch;
  openSession: (sink: EventSink, ctx: CallContext) => Session;
  tokens: () => Tokens;
  /** Built renderer (dist/renderer). */
  uiRoot: string;
  logger: Logger;
  /** Aliases onto contract methods (default: httpRoutes); capabilities add theirs in http-routes.ts. */
  routes?: readonly HttpRoute[];
}

const securityHeaders = { ...baseSecurityHeaders, 'X-Frame-Options': 'DENY' };

/** Closed with this code when a socket is not signed in, so the UI can ask for the token instead of retrying. */
export const unauthorizedCloseCode = 4401;

export interface ApiServer {
  listen(host: string, port: number): Promise<{ host: string; port: number }>;
  close(): Promise<void>;
  readonly connections: number;
}

/** HTTP + WebSocket door to the core: the UI for browsers, /ws for live sessions, /api for automation. */
export function createApiServer(deps: ApiServerDeps): ApiServer {
  const log = deps.logger;
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  const sockets = new Set<Socket>();
  const clients = new Set<WebSocket>();
  const routes = compileRoutes(deps.routes ?? httpRoutes);

  /** The role a request carries: a bearer token, or (for our own pages only) the sign-in cookie. */
  const roleOf = (req: IncomingMessage, allowCookie: boolean): Role | undefined =>
    roleForToken(bearerToken(req), deps.tokens()) ?? (allowCookie && sameOrigin(req) ? roleForToken(cookieToken(req), deps.tokens()) : undefined);

  const server = createServer((req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      log.error('http handler failed', { error, url: req.url });
      if (!res.headersSent) json(res, 500, { error: { code: 'internal', message: 'internal error' } });
      else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://local');
    // /metrics (Prometheus) sits where scrapers look for it, behind the same token as /api/.
    if (url.pathname.startsWith('/api/') || url.pathname === '/metrics') return handleApi(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, ['GET', 'HEAD']);

    const token = url.searchParams.get('token');
    if (token !== null) {
      // Sign-in link: keep the token in an HttpOnly cookie and drop it from the address bar.
      if (!roleForToken(token, deps.tokens())) {
        // The console's own (dark) sign-in screen says why and offers a retry; 401 stays for scripts.
        // The page sees ?token= still in its address (a good token would have been redirected away).
        const index = await loadStatic(deps.uiRoot, '/');
        if (!index) return page(res, 401, 'That access token is not valid. The console prints the sign-in link when it starts; Settings → Remote access shows it.');
        res.writeHead(401, { ...securityHeaders, 'Content-Type': index.type, 'Cache-Control': 'no-store' });
        return void res.end(req.method === 'HEAD' ? undefined : index.body);
      }
      res.writeHead(303, { ...securityHeaders, 'Set-Cookie': sessionCookieHeader(token), Location: '/' });
      return void res.end();
    }
    const file = (await loadStatic(deps.uiRoot, url.pathname)) ?? (url.pathname.includes('.') ? undefined : await loadStatic(deps.uiRoot, '/'));
    if (!file) {
      if (url.pathname === '/') return page(res, 503, 'The user interface has not been built. Run "npm run build" and reload.');
      return page(res, 404, 'Not found.');
    }
    res.writeHead(200, { ...securityHeaders, 'Content-Type': file.type, 'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL) {
    const verb = req.method ?? 'GET';
    const call = /^\/api\/call\/([\w.]+)$/.exec(url.pathname);
    let method: string;
    let build: (body: unknown) => unknown;
    let bodyKind: 'json' | 'text' = 'json';
    let shape: HttpRoute['reply'];
    if (call) {
      if (verb !== 'POST') return methodNotAllowed(res, ['POST']);
      method = call[1]!;
      build = (body) => body ?? {};
    } else {
      const found = matchRoute(routes, verb, url.pathname);
      if (found.kind === 'wrong-verb') return methodNotAllowed(res, found.allow);
      if (found.kind === 'none') return json(res, 404, { error: { code: 'not_found', message: `no route ${verb} ${url.pathname}; see docs/API.md` } });
      method = found.route.method;
      bodyKind = found.route.body ?? 'json';
      shape = found.route.reply;
      const { params } = found.route;
      build = (body) => (params ? params({ path: found.path, query: url.searchParams, body }) : (body ?? {}));
    }

    // Methods the contract marks public (health) need no token, whichever door they come through.
    const isPublic = isMethodName(method) && methods[method].access === 'public';
    const role = isPublic ? 'view' : roleOf(req, false);
    if (!role) {
      return json(res, 401, { error: { code: 'unauthorized', message: 'send Authorization: Bearer <token> (the console prints it at start; Settings → Remote access shows it)' } }, { 'WWW-Authenticate': 'Bearer' });
    }
    let body: unknown;
    if (verb === 'POST') {
      const text = await readBody(req);
      if (text === undefined) return json(res, 413, { error: { code: 'invalid_request', message: `body larger than ${maxMessageBytes} bytes` } });
      if (text.length > 0) {
        if (bodyKind === 'text') body = text;
        else {
          try {
            body = JSON.parse(text) as unknown;
          } catch {
            return json(res, 400, { error: { code: 'invalid_request', message: 'body is not valid JSON' } });
          }
        }
      }
    }
    const ctx: CallContext = { access: role, via: 'http' };
    const outcome = await deps.dispatch(method, build(body), ctx);
    if (shape && 'result' in outcome) return shaped(res, shape(outcome.result));
    return reply(res, outcome);
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (url.pathname !== '/ws') return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      const role = roleOf(req, true);
      if (!role) return ws.close(unauthorizedCloseCode, 'unauthorized');
      attach(ws, role);
    });
  });

  function attach(ws: WebSocket, role: Role) {
    clients.add(ws);
    let alive = true;
    const session = deps.openSession(
      {
        deliver: (batch) => {
          for (const m of batch) ws.send(JSON.stringify(m));
        },
        ready: () => ws.readyState === ws.OPEN && ws.bufferedAmount < 512 * 1024,
      },
      { access: role, via: 'ws' },
    );
    // Tablets drop off Wi-Fi without closing: ping, and cut sockets that stop answering.
    const heartbeat = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, 15_000);
    ws.on('pong', () => (alive = true));
    ws.on('message', (data, isBinary) => {
      handleSocketMessage(session, isBinary ? null : data.toString())
        .then((reply) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
        })
        .catch((error: unknown) => {
          // dispatch never throws; this is a reply that could not be serialised or sent. Say so, keep the socket.
          log.error('websocket reply failed', { error });
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: null, error: { code: 'internal', message: 'internal error; see the log for details' } }));
        });
    });
    ws.on('close', () => {
      clearInterval(heartbeat);
      session.close();
      clients.delete(ws);
    });
    ws.on('error', (error) => log.warn('websocket error', { error }));
  }

  return {
    listen(host, port) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const a = server.address() as AddressInfo;
          resolve({ host: a.address, port: a.port });
        });
      });
    },
    async close() {
      for (const ws of clients) ws.close(1001, 'server shutting down');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Give sockets a moment to close cleanly, then cut whatever is left.
        setTimeout(() => {
          for (const s of sockets) s.destroy();
        }, 200).unref();
      });
      wss.close();
    },
    get connections() {
      return clients.size;
    },
  };
}

function reply(res: ServerResponse, outcome: CallOutcome) {
  if ('error' in outcome) return json(res, httpStatus[outcome.error.code], { error: outcome.error });
  return json(res, 200, outcome.result);
}

/** A route's own reply (a CSV download, a refused import's report). */
function shaped(res: ServerResponse, r: HttpReply) {
  const disposition: Record<string, string> = r.filename ? { 'Content-Disposition': `attachment; filename="${r.filename.replace(/["\\\r\n]/g, '_')}"` } : {};
  res.writeHead(r.status, { ...securityHeaders, 'Content-Type': r.contentType, 'Cache-Control': 'no-store', ...disposition });
  res.end(r.body);
}

function methodNotAllowed(res: ServerResponse, allow: string[]) {
  const list = allow.join(', ');
  return json(res, 405, { error: { code: 'invalid_request', message: `use ${list} here` } }, { Allow: list });
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { ...securityHeaders, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

function page(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`Showsite Console: ${message}\n`);
}

/** Body as text, or undefined when it exceeds the limit. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxMessageBytes) {
        resolve(undefined);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
