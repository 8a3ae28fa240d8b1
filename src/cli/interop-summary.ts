import type { ApplyReport } from '../core/interop/index.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The lines `import qdpx` and `merge` print: what came in, what did not, and why. */
export function applySummary(r: ApplyReport, verb: string): string[] {
  const fw = r.codes.frameworks.map((f) => `framework ${f.id} ${f.action}`).join(', ');
  const lines = [
    `${verb} ${r.file}${r.origin ? ` (${r.origin})` : ''} in ${r.seconds.toFixed(1)} s:`,
    `  documents: ${r.documents.added} added, ${r.documents.matched} matched`,
    `  codes: ${r.codes.added.length} added, ${r.codes.matched} matched${fw ? ` (${fw})` : ''}`,
    `  codings: ${r.codings.added} added${r.coders.length ? ` by ${r.coders.join(', ')}` : ''}, ${r.codings.duplicates} already here${r.codings.invalid ? `, ${r.codings.invalid} invalid (skipped)` : ''}`,
    `  memos: ${r.memos.added} added, ${r.memos.duplicates} already here; attribute values: ${r.attributes.set} set`,
  ];
  const list = (title: string, items: string[]) => {
    if (!items.length) return;
    lines.push(title);
    for (const i of items.slice(0, 20)) lines.push(`  - ${i}`);
    if (items.length > 20) lines.push(`  … and ${items.length - 20} more (--json lists them all)`);
  };
  list(`Documents only in ${r.file} (not merged; \`litkit import qdpx\` adds documents):`, r.documents.onlyThere);
  list('Documents only in this project:', r.documents.onlyHere);
  list('Same file, different text (extracted by another litkit version?); their codings were not merged:', r.documents.textDiffers);
  list(
    `Conflicts: ${plural(r.conflicts.length, 'span')} coded here with other codes (both kept):`,
    r.conflicts.map((c) => `${c.document}, p. ${c.page} ${c.start}-${c.end} "${c.excerpt.replace(/\s+/g, ' ').slice(0, 50)}": here ${c.here.join(', ')}; ${c.coder} ${c.incoming}`),
  );
  list('Attribute values kept (the file has others):', r.attributes.kept.map((k) => `${k.document}: ${k.key} = ${k.here} (file: ${k.incoming})`));
  list('Not mapped (litkit has no place for these):', r.unmapped);
  list('Tolerated departures from the standard:', r.quirks);
  list('Notes:', r.problems);
  return lines;
}
