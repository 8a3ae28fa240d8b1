import fs from 'node:fs';
import { Args } from '@oclif/core';
import { LitkitCommand } from '../../cli/base.js';
import { readTextFile } from '../../core/ingest/decode.js';
import { bundledFramework, checkFramework, type FrameworkProblem } from '../../core/coding/framework/index.js';
import { stripControls } from '../../core/render/escape.js';

export default class FrameworkLint extends LitkitCommand {
  static override description = 'Check a framework file and list every problem with its line and column. Exit 3 when there are problems.';

  static override examples = ['<%= config.bin %> framework lint my-framework.yaml', '<%= config.bin %> framework lint race-equality'];

  static override args = {
    file: Args.string({ description: 'Framework YAML file, or the name of a bundled framework.', required: true }),
  };

  async run(): Promise<{ file: string; ok: boolean; codes: number; problems: FrameworkProblem[] }> {
    const { args } = await this.parse(FrameworkLint);
    const file = bundledFramework(args.file);
    const { framework, problems } = checkFramework(readTextFile(file));
    for (const p of problems) process.stderr.write(stripControls(`${file}:${p.line}:${p.column}: ${p.message}\n`));
    if (framework) this.log(`${file}: ok: framework "${framework.id}" version ${framework.version}, ${framework.codes.length} codes`);
    else process.exitCode = 3;
    return { file: fs.realpathSync(file), ok: !!framework, codes: framework?.codes.length ?? 0, problems };
  }
}
