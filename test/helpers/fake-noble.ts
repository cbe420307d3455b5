import { EventEmitter } from 'node:events';
import { bytes } from '../native/ble/helpers.ts';

/**
 * Enough of @abandonware/noble 1.9.x to drive the adapter: lazy backend init on the first stateChange
 * listener (a failure becomes a 'warning'), startScanning refused unless poweredOn, scanStart/scanStop
 * events, and a SIGINT handler installed by init (as noble's Linux backend does).
 */
export class FakeNoble extends EventEmitter {
  initialized = false;
  state = 'unknown';
  scans: { uuids: string[]; allowDuplicates: boolean }[] = [];
  stops = 0;
  readonly sigint = () => undefined;
  private readonly initError: Error | undefined;

  constructor(options: { initError?: Error } = {}) {
    super();
    this.initError = options.initError;
    this.on('newListener', (event) => {
      if (event !== 'stateChange' || this.initialized) return;
      this.initialized = true;
      process.nextTick(() => {
        try {
          if (this.initError) throw this.initError;
          process.on('SIGINT', this.sigint);
        } catch (error) {
          this.emit('warning', `Initialization of USB device failed: ${(error as Error).message}`);
        }
      });
    });
  }

  power(state: string): void {
    this.state = state;
    this.emit('stateChange', state);
  }

  startScanning(uuids: string[], allowDuplicates: boolean, callback?: (error?: Error | null) => void): void {
    if (this.state !== 'poweredOn') {
      callback?.(new Error(`Could not start scanning, state is ${this.state} (not poweredOn)`));
      return;
    }
    this.scans.push({ uuids, allowDuplicates });
    process.nextTick(() => {
      this.emit('scanStart', !allowDuplicates);
      callback?.(null);
    });
  }

  stopScanning(): void {
    this.stops++;
  }

  /** What noble's hci backend hands to 'discover' listeners. */
  discover(p: { address: string; rssi?: number; localName?: string; mfr?: string; uuids?: string[]; id?: string }): void {
    this.emit('discover', {
      id: p.id ?? p.address.replace(/:/g, ''),
      address: p.address,
      addressType: 'public',
      rssi: p.rssi ?? -60,
      advertisement: { localName: p.localName, manufacturerData: p.mfr === undefined ? undefined : Buffer.from(bytes(p.mfr)), serviceData: [], serviceUuids: p.uuids ?? [] },
    });
  }
}

