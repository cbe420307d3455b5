// The BLE scanner adapter: the laptop's Bluetooth adapter through @abandonware/noble, loaded lazily
// (noble's Linux backend is a native module built at install; where it is missing or broken, or there is
// no adapter or no permission, the scanner says why instead of crashing). Active scanning with duplicates
// allowed, so every advertisement and scan response of every sensor arrives. Packets go to the listener
// with the name and service UUIDs last heard from the same device merged in (scan-memory.ts).
import { normalizeMac, normalizeUuid, type Advertisement } from './advertisement.ts';
import { ScanMemory } from './scan-memory.ts';

/** One advertisement as heard. */
export interface ScanReport {
  /** The packet, with the name and service UUIDs remembered for its device merged in. */
  advertisement: Advertisement;
  /** Epoch ms it was heard (or, replayed, when it is meant to have been heard). */
  ts: number;
  /** The advertising data was corrupt (replayed HCI): nothing in it may be trusted for readings. */
  adError?: string;
  /** Where the OS hides MAC addresses (macOS), the platform's own stable id for the peripheral. */
  peripheralId?: string;
  /** A past advertisement replayed to seed history (the demo's first hour): store it, do not show it live. */
  history?: boolean;
}

export type ScannerState =
  | { state: 'starting'; message: string }
  | { state: 'scanning'; message: string }
  /** Temporarily not scanning (adapter powered off, resetting): recovers by itself. */
  | { state: 'waiting'; reason: string }
  /** Cannot scan until someone acts (no module, no adapter, no permission). */
  | { state: 'unavailable'; reason: string };

export interface ScanListener {
  advertisement(report: ScanReport): void;
  /** A packet that could not be parsed at all (so there is no device to blame). */
  malformed(message: string, ts: number): void;
  state(state: ScannerState): void;
  log?(level: 'info' | 'warn', message: string, data?: Record<string, unknown>): void;
}

export interface BleScanner {
  /** `adapter`: real radio; `replay`: a simulated scanner. */
  readonly kind: 'adapter' | 'replay';
  /** Never rejects: whatever goes wrong is reported through `listener.state`. */
  start(listener: ScanListener): Promise<void>;
  stop(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------
// noble, as far as this adapter uses it

/** A peripheral as noble hands it to `discover` listeners (1.9.x). */
export interface NoblePeripheral {
  id?: unknown;
  uuid?: unknown;
  address?: unknown;
  addressType?: unknown;
  rssi?: unknown;
  advertisement?: {
    localName?: unknown;
    manufacturerData?: unknown;
    serviceData?: unknown;
    serviceUuids?: unknown;
    txPowerLevel?: unknown;
  };
}

type Listener = (...args: unknown[]) => void;

export interface NobleLike {
  on(event: string, listener: Listener): unknown;
  removeListener(event: string, listener: Listener): unknown;
  startScanning(serviceUuids: string[], allowDuplicates: boolean, callback?: (error?: Error | null) => void): void;
  stopScanning(callback?: () => void): void;
}

/** Loads the noble module (the default imports `@abandonware/noble`; tests inject a fake). */
export type NobleLoader = () => Promise<unknown>;

const NOBLE_MODULE = '@abandonware/noble';

/** Import a module by a name TypeScript and the bundler do not resolve at build time: it may be absent. */
async function importOptional(specifier: string): Promise<unknown> {
  return (await import(specifier)) as unknown;
}

export const loadNoble: NobleLoader = () => importOptional(NOBLE_MODULE);

function asNoble(mod: unknown): NobleLike {
  const candidates = [mod, (mod as { default?: unknown } | null)?.default];
  for (const c of candidates) {
    const n = c as Partial<NobleLike> | null | undefined;
    if (n && typeof n.on === 'function' && typeof n.removeListener === 'function' && typeof n.startScanning === 'function' && typeof n.stopScanning === 'function') return n as NobleLike;
  }
  throw new Error(`${NOBLE_MODULE} does not look like noble (no on/startScanning/stopScanning)`);
}

/** What an operator must do to grant scanning, per platform. */
function noPermission(platform: string): string {
  if (platform === 'darwin') return 'no permission (allow Bluetooth for this app: System Settings → Privacy & Security → Bluetooth)';
  if (platform === 'win32') return 'no permission (allow apps to use Bluetooth: Settings → Privacy → Radios)';
  return 'no permission (scanning needs CAP_NET_RAW: sudo setcap cap_net_raw,cap_net_admin+eip on the node or app binary, see README → Bluetooth)';
}

/**
 * Why Bluetooth is unavailable, in words an operator can act on, from whatever loading or starting
 * noble threw (or a noble warning's text). Shown after "Bluetooth unavailable: ".
 */
export function unavailableReason(error: unknown, platform: string = process.platform, electron: boolean = process.versions.electron !== undefined): string {
  const e = error as { code?: unknown; message?: unknown } | null | undefined;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : typeof error === 'string' ? error : String(error);
  const first = message.split('\n')[0]!.trim().slice(0, 200);
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /Cannot find (module|package)/.test(message)) {
    if (/bluetooth[-_]hci[-_]socket/.test(message)) {
      return 'the Linux Bluetooth module (@abandonware/bluetooth-hci-socket) is not installed; it is compiled at install and needs make, g++ and python3 (see README → Bluetooth)';
    }
    return 'Bluetooth support is not installed (the optional @abandonware/noble module could not be installed on this machine; see README → Bluetooth)';
  }
  if (/NODE_MODULE_VERSION/.test(message)) {
    const fix = electron ? 'npx @electron/rebuild -o @abandonware/bluetooth-hci-socket' : 'npm rebuild @abandonware/bluetooth-hci-socket';
    return `the Bluetooth module was built for another Node.js or Electron version (rebuild it: ${fix})`;
  }
  if (code === 'ERR_DLOPEN_FAILED') return `the Bluetooth module could not be loaded (${first})`;
  if (code === 'EAFNOSUPPORT' || /address family not supported/i.test(message)) return 'no adapter (AF_BLUETOOTH not supported)';
  if (code === 'ENODEV' || /no such device/i.test(message)) return 'no adapter (no Bluetooth controller found)';
  if (/no compatible usb bluetooth/i.test(message)) return 'no adapter (no compatible USB Bluetooth 4.0 adapter found)';
  if (code === 'EPERM' || code === 'EACCES' || /operation not permitted|permission denied/i.test(message)) return noPermission(platform);
  if (/unsupported platform/i.test(message)) return `Bluetooth scanning is not supported on ${platform}`;
  return `could not start the scanner (${first || 'unknown error'})`;
}

/** noble adapter states → what the scanner reports (poweredOn starts the scan instead). */
function stateReport(state: string, platform: string): ScannerState {
  switch (state) {
    case 'poweredOff':
      return { state: 'waiting', reason: 'the adapter is powered off; scanning resumes when it is switched on' };
    case 'resetting':
      return { state: 'waiting', reason: 'the adapter is resetting' };
    case 'unauthorized':
      return { state: 'unavailable', reason: noPermission(platform) };
    case 'unsupported':
      return { state: 'unavailable', reason: 'the adapter does not support Bluetooth Low Energy' };
    default:
      return { state: 'waiting', reason: 'waiting for the adapter to answer' };
  }
}

/** noble's peripheral → our advertisement (and the platform id when there is no MAC, as on macOS). */
export function advertisementFromNoble(p: NoblePeripheral): { advertisement: Advertisement; peripheralId?: string } {
  const adv: Advertisement = { serviceUuids: [], manufacturerData: [], serviceData: [] };
  const mac = typeof p.address === 'string' ? normalizeMac(p.address) : undefined;
  if (mac !== undefined) adv.mac = mac;
  if (p.addressType === 'public') adv.addressType = 0;
  else if (p.addressType === 'random') adv.addressType = 1;
  if (typeof p.rssi === 'number' && Number.isFinite(p.rssi) && p.rssi !== 127) adv.rssi = Math.round(p.rssi);
  const a = p.advertisement ?? {};
  if (typeof a.localName === 'string' && a.localName !== '') adv.name = a.localName;
  if (Array.isArray(a.serviceUuids)) {
    for (const u of a.serviceUuids as unknown[]) {
      const n = typeof u === 'string' ? normalizeUuid(u) : undefined;
      if (n !== undefined && !adv.serviceUuids.includes(n)) adv.serviceUuids.push(n);
    }
  }
  // noble keeps one manufacturer-data buffer, company id first (little-endian, as on air).
  if (a.manufacturerData instanceof Uint8Array && a.manufacturerData.length >= 2) {
    const m = a.manufacturerData;
    adv.manufacturerData.push({ companyId: m[0]! | (m[1]! << 8), data: m.subarray(2) });
  }
  if (Array.isArray(a.serviceData)) {
    for (const s of a.serviceData as unknown[]) {
      const entry = s as { uuid?: unknown; data?: unknown } | null;
      const uuid = typeof entry?.uuid === 'string' ? normalizeUuid(entry.uuid) : undefined;
      if (uuid !== undefined && entry?.data instanceof Uint8Array) adv.serviceData.push({ uuid, data: entry.data });
    }
  }
  if (typeof a.txPowerLevel === 'number' && Number.isFinite(a.txPowerLevel)) adv.txPower = a.txPowerLevel;
  const id = typeof p.id === 'string' ? p.id : typeof p.uuid === 'string' ? p.uuid : undefined;
  return mac === undefined && id !== undefined && id !== '' ? { advertisement: adv, peripheralId: id } : { advertisement: adv };
}

export interface NobleScannerOptions {
  /** How noble is loaded; default `import('@abandonware/noble')`. Tests inject a fake module. */
  load?: NobleLoader;
  now?: () => number;
  /** For the permission hint; default process.platform. */
  platform?: string;
  /** First delay before restarting a scan the adapter stopped on its own (doubles up to 30 s). */
  restartDelayMs?: number;
  /** How long to wait for the adapter's first state before saying it does not answer. */
  answerTimeoutMs?: number;
}

/**
 * Scans with noble. The module is imported on `start`, inside try/catch, never at module load: a missing
 * or broken native backend only makes this scanner report `unavailable`. The adapter being switched off
 * and on again (noble `stateChange`) stops and resumes scanning by itself, and a scan the adapter ends on
 * its own is restarted.
 */
export class NobleScanner implements BleScanner {
  readonly kind = 'adapter' as const;
  private readonly load: NobleLoader;
  private readonly now: () => number;
  private readonly platform: string;
  private readonly restartDelayMs: number;
  private readonly answerTimeoutMs: number;
  private readonly memory = new ScanMemory();
  private noble: NobleLike | undefined;
  private listener: ScanListener | undefined;
  private readonly handlers = new Map<string, Listener>();
  private running = false;
  private adapterOn = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private answerTimer: NodeJS.Timeout | undefined;
  private restartDelay: number;
  private last: ScannerState | undefined;

  constructor(options: NobleScannerOptions = {}) {
    this.load = options.load ?? loadNoble;
    this.now = options.now ?? Date.now;
    this.platform = options.platform ?? process.platform;
    this.restartDelayMs = options.restartDelayMs ?? 2000;
    this.answerTimeoutMs = options.answerTimeoutMs ?? 10_000;
    this.restartDelay = this.restartDelayMs;
  }

  async start(listener: ScanListener): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.listener = listener;
    this.report({ state: 'starting', message: 'loading the Bluetooth module' });
    let noble: NobleLike;
    const sigintBefore = new Set(process.listeners('SIGINT'));
    try {
      noble = asNoble(await this.load());
    } catch (error) {
      this.report({ state: 'unavailable', reason: unavailableReason(error, this.platform) });
      return;
    }
    if (!this.running) return; // stopped while loading
    this.noble = noble;
    this.attach('warning', (message) => this.onWarning(message));
    this.attach('discover', (p) => this.onDiscover(p));
    this.attach('scanStop', () => this.onScanStop());
    this.attach('scanStart', () => this.onScanStart());
    // Attaching a stateChange listener makes noble initialise its backend on the next tick.
    this.attach('stateChange', (s) => this.onState(s));
    await new Promise<void>((resolve) => setImmediate(resolve));
    // noble's Linux backend installs a SIGINT handler that exits the process when it is the last one,
    // which would skip the core's clean shutdown: the core handles signals itself.
    for (const l of process.listeners('SIGINT')) if (!sigintBefore.has(l)) process.removeListener('SIGINT', l);
    if (!this.running) return;
    // A second start in the same process: noble is initialised already and says nothing new.
    let state: unknown;
    try {
      state = (noble as unknown as { state?: unknown }).state;
    } catch (error) {
      this.report({ state: 'unavailable', reason: unavailableReason(error, this.platform) });
      return;
    }
    if (typeof state === 'string' && state !== 'unknown') this.onState(state);
    else if (this.last?.state === 'starting') {
      this.report({ state: 'starting', message: 'waiting for the Bluetooth adapter' });
      this.answerTimer = setTimeout(() => {
        if (this.running && this.last?.state === 'starting') this.report({ state: 'waiting', reason: 'the Bluetooth adapter does not answer' });
      }, this.answerTimeoutMs);
      this.answerTimer.unref?.();
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.restartTimer);
    clearTimeout(this.answerTimer);
    const noble = this.noble;
    this.noble = undefined;
    if (noble) {
      for (const [event, l] of this.handlers) noble.removeListener(event, l);
      this.handlers.clear();
      // noble keeps its HCI socket for the life of the process; stopping the scan is all it offers.
      if (this.adapterOn) {
        try {
          noble.stopScanning();
        } catch {
          /* the adapter went away: nothing to stop */
        }
      }
    }
    this.adapterOn = false;
    this.memory.clear();
    this.listener = undefined;
  }

  private attach(event: string, l: Listener): void {
    const guarded: Listener = (...args) => {
      try {
        l(...args);
      } catch (error) {
        this.listener?.log?.('warn', `Bluetooth ${event} handler failed`, { error: error instanceof Error ? error.message : String(error) });
      }
    };
    this.handlers.set(event, guarded);
    this.noble!.on(event, guarded);
  }

  private report(s: ScannerState): void {
    this.last = s;
    this.listener?.state(s);
  }

  private onState(state: unknown): void {
    if (!this.running || typeof state !== 'string') return;
    clearTimeout(this.answerTimer);
    if (state === 'poweredOn') {
      this.adapterOn = true;
      this.restartDelay = this.restartDelayMs;
      this.scan();
      return;
    }
    this.adapterOn = false;
    clearTimeout(this.restartTimer);
    this.report(stateReport(state, this.platform));
  }

  private scan(): void {
    const noble = this.noble;
    if (!this.running || !noble || !this.adapterOn) return;
    try {
      // [] = every service; true = duplicates allowed (each advertisement of each sensor, not just its first).
      noble.startScanning([], true, (error) => {
        if (error && this.running) this.scanFailed(error);
      });
    } catch (error) {
      this.scanFailed(error);
    }
  }

  private scanFailed(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    // "Could not start scanning, state is poweredOff": the stateChange that follows says the rest.
    if (/state is/.test(message)) return;
    this.report({ state: 'unavailable', reason: unavailableReason(error, this.platform) });
  }

  private onScanStart(): void {
    if (!this.running) return;
    this.restartDelay = this.restartDelayMs;
    this.report({ state: 'scanning', message: 'scanning' });
  }

  /** The adapter (or another program using it) ended the scan: start it again, backing off. */
  private onScanStop(): void {
    if (!this.running || !this.adapterOn) return;
    this.report({ state: 'waiting', reason: 'the adapter stopped scanning; restarting' });
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => this.scan(), this.restartDelay);
    this.restartTimer.unref?.();
    this.restartDelay = Math.min(30_000, this.restartDelay * 2);
  }

  private onWarning(message: unknown): void {
    const text = typeof message === 'string' ? message : String(message);
    // noble initialises its backend lazily and turns a failure into this warning.
    if (/initiali[sz]ation .*failed/i.test(text)) {
      this.report({ state: 'unavailable', reason: unavailableReason(text.replace(/^.*failed:\s*/i, ''), this.platform) });
      return;
    }
    this.listener?.log?.('warn', `noble: ${text}`);
  }

  private onDiscover(peripheral: unknown): void {
    if (!this.running || typeof peripheral !== 'object' || peripheral === null) return;
    const { advertisement, peripheralId } = advertisementFromNoble(peripheral as NoblePeripheral);
    const key = advertisement.mac ?? peripheralId;
    const report: ScanReport = { advertisement: this.memory.merge(key, advertisement), ts: this.now() };
    if (peripheralId !== undefined) report.peripheralId = peripheralId;
    this.listener?.advertisement(report);
  }
}
