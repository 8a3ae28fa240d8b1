/** The project store: one SQLite file, migrated on open. */
export { Db, readonlyError, busyError, isBusyFailure, BUSY_TIMEOUT_MS } from './db.js';
export { migrate, loadMigrations, pendingMigrations } from './migrate.js';
export { initProject, findProject, openProject, readonlyFailure, lastOpenedProject, PROJECT_FILE } from './project.js';
export { APPLICATION_ID, readHeader, checkOwnership, isLitkitSchema } from './ownership.js';
export { LIMITS, DEFAULT_LIMITS, readLimits } from './limits.js';
export type { Limits } from './limits.js';
export { audit, recordCommand, readAuditLog } from './audit.js';
export type { AuditEntry, CommandRecord } from './audit.js';
