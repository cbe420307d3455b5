/** The MQTT message mappers: pure (topic, payload) → sightings, samples and timeline events. */
export * from './mapper.ts';
export * from './topic-match.ts';
export { createOmgTheengsMapper, normalizeMac, bleDeviceId, goveeModelFromName, type BleDecodeInput, type BleDecodeOutput, type DecodeBle, type OmgTheengsOptions } from './omg-theengs.ts';
export { decodeGatewayBle, gatewayKindOfModel } from './ble-decoder.ts';
export { createGovee2MqttMapper, goveeDeviceId, type Govee2MqttOptions } from './govee2mqtt.ts';
export * from './victron.ts';
export * from './victron-control.ts';
export { createFrigateMapper, frigateClipUrl, frigateBaseUrlProblem, type FrigateOptions } from './frigate.ts';
export { UserMapping, parseJsonPath, mqttFilterProblem, type JsonPathStep } from './user-mapping-schema.ts';
export { compileUserMapping, createUserMapper, testMapping, type CompiledUserMapping, type UserMapper, type UserMappingOutcome } from './user-mapping.ts';
