import type { snmpMethods } from '../../../preload/contract/index.ts';
import type { SnmpService } from '../../snmp/service.ts';
import type { HandlersFor } from '../router.ts';

export interface SnmpHandlerDeps {
  snmp: Pick<SnmpService, 'status' | 'switchList' | 'test'>;
}

/** The SNMP methods, over the SNMP service. */
export function createSnmpHandlers(d: SnmpHandlerDeps): HandlersFor<keyof typeof snmpMethods> {
  return {
    'snmp.status': () => d.snmp.status(),
    'snmp.switches': () => d.snmp.switchList(),
    'snmp.test': (p) => d.snmp.test(p),
  };
}
