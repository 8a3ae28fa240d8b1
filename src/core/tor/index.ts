/** Terms of reference: what an assignment asks for, read from a document of the project. */
export { readTor, TorError } from './read.js';
export type { Tor } from './read.js';
export type { Activity, Phase } from './activities.js';
export { PHASES } from './activities.js';
export type { Deliverable } from './deliverables.js';
export type { When } from './dates.js';
export type { TorText } from './questions.js';
export type { Timeline } from './timeline.js';
