/** Querying coded evidence: a small language over codes, text and document attributes, compiled to SQL. */
export { parseQuery, queryLimits, QuerySyntaxError } from './parse.js';
export type { QueryLimits } from './parse.js';
export { compileQuery } from './compile.js';
export type { Predicate } from './compile.js';
export { runQuery } from './run.js';
export type { Excerpt, QueryOptions, QueryResult } from './run.js';
export type { Node } from './ast.js';
export { matrix, cooccurrence, codeSummary, codesFor } from './tables.js';
export type { Matrix, MatrixOptions, CodeSummary } from './tables.js';
export { kwic } from './kwic.js';
export type { KwicLine, KwicOptions } from './kwic.js';
export { frequencies } from './freq.js';
export type { FreqOptions, FreqRow } from './freq.js';
export { findDefinitions } from './definitions.js';
export type { Definition } from './definitions.js';
export { resolveCodes } from './codes.js';
