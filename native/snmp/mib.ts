/**
 * The OIDs the profiles and the simulated agents use (numeric: Debian ships no MIB files).
 * Sources: PROTOCOLS.md §4 (GEIST-V4-MIB, SNMPv2-MIB, IF-MIB, NETGEAR-BOXSERVICES-PRIVATE-MIB).
 */

export const sys = {
  descr: '1.3.6.1.2.1.1.1.0',
  objectId: '1.3.6.1.2.1.1.2.0',
  upTime: '1.3.6.1.2.1.1.3.0',
  name: '1.3.6.1.2.1.1.5.0',
} as const;

/** ifEntry: `<entry>.<column>.<ifIndex>`. */
export const ifEntry = '1.3.6.1.2.1.2.2.1';
export const ifCol = {
  index: 1,
  descr: 2,
  type: 3,
  speed: 5,
  adminStatus: 7,
  operStatus: 8,
  inOctets: 10,
  inDiscards: 13,
  inErrors: 14,
  outOctets: 16,
  outDiscards: 19,
  outErrors: 20,
} as const;

/** ifXEntry: `<entry>.<column>.<ifIndex>`. */
export const ifXEntry = '1.3.6.1.2.1.31.1.1.1';
export const ifXCol = {
  name: 1,
  hcInOctets: 6,
  hcOutOctets: 10,
  highSpeed: 15,
  alias: 18,
} as const;

/** IF-MIB ifAdminStatus / ifOperStatus values. */
export const ifStatusNames: Readonly<Record<number, string>> = {
  1: 'up',
  2: 'down',
  3: 'testing',
  4: 'unknown',
  5: 'dormant',
  6: 'notPresent',
  7: 'lowerLayerDown',
};

/** NETGEAR-BOXSERVICES-PRIVATE-MIB under ng7000managedswitch (1.3.6.1.4.1.4526.10). */
export const netgear = {
  /** boxServicesTempSensorTemperature.<unit>.<sensor>, Integer32 °C. */
  tempSensorTemperature: '1.3.6.1.4.1.4526.10.43.1.8.1.5',
  /** boxServicesFanItemState.<unit>.<fan>. */
  fanItemState: '1.3.6.1.4.1.4526.10.43.1.6.1.3',
  /** boxServicesFanSpeed.<unit>.<fan>, OCTET STRING (rpm as text). */
  fanSpeed: '1.3.6.1.4.1.4526.10.43.1.6.1.4',
  /** boxServicesPowSupplyItemState.<unit>.<psu>. */
  powSupplyItemState: '1.3.6.1.4.1.4526.10.43.1.7.1.3',
} as const;

/** boxServicesFanItemState / boxServicesPowSupplyItemState values. */
export const boxItemStateNames: Readonly<Record<number, string>> = {
  1: 'not present',
  2: 'operational',
  3: 'failed',
  4: 'powering',
  5: 'no power',
  6: 'not powering',
  7: 'incompatible',
};

/** GEIST-V4-MIB, watchdog100 = 1.3.6.1.4.1.21239.5.1. */
export const geist = {
  productTitle: '1.3.6.1.4.1.21239.5.1.1.1.0',
  productVersion: '1.3.6.1.4.1.21239.5.1.1.2.0',
  productFriendlyName: '1.3.6.1.4.1.21239.5.1.1.3.0',
  productMacAddress: '1.3.6.1.4.1.21239.5.1.1.4.0',
  deviceCount: '1.3.6.1.4.1.21239.5.1.1.6.0',
  /** 0 = °F, 1 = °C; every temperature in the tables is in this unit. */
  temperatureUnits: '1.3.6.1.4.1.21239.5.1.1.7.0',
  internalEntry: '1.3.6.1.4.1.21239.5.1.2.1',
  tempSensorEntry: '1.3.6.1.4.1.21239.5.1.4.1',
  airFlowSensorEntry: '1.3.6.1.4.1.21239.5.1.5.1',
} as const;

/** internalTable columns as the MIB (and firmware > 3.0.0) has them. */
export const geistInternalCol = { index: 1, serial: 2, name: 3, avail: 4, temp: 5, humidity: 6, dewPoint: 7 } as const;
/** internalTable columns on firmware ≤ 3.0.0 (Checkmk walks): name and serial swapped places, everything after moved by one. */
export const geistInternalLegacyCol = { name: 3, serial: 4, avail: 5, temp: 6, humidity: 7, dewPoint: 8 } as const;
export const geistTempSensorCol = { index: 1, serial: 2, name: 3, avail: 4, temp: 5 } as const;
export const geistAirFlowCol = { index: 1, serial: 2, name: 3, avail: 4, temp: 5, flow: 6, humidity: 7, dewPoint: 8 } as const;
