/** Full-text search over the project's segments. */
export { search, searchTotal } from './search.js';
export type { SearchHit, SearchOptions } from './search.js';
