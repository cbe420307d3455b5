import type { dmxSerialMethods } from '../../../preload/contract/dmx-serial.ts';
import type { Settings } from '../../../preload/contract/index.ts';
import type { DmxService } from '../../dmx/service.ts';
import type { HandlersFor } from '../router.ts';

export interface DmxSerialHandlerDeps {
  dmx: DmxService;
  settings: () => Settings;
}

/** The serial slice of DMX: the ports found, for the Outputs panel's "Use" buttons. */
export function createDmxSerialHandlers(d: DmxSerialHandlerDeps): HandlersFor<keyof typeof dmxSerialMethods> {
  return {
    'dmx.serialPorts': () => d.dmx.serial.ports(d.settings().dmx),
  };
}
