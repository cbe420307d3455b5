// The rules live with the contract so the core and the UI judge a reading the same way.
export { evaluate, type Verdict } from '../../preload/contract/index.ts';
