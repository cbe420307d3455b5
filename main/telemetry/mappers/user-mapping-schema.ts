/**
 * The user-mapping schema lives in the contract (preload/contract/mqtt.ts): settings carry the
 * mappings and the UI's "test against a sample" sends one. Re-exported here for the mappers.
 */
export { UserMapping, parseJsonPath, mqttFilterProblem, type JsonPathStep } from '../../../preload/contract/mqtt.ts';
