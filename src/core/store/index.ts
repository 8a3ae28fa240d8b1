/** The project store: one SQLite file, migrated on open. */
export { Db } from './db.js';
export { migrate, loadMigrations } from './migrate.js';
export { initProject, findProject, openProject, PROJECT_FILE } from './project.js';
