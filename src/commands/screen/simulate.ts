import { Args, Flags } from '@oclif/core';
import { parse } from 'csv-parse/sync';
import { LitkitCommand } from '../../cli/base.js';
import { readTextFile } from '../../core/ingest/decode.js';
import { recordText, simulate, type SimulationResult } from '../../core/review/index.js';
import { InputError, UsageError } from '../../errors.js';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export default class ScreenSimulate extends LitkitCommand {
  static override description = `Replay a labelled screening data set to measure prioritisation: from a few seed includes and excludes, screen in the model's order, retraining after every decision; report the recall curve, records screened to reach 95% recall and WSS@95, against random order from the same seed in the same run.`;

  static override examples = ['<%= config.bin %> screen simulate ../shared/review/Kitchenham_2010.csv --label-column label_included --seed 1'];

  static override args = { file: Args.string({ description: 'CSV with title, abstract and a 0/1 label column.', required: true }) };

  static override flags = {
    'label-column': Flags.string({ description: 'Column holding 1 for included records.', default: 'label_included' }),
    seed: Flags.integer({ description: 'Seed for choosing the prior records and the random order.', default: 1 }),
    'prior-included': Flags.integer({ description: 'Known includes to start from.', default: 1, min: 1 }),
    'prior-excluded': Flags.integer({ description: 'Known excludes to start from.', default: 1, min: 1 }),
  };

  async run(): Promise<SimulationResult> {
    const { args, flags } = await this.parse(ScreenSimulate);
    let rows: Record<string, string>[];
    const text = readTextFile(args.file);
    try {
      rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    } catch (err) {
      throw new InputError('E_READ', `not a readable CSV: ${(err as Error).message.split('\n')[0]}`, args.file);
    }
    const label = flags['label-column'];
    if (!rows.length || !(label in rows[0]!)) throw new UsageError('E_USAGE', `no column "${label}" in ${args.file}`);
    const texts = rows.map((r) => recordText(r.title ?? '', r.abstract));
    const labels = rows.map((r) => ['1', 'true', 'yes', 'include', 'included'].includes((r[label] ?? '').trim().toLowerCase()));
    const included = labels.filter(Boolean).length;
    if (!included || included === labels.length) throw new InputError('E_LABELS', `column "${label}" marks ${included ? 'every' : 'no'} record as included: a simulation needs both`, args.file);
    const r = simulate(texts, labels, { seed: flags.seed, priorRelevant: flags['prior-included'], priorIrrelevant: flags['prior-excluded'] });
    this.log(`${r.records} records, ${r.relevant} relevant; seed ${r.seed}, starting from ${r.priorRelevant} include(s) and ${r.priorIrrelevant} exclude(s)\n`);
    this.log(`${''.padEnd(22)}${'model'.padStart(10)}${'random'.padStart(10)}`);
    r.recallAt.forEach((x, i) => this.log(`${`recall at ${pct(x.screened)} screened`.padEnd(22)}${pct(x.recall).padStart(10)}${pct(r.random.recallAt[i]!.recall).padStart(10)}`));
    this.log(`${'screened for 95%'.padEnd(22)}${String(r.screenedFor95).padStart(10)}${String(r.random.screenedFor95).padStart(10)}`);
    this.log(`${'WSS@95'.padEnd(22)}${r.wss95.toFixed(3).padStart(10)}${r.random.wss95.toFixed(3).padStart(10)}`);
    const stop = r.stoppingHint;
    this.log(
      stop.screened === null
        ? `\nThe stopping hint of screen next (${stop.run} excludes in a row) would not fire before the end.`
        : `\nStopping after ${stop.run} excludes in a row (the hint of screen next) would end at ${stop.screened} screened (${pct(stop.screened / r.records)}) with recall ${pct(stop.recall)}.`,
    );
    return r;
  }
}
