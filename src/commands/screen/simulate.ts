import { Args, Flags } from '@oclif/core';
import { LitkitCommand } from '../../cli/base.js';
import { stoppingFlags } from '../../cli/stopping-flags.js';
import { readLabelledSet, simulate, type SimulationResult } from '../../core/review/index.js';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export default class ScreenSimulate extends LitkitCommand {
  static override description = `Replay a labelled screening data set to measure prioritisation: from a few seed includes and excludes, screen in the model's order, retraining after every decision; report the recall curve, records screened to reach 95% recall and WSS@95, against random order from the same seed in the same run.`;

  static override examples = ['<%= config.bin %> screen simulate ../shared/review/Kitchenham_2010.csv --label-column label_included --seed 1'];

  static override args = { file: Args.string({ description: 'CSV with title, abstract (keywords if any) and a 0/1 label column.', required: true }) };

  static override flags = {
    'label-column': Flags.string({ description: 'Column holding 1 for included records.', default: 'label_included' }),
    seed: Flags.integer({ description: 'Seed for choosing the prior records and the random order.', default: 1 }),
    'prior-included': Flags.integer({ description: 'Known includes to start from.', default: 1, min: 1 }),
    'prior-excluded': Flags.integer({ description: 'Known excludes to start from.', default: 1, min: 1 }),
    seeds: Flags.integer({ description: 'Run this many seeds, from --seed on, and print one line per seed.', min: 1 }),
    ...stoppingFlags,
  };

  async run(): Promise<SimulationResult | SimulationResult[]> {
    const { args, flags } = await this.parse(ScreenSimulate);
    const { texts, labels } = readLabelledSet(args.file, flags['label-column']);
    const { recall, confidence } = flags;
    const options = { priorRelevant: flags['prior-included'], priorIrrelevant: flags['prior-excluded'], recall, confidence };
    if (flags.seeds) return this.many(texts, labels, flags.seed, flags.seeds, options);
    const r = simulate(texts, labels, { seed: flags.seed, ...options });
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
    this.log(ruleLine(r));
    return r;
  }

  private many(texts: string[], labels: boolean[], from: number, count: number, options: Parameters<typeof simulate>[2]): SimulationResult[] {
    const results = Array.from({ length: count }, (_, k) => simulate(texts, labels, { ...options, seed: from + k }));
    const r0 = results[0]!;
    this.log(`${r0.records} records, ${r0.relevant} relevant; seeds ${from} to ${from + count - 1}; stopping rule: recall ${pct(r0.stoppingRule.target)}, confidence ${pct(r0.stoppingRule.confidence)}\n`);
    this.log(['seed', 'WSS@95', 'random', 'recall@10%', 'sampling from', 'rule stops at', 'recall there'].map((h) => h.padStart(14)).join(''));
    for (const r of results) {
      const s = r.stoppingRule;
      this.log([String(r.seed), r.wss95.toFixed(3), r.random.wss95.toFixed(3), pct(r.recallAt[0]!.recall), s.sampleFrom ?? '-', s.screened === null ? 'the end' : `${s.screened} (${pct(s.screened / r.records)})`, pct(s.recall)].map((c) => String(c).padStart(14)).join(''));
    }
    const mean = (f: (r: SimulationResult) => number) => results.reduce((a, r) => a + f(r), 0) / results.length;
    this.log(`\nmean WSS@95 ${mean((r) => r.wss95).toFixed(3)}; the rule reached the target in ${results.filter((r) => r.stoppingRule.recall >= r.stoppingRule.target).length} of ${results.length} runs, after screening ${pct(mean((r) => (r.stoppingRule.screened ?? r.records) / r.records))} of the records on average.`);
    return results;
  }
}

function ruleLine(r: SimulationResult): string {
  const s = r.stoppingRule;
  const goal = `recall ≥ ${pct(s.target)} with ${pct(s.confidence)} confidence`;
  if (s.screened === null) return `The stopping rule (${goal}) would not start sampling: the hint never fires, so every record is screened.`;
  return `The stopping rule (${goal}), sampling at random from ${s.sampleFrom} screened, would stop at ${s.screened} screened (${pct(s.screened / r.records)}, ${s.sampled} of them drawn at random) with recall ${pct(s.recall)}.`;
}
