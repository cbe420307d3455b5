import { describe, expect, it } from 'vitest';
import { buildKeepAlive, buildVictronWrite, createVictronMapper, parseVictronTopic } from '../../../../main/telemetry/mappers/victron.ts';
import { ctx, enc, eventsOf, readingsOf, values } from './helpers.ts';

const P = 'e0ff50a097c0'; // the portal id of venus-html5-app TOPICS.md
const v = (value: unknown, extra: object = {}) => enc(JSON.stringify({ ...extra, value }));
const none = new Uint8Array(0);

describe('Victron GX mapper: notifications → GX summary', () => {
  it('subscribes to N/# (or N/<portal>/# per configured portal, as the VRM broker requires)', () => {
    expect(createVictronMapper().topics).toEqual(['N/#']);
    expect(createVictronMapper({ portalIds: [P, 'bad/id'] }).topics).toEqual([`N/${P}/#`]);
  });

  it('the battery paths of system/0 become summary samples on victron:<portal>', () => {
    const m = createVictronMapper();
    const [soc] = readingsOf(m.map(`N/${P}/system/0/Dc/Battery/Soc`, v(87.5), ctx(42)));
    expect(soc!.sighting).toEqual({ id: `victron:${P}`, kind: 'power', model: 'Victron GX', source: 'victron' });
    expect(soc!.samples).toEqual([{ metric: 'soc', unit: '%', value: 87.5, ts: 42 }]);
    const one = (path: string, value: number) => readingsOf(m.map(`N/${P}${path}`, v(value), ctx()))[0]!.samples[0];
    expect(one('/system/0/Dc/Battery/Voltage', 210)).toMatchObject({ metric: 'battery_voltage', unit: 'V', value: 210 }); // TOPICS.md example
    expect(one('/system/0/Dc/Battery/Current', -12.4)).toMatchObject({ metric: 'battery_current', unit: 'A', value: -12.4 });
    expect(one('/system/0/Dc/Battery/Power', -650)).toMatchObject({ metric: 'battery_power', unit: 'W', value: -650 });
    expect(one('/system/0/SystemState/State', 9)).toMatchObject({ metric: 'system_state', unit: '', value: 9 });
  });

  it('PV power adds DC solar chargers and AC-coupled PV inverters', () => {
    const m = createVictronMapper();
    expect(values(readingsOf(m.map(`N/${P}/system/0/Dc/Pv/Power`, v(500), ctx()))[0]!)).toEqual({ pv_power: 500 });
    expect(values(readingsOf(m.map(`N/${P}/system/0/Ac/PvOnOutput/L1/Power`, v(936), ctx()))[0]!)).toEqual({ pv_power: 1436 });
    // The README's PV inverter service itself is discovered, not summed twice.
    expect(m.map(`N/${P}/pvinverter/20/Ac/Power`, v(936), ctx())).toEqual({ kind: 'ignored', reason: 'not a GX summary path' });
    expect(m.portal(P)!.services.map((s) => `${s.service}/${s.instance}`)).toContain('pvinverter/20');
  });

  it('VE.Bus: AC in/out power (total, else the phases), inverter mode, input current limit of the active input', () => {
    const m = createVictronMapper();
    const get = (path: string, value: unknown) => {
      const r = m.map(`N/${P}/vebus/276${path}`, v(value), ctx());
      return r.kind === 'readings' ? values(r.items[0]!) : {};
    };
    expect(get('/Ac/ActiveIn/L1/P', 1200)).toEqual({ ac_in_power: 1200 });
    expect(get('/Ac/ActiveIn/L2/P', 800)).toEqual({ ac_in_power: 2000 });
    expect(get('/Ac/ActiveIn/P', 2010)).toEqual({ ac_in_power: 2010 }); // the total wins once published
    expect(get('/Ac/Out/L1/P', 950)).toEqual({ ac_out_power: 950 });
    expect(get('/Mode', 3)).toEqual({ inverter_mode: 3 });
    expect(get('/Ac/In/1/CurrentLimit', 16)).toEqual({ ac_input_current_limit: 16 });
    expect(get('/Ac/In/2/CurrentLimit', 32)).toEqual({ ac_input_current_limit: 16 }); // AC-in 1 still the one in use
    expect(get('/Ac/ActiveIn/ActiveInput', 1)).toEqual({ ac_input_current_limit: 32 }); // 1 = ACin-2
    expect(get('/Ac/ActiveIn/ActiveInput', 240)).toEqual({ ac_input_current_limit: 16 }); // inverting: the first input's
    const info = m.portal(P)!;
    expect(info.mainVebusInstance).toBe(276);
    expect(info.acInputLimits).toEqual([
      { instance: 276, input: 1, limit: 16 },
      { instance: 276, input: 2, limit: 32 },
    ]);
  });

  it('with two VE.Bus services, system/0/VebusInstance picks the one summarised', () => {
    const m = createVictronMapper();
    m.map(`N/${P}/vebus/257/Mode`, v(4), ctx());
    m.map(`N/${P}/vebus/276/Mode`, v(3), ctx());
    expect(m.portal(P)!.summary.inverter_mode).toBe(4); // lowest instance until told
    expect(values(readingsOf(m.map(`N/${P}/system/0/VebusInstance`, v(276), ctx()))[0]!)).toMatchObject({ inverter_mode: 3 });
    expect(m.map(`N/${P}/vebus/257/Mode`, v(1), ctx()).kind).toBe('ignored');
  });

  it('settings carry max/min beside the value (DVCC charge current limit, −1 = no limit)', () => {
    const m = createVictronMapper();
    const [item] = readingsOf(m.map(`N/${P}/settings/0/Settings/SystemSetup/MaxChargeCurrent`, v(-1, { max: 10000, min: -1 }), ctx()));
    expect(item!.samples).toEqual([{ metric: 'charge_current_limit', unit: 'A', value: -1, ts: ctx().now }]);
    expect(m.map(`N/${P}/settings/0/Settings/LEDs/Enable`, enc('{"max":1,"min":0,"value":1}'), ctx()).kind).toBe('ignored'); // README example
  });

  it('{"value": null} = invalid: no sample, the summary forgets it', () => {
    const m = createVictronMapper();
    m.map(`N/${P}/system/0/Dc/Battery/Soc`, v(80), ctx());
    expect(m.map(`N/${P}/system/0/Dc/Battery/Soc`, v(null), ctx())).toEqual({ kind: 'ignored', reason: 'invalid value (null)' });
    expect(m.portal(P)!.summary.soc).toBeUndefined();
    expect(m.value(P, 'system', 0, '/Dc/Battery/Soc')).toBeNull();
  });

  it('an empty payload = the device disappeared: said once, its values dropped, and said again when it is back', () => {
    const m = createVictronMapper();
    m.map(`N/${P}/vebus/276/Mode`, v(3), ctx());
    m.map(`N/${P}/vebus/276/Ac/Out/L1/P`, v(500), ctx());
    const gone = eventsOf(m.map(`N/${P}/vebus/276/Mode`, none, ctx()));
    expect(gone).toEqual([{ severity: 'warn', deviceId: `victron:${P}`, message: `GX ${P}: VE.Bus 276 disappeared` }]);
    expect(m.map(`N/${P}/vebus/276/Ac/Out/L1/P`, none, ctx()).kind).toBe('ignored'); // the same vanishing, topic after topic
    expect(m.portal(P)!.summary.inverter_mode).toBeUndefined();
    expect(m.portal(P)!.services.find((s) => s.service === 'vebus')!.present).toBe(false);
    const back = m.map(`N/${P}/vebus/276/Mode`, v(3), ctx());
    expect(values(readingsOf(back)[0]!)).toEqual({ inverter_mode: 3 });
    expect(eventsOf(back)).toEqual([{ severity: 'info', deviceId: `victron:${P}`, message: `GX ${P}: VE.Bus 276 is back` }]);
    // A PV inverter that sleeps at night is news, not a warning.
    m.map(`N/${P}/pvinverter/20/Ac/Power`, v(10), ctx());
    expect(eventsOf(m.map(`N/${P}/pvinverter/20/Ac/Power`, none, ctx()))[0]!.severity).toBe('info');
  });

  it('alarms: a level sample (0/1/2) and a timeline line on every change', () => {
    const m = createVictronMapper();
    const first = m.map(`N/${P}/vebus/276/Alarms/LowBattery`, v(0), ctx());
    expect(values(readingsOf(first)[0]!)).toEqual({ alarm: 0 });
    expect(eventsOf(first)).toEqual([]); // a known-good start is not news
    const warn = m.map(`N/${P}/vebus/276/Alarms/LowBattery`, v(1), ctx());
    expect(values(readingsOf(warn)[0]!)).toEqual({ alarm: 1 });
    expect(eventsOf(warn)).toEqual([{ severity: 'warn', deviceId: `victron:${P}`, message: `GX ${P}: VE.Bus 276 low battery warning` }]);
    expect(eventsOf(m.map(`N/${P}/vebus/276/Alarms/L1/Overload`, v(2), ctx()))).toEqual([{ severity: 'alarm', deviceId: `victron:${P}`, message: `GX ${P}: VE.Bus 276 L1 overload alarm` }]);
    expect(m.portal(P)!.summary.alarm).toBe(2);
    expect(eventsOf(m.map(`N/${P}/vebus/276/Alarms/L1/Overload`, v(2), ctx()))).toEqual([]); // a republish is not a change
    const cleared = m.map(`N/${P}/vebus/276/Alarms/L1/Overload`, v(0), ctx());
    expect(eventsOf(cleared)[0]).toMatchObject({ severity: 'info', message: `GX ${P}: VE.Bus 276 L1 overload cleared` });
    expect(values(readingsOf(cleared)[0]!)).toEqual({ alarm: 1 });
    expect(eventsOf(m.map(`N/${P}/battery/512/Alarms/HighTemperature`, v(2), ctx()))[0]!.message).toBe(`GX ${P}: Battery 512 high temperature alarm`);
  });

  it('the GX system name names the summary device and its timeline lines', () => {
    const m = createVictronMapper();
    const [item] = readingsOf(m.map(`N/${P}/settings/0/Settings/SystemSetup/SystemName`, v('Stage power'), ctx()));
    expect(item!.name).toEqual({ name: 'Stage power' });
    expect(item!.samples).toEqual([]);
    expect(eventsOf(m.map(`N/${P}/vebus/276/Alarms/LowBattery`, v(2), ctx()))[0]!.message).toBe('GX Stage power: VE.Bus 276 low battery alarm');
  });

  it('discovers portals and service instances (ProductId, ProductName, CustomName)', () => {
    const m = createVictronMapper();
    m.map(`N/${P}/system/0/Serial`, v(P), ctx(1)); // the one retained topic
    m.map(`N/${P}/vebus/276/ProductId`, v(9763), ctx(2));
    m.map(`N/${P}/vebus/276/ProductName`, v('MultiPlus-II 48/5000/70-50'), ctx(3));
    m.map(`N/${P}/battery/512/CustomName`, v('House bank'), ctx(4));
    m.map('N/c0619ab1234f/system/0/Serial', v('c0619ab1234f'), ctx(5), );
    const portals = m.portals();
    expect(portals.map((p) => p.portalId)).toEqual([P, 'c0619ab1234f']);
    expect(portals[0]).toMatchObject({ firstSeen: 1, lastSeen: 4, connectionId: 'embedded' });
    expect(portals[0]!.services).toEqual([
      { service: 'battery', instance: 512, customName: 'House bank', present: true, firstSeen: 4, lastSeen: 4 },
      { service: 'system', instance: 0, present: true, firstSeen: 1, lastSeen: 1 },
      { service: 'vebus', instance: 276, productId: 9763, productName: 'MultiPlus-II 48/5000/70-50', present: true, firstSeen: 2, lastSeen: 3 },
    ]);
  });

  it('heartbeat and full_publish_completed are noise that keeps the portal alive', () => {
    const m = createVictronMapper();
    expect(m.map(`N/${P}/heartbeat`, v(1718860914), ctx(10)).kind).toBe('ignored');
    expect(m.map(`N/${P}/full_publish_completed`, enc('{"full-publish-completed-echo":"Ucq2YLVt6ZWdgUNf","value":1718860914}'), ctx(11)).kind).toBe('ignored');
    expect(m.portal(P)).toMatchObject({ lastSeen: 11, fullPublishCompletedAt: 11 });
  });

  it('malformed notifications are rejected; requests are ignored', () => {
    const m = createVictronMapper();
    expect(m.map(`N/${P}/system/0/Dc/Battery/Soc`, enc('87'), ctx())).toEqual({ kind: 'rejected', reason: 'payload is not {"value": …}' });
    expect(m.map(`N/${P}/system/0/Dc/Battery/Soc`, enc('{"val":87}'), ctx())).toEqual({ kind: 'rejected', reason: 'payload has no "value" key' });
    expect(m.map(`N/${P}/system/0/Dc/Battery/Soc`, enc('{"value":'), ctx()).kind).toBe('rejected');
    expect(m.map(`N/${P}/vebus/abc/Mode`, v(3), ctx()).kind).toBe('rejected');
    expect(m.map(`N/${P}/vebus/276//Mode`, v(3), ctx()).kind).toBe('rejected');
    expect(m.map(`N/${P}/vebus/276`, v(3), ctx()).kind).toBe('rejected');
    expect(m.map(`W/${P}/vebus/276/Mode`, v(3), ctx()).kind).toBe('ignored');
    expect(m.map(`R/${P}/keepalive`, none, ctx()).kind).toBe('ignored');
    expect(m.map('homeassistant/x', v(3), ctx()).kind).toBe('ignored');
  });
});

describe('Victron keep-alive', () => {
  it('message formats (dbus-flashmq README)', () => {
    expect(buildKeepAlive(P, true)).toEqual({ topic: `R/${P}/keepalive`, payload: '' });
    const suppress = buildKeepAlive(P, false);
    expect(suppress.topic).toBe(`R/${P}/keepalive`);
    expect(JSON.parse(suppress.payload)).toEqual({ 'keepalive-options': ['suppress-republish'] });
    expect(JSON.parse(buildKeepAlive(P, true, 'Ucq2YLVt6ZWdgUNf').payload)).toEqual({ 'keepalive-options': [{ 'full-publish-completed-echo': 'Ucq2YLVt6ZWdgUNf' }] });
  });

  it('a discovered portal gets a full keep-alive, then suppress-republish every 30 s while it answers', () => {
    const m = createVictronMapper();
    expect(m.takeKeepAlives(0)).toEqual([]);
    m.map(`N/${P}/system/0/Serial`, v(P), ctx(1000, 'gx-lan'));
    const first = m.takeKeepAlives(1000);
    expect(first).toEqual([{ portalId: P, connectionId: 'gx-lan', topic: `R/${P}/keepalive`, payload: '', full: true }]);
    expect(m.takeKeepAlives(20_000)).toEqual([]);
    m.map(`N/${P}/heartbeat`, v(1), ctx(29_000));
    const second = m.takeKeepAlives(31_000);
    expect(second).toHaveLength(1);
    expect(second[0]!.full).toBe(false);
    expect(JSON.parse(second[0]!.payload)).toEqual({ 'keepalive-options': ['suppress-republish'] });
    expect(m.portal(P)!.keepAliveSentAt).toBe(31_000);
  });

  it('after a silence longer than the GX keep-alive timeout, or when asked, the next one is full again', () => {
    const m = createVictronMapper();
    m.map(`N/${P}/heartbeat`, v(1), ctx(0));
    m.takeKeepAlives(0);
    expect(m.keepAlivesDue(30_000)[0]!.full).toBe(false);
    expect(m.keepAlivesDue(61_000)[0]!.full).toBe(true); // nothing heard for 61 s
    m.map(`N/${P}/heartbeat`, v(1), ctx(60_000));
    m.requestFullRepublish(); // e.g. the connection came back
    expect(m.takeKeepAlives(61_000)[0]!.full).toBe(true);
    expect(m.keepAlivesDue(91_000)[0]!.full).toBe(false);
  });

  it('junk on N/… earns no keep-alive: only a well-formed notification makes a portal known', () => {
    const m = createVictronMapper();
    expect(m.map('N/intruder/system/0/Serial', enc('hello'), ctx()).kind).toBe('rejected');
    expect(m.map('N/intruder/whatever', enc('{}'), ctx()).kind).toBe('ignored');
    expect(m.portals()).toEqual([]);
    expect(m.takeKeepAlives(0)).toEqual([]);
  });

  it('configured portals are kept alive before they are heard', () => {
    const m = createVictronMapper({ portalIds: [P], keepAliveIntervalMs: 10_000 });
    expect(m.takeKeepAlives(0)).toEqual([{ portalId: P, topic: `R/${P}/keepalive`, payload: '', full: true }]);
    expect(m.keepAlivesDue(9_999)).toEqual([]);
    expect(m.keepAlivesDue(10_000)).toHaveLength(1);
  });
});

describe('Victron writes', () => {
  it('inverter mode: vebus /Mode with 1–4', () => {
    const w = buildVictronWrite({ control: 'inverter_mode', portalId: P, instance: 276, value: 4 });
    expect(w).toEqual({ ok: true, topic: `W/${P}/vebus/276/Mode`, payload: '{"value":4}', notifyTopic: `N/${P}/vebus/276/Mode`, read: { topic: `R/${P}/vebus/276/Mode`, payload: '' } });
    for (const bad of [0, 5, 2.5, Number.NaN]) {
      const r = buildVictronWrite({ control: 'inverter_mode', portalId: P, instance: 276, value: bad });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/1 \(charger only\), 2 \(inverter only\), 3 \(on\) or 4 \(off\)|must be a number/);
    }
  });

  it('charge current limit: settings/0/Settings/SystemSetup/MaxChargeCurrent, whole amps −1..10000', () => {
    const w = buildVictronWrite({ control: 'charge_current_limit', portalId: P, value: -1 });
    expect(w).toMatchObject({ ok: true, topic: `W/${P}/settings/0/Settings/SystemSetup/MaxChargeCurrent`, payload: '{"value":-1}' });
    expect(buildVictronWrite({ control: 'charge_current_limit', portalId: P, value: 10000 }).ok).toBe(true);
    const over = buildVictronWrite({ control: 'charge_current_limit', portalId: P, value: 10001 });
    expect(over).toEqual({ ok: false, error: 'charge current limit must be a whole number of amps from -1 (no limit) to 10000; got 10001' });
    expect(buildVictronWrite({ control: 'charge_current_limit', portalId: P, value: -2 }).ok).toBe(false);
    expect(buildVictronWrite({ control: 'charge_current_limit', portalId: P, value: 12.5 }).ok).toBe(false);
  });

  it('AC input current limit: vebus /Ac/In/<n>/CurrentLimit', () => {
    expect(buildVictronWrite({ control: 'ac_input_current_limit', portalId: P, instance: 276, input: 1, value: 16 })).toMatchObject({
      ok: true,
      topic: `W/${P}/vebus/276/Ac/In/1/CurrentLimit`,
      payload: '{"value":16}',
    });
    expect(buildVictronWrite({ control: 'ac_input_current_limit', portalId: P, instance: 276, input: 1, value: -1 })).toEqual({ ok: false, error: 'AC input current limit must be between 0 and 1000 A; got -1' });
    expect(buildVictronWrite({ control: 'ac_input_current_limit', portalId: P, instance: 276, input: 3, value: 16 }).ok).toBe(false);
  });

  it('portal and instance are checked too', () => {
    expect(buildVictronWrite({ control: 'inverter_mode', portalId: 'N/#', instance: 276, value: 3 }).ok).toBe(false);
    expect(buildVictronWrite({ control: 'inverter_mode', portalId: P, instance: -1, value: 3 }).ok).toBe(false);
    expect(buildVictronWrite({ control: 'inverter_mode', portalId: P, instance: 1.5, value: 3 }).ok).toBe(false);
  });

  it('topic parsing', () => {
    expect(parseVictronTopic(`N/${P}/pvinverter/20/Ac/Power`)).toEqual({ prefix: 'N', portalId: P, service: 'pvinverter', instance: 20, path: '/Ac/Power' });
    expect(parseVictronTopic(`N/${P}/full_publish_completed`)).toEqual({ prefix: 'N', portalId: P, special: 'full_publish_completed' });
    expect('error' in parseVictronTopic(`N/${P}/vebus/99999999999/Mode`)).toBe(true);
  });
});
