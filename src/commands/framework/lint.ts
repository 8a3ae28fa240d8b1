import fs from 'node:fs';
import { Args, Flags } from '@oclif/core';
import { LitkitCommand } from '../../cli/base.js';
import { terminalWidth } from '../../cli/render.js';
import { columns, toTerminal } from '../../core/tables/index.js';
import { readTextFile } from '../../core/text/index.js';
import { bundledFramework, lintFramework, sampleSegments, type LintReport } from '../../core/coding/framework/index.js';
import { stripControls } from '../../core/render/escape.js';
import { openProject } from '../../core/store/index.js';

export default class FrameworkLint extends LitkitCommand {
  static override description = `Check a framework file: every problem that keeps it from loading (exit 3), and warnings about rules that may not do what you mean.
Warnings: exclusions that veto the code's own terms, one- or two-letter prefixes; with --sample, rules that never fire or fire on most segments of that project, prefixes that catch words of several stems, and keywords that miss words sharing their stem. --sample also prints how often each rule fires, with three example contexts.`;

  static override examples = [
    '<%= config.bin %> framework lint my-framework.yaml',
    '<%= config.bin %> framework lint race-equality --sample ../review',
    '<%= config.bin %> framework lint my-framework.yaml --sample . --strict',
  ];

  static override args = {
    file: Args.string({ description: 'Framework YAML file, or the name of a bundled framework.', required: true }),
  };

  static override flags = {
    sample: Flags.string({ description: "A project whose segments the rules are tried on (folder or database file).", helpValue: 'PROJECT' }),
    strict: Flags.boolean({ description: 'Exit 3 on warnings too.' }),
  };

  async run(): Promise<{ file: string; ok: boolean; codes: number } & Omit<LintReport, 'framework'>> {
    const { args, flags } = await this.parse(FrameworkLint);
    const file = bundledFramework(args.file);
    let sample: string[] | undefined;
    if (flags.sample) {
      const db = openProject(flags.sample);
      try {
        sample = sampleSegments(db);
      } finally {
        db.close();
      }
    }
    const { framework, ...report } = lintFramework(readTextFile(file), sample);
    for (const p of report.problems) process.stderr.write(stripControls(`${file}:${p.line}:${p.column}: ${p.message}\n`));
    for (const w of report.warnings) process.stderr.write(stripControls(`${file}:${w.line}:${w.column}: warning: ${w.code}: ${w.message}\n`));
    if (report.sample && !this.jsonEnabled()) {
      const rows = report.sample.rules.map((r) => [r.code, r.rule, r.segments, `${(r.share * 100).toFixed(1)}%`, r.examples.join(' | ')]);
      this.log(toTerminal({ columns: columns('code:key', 'rule', 'segments:number', 'share:number', 'examples:excerpt'), rows }, terminalWidth()));
    }
    if (report.sample) {
      const silent = report.sample.rules.filter((r) => r.segments === 0).length;
      this.log(`${silent} of ${report.sample.rules.length} rules never fire in the sample (segments 0 above).`);
    }
    if (framework) {
      this.log(`${file}: ${report.warnings.length ? `${report.warnings.length} warning(s)` : 'ok'}: framework "${framework.id}" version ${framework.version}, ${framework.codes.length} codes${report.sample ? `, tried on ${report.sample.segments} segments` : ''}`);
    }
    if (!framework || (flags.strict && report.warnings.length)) process.exitCode = 3;
    return { file: fs.realpathSync(file), ok: !!framework, codes: framework?.codes.length ?? 0, ...report };
  }
}
