/** Cases: survey respondents and transcript speakers, with attributes that queries and tables compare. */
export { listCases, parseCaseAttributes, setCaseAttributes } from './store.js';
export type { CaseInfo, CaseKind } from './store.js';
export { setSpeakerAttributes } from './speakers.js';
export { ingestSurvey } from './survey.js';
export { SURVEY_EXTENSIONS } from '../ingest/formats.js';
export type { SurveyOptions, SurveyResult } from './survey.js';
export type { SurveyColumn } from '../ingest/extractors/survey-columns.js';
