/** Coding: frameworks, auto-coding with evidence, manual coding, memos, suggestions and agreement. */
export { autocode } from './autocode.js';
export type { AutocodeOptions, AutocodeReport } from './autocode.js';
export { Matcher, compileRegex } from './matcher.js';
export type { Hit } from './matcher.js';
export { codeCounts } from './counts.js';
export { addCoding, removeCodings, listCodings, getCoding, findQuote } from './manual.js';
export type { CodingInfo, CodingTarget, CodingFilter } from './manual.js';
export { addMemo, listMemos, getMemo } from './memos.js';
export type { Memo, MemoTarget } from './memos.js';
export { agreement, agreementStats, cohensKappa, krippendorffAlpha } from './agreement.js';
export type { AgreementReport, AgreementStats, Table2x2 } from './agreement.js';
export { suggest } from './suggest.js';
export type { CodeSuggestions, Suggestion, Validation, SuggestOptions } from './suggest.js';
