import { networkInterfaces } from 'node:os';
import type { Settings } from '../../preload/contract/index.ts';
import type { Service, ServiceContext } from '../runtime/service.ts';
import { createApiServer, type ApiServer, type ApiServerDeps } from './http-server.ts';

export interface LanConfig {
  enabled: boolean;
  host: string;
  port: number;
}

export interface LanServiceOptions {
  /** desktop: follows settings.remote.enabled; serve: the web server is the product, always on. */
  mode: 'desktop' | 'serve';
  /** serve --host/--port: this run only, not saved. */
  overrides?: { host?: string; port?: number };
  server: Omit<ApiServerDeps, 'logger'>;
}

/** The HTTP + WebSocket door as a Service: listens where settings say, moves when they change. */
export class LanService implements Service<LanConfig> {
  readonly name = 'lan';
  readonly label = 'LAN access';
  private server: ApiServer | undefined;
  private bound: { host: string; port: number } | undefined;
  private readonly options: LanServiceOptions;

  constructor(options: LanServiceOptions) {
    this.options = options;
  }

  config(settings: Settings): LanConfig {
    const { overrides = {}, mode } = this.options;
    return { enabled: mode === 'serve' || settings.remote.enabled, host: overrides.host ?? settings.remote.host, port: overrides.port ?? settings.remote.port };
  }

  enabled(config: LanConfig): boolean {
    return config.enabled;
  }

  offMessage(): string {
    return 'off: only this window can reach the console (Settings → Remote access turns it on)';
  }

  async start(config: LanConfig, ctx: ServiceContext): Promise<void> {
    const server = createApiServer({ ...this.options.server, logger: ctx.logger });
    try {
      this.bound = await server.listen(config.host, config.port);
    } catch (error) {
      await server.close();
      throw new Error(listenFailure(error, config));
    }
    this.server = server;
    ctx.logger.info('listening', this.bound);
    ctx.report('ok', `listening on ${this.urls().join(', ') || `${config.host}:${config.port}`}`);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.bound = undefined;
    await server?.close();
  }

  /** Where it listens now (undefined while off). */
  get address(): { host: string; port: number } | undefined {
    return this.bound;
  }

  /** The URLs a browser can open: one per LAN interface when bound to every address. */
  urls(): string[] {
    const a = this.bound;
    if (!a) return [];
    if (a.host !== '0.0.0.0' && a.host !== '::') return [`http://${hostForUrl(a.host)}:${a.port}/`];
    return lanAddresses().map((ip) => `http://${hostForUrl(ip)}:${a.port}/`);
  }
}

function listenFailure(error: unknown, config: LanConfig): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return `port ${config.port} is in use — is another Showsite Console or another program using it? Pick another port`;
  if (code === 'EADDRNOTAVAIL') return `address ${config.host} is not on this computer — use 127.0.0.1 (this laptop) or 0.0.0.0 (every network)`;
  if (code === 'EACCES') return `not allowed to listen on port ${config.port} — use a port above 1023`;
  return `could not listen on ${config.host}:${config.port}: ${(error as Error).message}`;
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i): i is NonNullable<typeof i> => !!i && i.family === 'IPv4' && !i.internal)
    .map((i) => i.address);
}

const hostForUrl = (host: string) => (host.includes(':') ? `[${host}]` : host);
