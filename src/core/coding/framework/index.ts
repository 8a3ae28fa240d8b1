/** Coding frameworks: YAML in, validated code trees out, stored and reloaded without losing codings. */
export { checkFramework, parseFramework, FrameworkError } from './parse.js';
export type { FrameworkProblem } from './parse.js';
export { loadFramework, listFrameworks, resolveFramework, frameworkCodes, allCodes } from './store.js';
export type { LoadReport } from './store.js';
export type { Code, Framework, Rules } from './schema.js';
export { bundledFramework, BUNDLED_FRAMEWORKS_DIR } from './bundled.js';
export { lintFramework, sampleSegments } from './lint.js';
export type { LintReport, LintWarning, RuleFiring } from './lint.js';
