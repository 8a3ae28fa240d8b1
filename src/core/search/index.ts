/** Full-text search over the project's segments. */
export { search } from './search.js';
export type { SearchHit, SearchOptions } from './search.js';
