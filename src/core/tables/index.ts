/** The table model every listing, table command and report table shares, and its writers. */
export { cellText, columns, showing, visible, type Cell, type Column, type ColumnKind, type Table } from './model.js';
export { toTerminal } from './terminal.js';
export { toMarkdown } from './markdown.js';
export { toCsv, toJson, toJsonLines, toObjects, toXlsx } from './data.js';
export { formatFromPath, TABLE_EXTENSIONS, TABLE_FORMATS, writeTable, type TableFormat, type WriteOptions } from './formats.js';
