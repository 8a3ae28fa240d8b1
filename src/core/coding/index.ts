/** Coding: frameworks, auto-coding with evidence, manual coding, memos, suggestions and agreement. */
export { autocode } from './autocode.js';
export type { AutocodeOptions, AutocodeReport } from './autocode.js';
export { Matcher } from './matcher.js';
export type { Hit } from './matcher.js';
export { codeCounts } from './counts.js';
