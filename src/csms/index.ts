export { startCsms } from './server.js';
export type { Csms, CsmsOptions, CsmsEvent, BootAnswer, Probe } from './server.js';
export { formatEvent, eventToJson } from './log.js';
