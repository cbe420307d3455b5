import { describe, expect, it } from 'vitest';
import { createGovee2MqttMapper, goveeDeviceId } from '../../../../main/telemetry/mappers/govee2mqtt.ts';
import { ctx, enc, json, readingsOf, values } from './helpers.ts';

// Topics and payloads as wez/govee2mqtt (6f5a8449) builds them: src/hass_mqtt/sensor.rs, base.rs, src/service/hass.rs.
const id = '528BD4ADFC455DFE'; // topic_safe_id of Govee device "52:8B:D4:AD:FC:45:5D:FE" (a test snapshot's id)
const tempTopic = `gv2mqtt/sensor/sensor-${id}-sensortemperature/state`;
const humTopic = `gv2mqtt/sensor/sensor-${id}-sensorhumidity/state`;

function discovery(instance: string, unit: string | undefined) {
  const cfg: Record<string, unknown> = {
    availability_topic: 'gv2mqtt/availability',
    name: instance === 'sensortemperature' ? 'Temperature' : 'Humidity',
    device_class: instance === 'sensortemperature' ? 'temperature' : 'humidity',
    origin: { name: 'gv2mqtt', sw_version: '2025.04.13-17d43d72', url: 'https://github.com/wez/govee2mqtt' },
    device: { name: 'Dressing room hygrometer', manufacturer: 'Govee', model: 'H5179', suggested_area: 'Backstage', via_device: 'gv2mqtt', identifiers: [`gv2mqtt-${id}`] },
    unique_id: `sensor-${id}-${instance}`,
    entity_category: 'diagnostic',
    state_topic: `gv2mqtt/sensor/sensor-${id}-${instance}/state`,
    state_class: 'measurement',
  };
  if (unit) cfg.unit_of_measurement = unit;
  return cfg;
}

describe('govee2mqtt mapper', () => {
  it('subscribes to gv2mqtt/# and the sensor discovery configs', () => {
    expect(createGovee2MqttMapper().topics).toEqual(['gv2mqtt/#', 'homeassistant/sensor/+/config']);
    expect(createGovee2MqttMapper({ discoveryPrefix: null }).topics).toEqual(['gv2mqtt/#']);
  });

  it('maps temperature and humidity state (plain "{:.2}" text) to one device keyed by the Govee id', () => {
    const m = createGovee2MqttMapper();
    const [t] = readingsOf(m.map(tempTopic, enc('22.50'), ctx(5)));
    const [h] = readingsOf(m.map(humTopic, enc('45.10'), ctx(5)));
    expect(t!.sighting).toEqual({ id: 'govee:52:8B:D4:AD:FC:45:5D:FE', kind: 'thermo-hygrometer', model: 'Govee', source: 'mqtt' });
    expect(h!.sighting.id).toBe(t!.sighting.id);
    expect(t!.samples).toEqual([{ metric: 'temperature', unit: '°C', value: 22.5, ts: 5 }]);
    expect(h!.samples).toEqual([{ metric: 'humidity', unit: '%', value: 45.1, ts: 5 }]);
  });

  it('converts a Fahrenheit bridge (temperature_scale F) to °C', () => {
    const m = createGovee2MqttMapper({ temperatureScale: 'F' });
    expect(values(readingsOf(m.map(tempTopic, enc('72.50'), ctx()))[0]!)).toEqual({ temperature: 22.5 });
    expect(values(readingsOf(m.map(humTopic, enc('45.10'), ctx()))[0]!)).toEqual({ humidity: 45.1 });
  });

  it('learns SKU, name, room and the temperature unit from the retained discovery config', () => {
    const m = createGovee2MqttMapper(); // bridge default C…
    expect(m.map(`homeassistant/sensor/sensor-${id}-sensortemperature/config`, json(discovery('sensortemperature', '°F')), ctx()).kind).toBe('ignored');
    const [t] = readingsOf(m.map(tempTopic, enc('68.00'), ctx()));
    expect(values(t!)).toEqual({ temperature: 20 }); // …but discovery says °F
    expect(t!.sighting.model).toBe('H5179');
    expect(t!.name).toEqual({ name: 'Dressing room hygrometer', room: 'Backstage' });
  });

  it('discovery configs of other integrations are left alone', () => {
    const m = createGovee2MqttMapper();
    const other = { ...discovery('sensortemperature', '°F'), origin: { name: 'zigbee2mqtt' } };
    expect(m.map(`homeassistant/sensor/sensor-${id}-sensortemperature/config`, json(other), ctx()).kind).toBe('ignored');
    expect(values(readingsOf(m.map(tempTopic, enc('20.00'), ctx()))[0]!)).toEqual({ temperature: 20 });
    expect(m.map('homeassistant/sensor/x/config', enc('not json'), ctx()).kind).toBe('ignored');
  });

  it('status, availability, diagnostics, controls and unknown values are ignored without a warning', () => {
    const m = createGovee2MqttMapper();
    for (const [topic, payload] of [
      [`gv2mqtt/sensor/sensor-${id}-gv2mqtt-status/state`, 'Available'],
      [`gv2mqtt/sensor/sensor-${id}-gv2mqtt-status/state`, 'Missing'],
      [`gv2mqtt/sensor/sensor-${id}-gv2mqtt-status/attributes`, '{"iot":null}'],
      ['gv2mqtt/availability', 'online'],
      ['gv2mqtt/availability', 'offline'],
      ['gv2mqtt/sensor/global-version/state', '2025.04.13'],
      [`gv2mqtt/light/${id}/state`, '{"state":"ON","brightness":255}'],
      [`gv2mqtt/switch/${id}/powerSwitch/state`, 'ON'],
      [`gv2mqtt/sensor/sensor-${id}-airquality/state`, '{"value":3}'],
      [tempTopic, ''],
    ] as const) {
      expect(m.map(topic, enc(payload), ctx()).kind, `${topic} ${payload}`).toBe('ignored');
    }
  });

  it('garbage in a sensor state is rejected', () => {
    const m = createGovee2MqttMapper();
    expect(m.map(tempTopic, enc('warm'), ctx()).kind).toBe('rejected');
    expect(m.map('gv2mqtt/sensor/sensor-/state', enc('1'), ctx()).kind).toBe('rejected');
    expect(m.map('gv2mqtt/sensor/sensor-bad id!-sensortemperature/state', enc('1'), ctx()).kind).toBe('rejected');
  });

  it('device ids: 16 hex digits get the Govee app colons back', () => {
    expect(goveeDeviceId('528bd4adfc455dfe')).toBe('govee:52:8B:D4:AD:FC:45:5D:FE');
    expect(goveeDeviceId('ABC_123')).toBe('govee:ABC_123');
    expect(goveeDeviceId('a/b')).toBeUndefined();
  });
});
