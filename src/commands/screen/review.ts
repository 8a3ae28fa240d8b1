import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { nextAction, readKeys, type KeyReader } from '../../cli/keys.js';
import { decide, exclusionReasons, nextRecord, STAGES, undoLast, type Decision, type Stage } from '../../core/review/index.js';
import type { Db } from '../../core/store/index.js';
import { currentCoder } from '../../core/store/settings.js';
import { openProject } from '../../core/store/index.js';

const KEYS: Record<string, Decision | 'undo' | 'quit'> = { i: 'include', e: 'exclude', m: 'maybe', u: 'undo', q: 'quit' };

export default class ScreenReview extends LitkitCommand {
  static override description = `Screen interactively, record after record in the model's order: i include, e exclude, m maybe, u undo, q quit. On a terminal a key is enough; otherwise one letter per line is read from standard input.`;

  static override examples = ['<%= config.bin %> screen review --reviewer amina', '<%= config.bin %> screen review --stage full-text'];

  static override flags = {
    project: projectFlag,
    stage: Flags.string({ description: 'Screening stage.', options: [...STAGES], default: 'title-abstract' }),
    reviewer: Flags.string({ char: 'r', description: 'Reviewer (default: the current coder).' }),
  };

  async run(): Promise<{ decisions: number }> {
    const { flags } = await this.parse(ScreenReview);
    const stage = flags.stage as Stage;
    const db = openProject(flags.project);
    const reviewer = currentCoder(db, flags.reviewer);
    let decisions = 0;
    const keys = readKeys();
    try {
      for (;;) {
        const n = nextRecord(db, { stage, reviewer });
        if (!n.record) {
          this.log(`Done: nothing left to screen at ${stage}.`);
          break;
        }
        const r = n.record;
        this.log(`\n[${n.screened} screened, ${n.remaining} to go; order: ${n.note}]${n.hint ? `  Hint: ${n.hint}` : ''}\n#${r.id}  ${r.title}\n${[r.authors.slice(0, 3).join('; '), r.year, r.journal].filter(Boolean).join(' · ')}\n\n${r.abstract ?? '(no abstract)'}\n\n(i)nclude (e)xclude (m)aybe (u)ndo (q)uit`);
        const action = await nextAction(keys, KEYS, () => this.log('Press i, e, m, u or q.'));
        if (action === 'quit') break;
        if (action === 'undo') {
          const id = undoLast(db, reviewer, stage);
          this.log(id === undefined ? 'Nothing to undo.' : `Undid the decision on #${id}.`);
          if (id !== undefined) decisions--;
          continue;
        }
        const reason = stage === 'full-text' && action === 'exclude' ? await this.reason(db, keys) : undefined;
        decide(db, r.id, action, { stage, reviewer, reason });
        decisions++;
      }
    } finally {
      keys.close();
      db.close();
    }
    this.log(`${decisions} decision${decisions === 1 ? '' : 's'} recorded.`);
    return { decisions };
  }

  private async reason(db: Db, keys: KeyReader): Promise<string> {
    const reasons = exclusionReasons(db);
    if (!reasons.length) return 'excluded at full text';
    this.log(reasons.map((r, i) => `  ${i + 1}. ${r}`).join('\n'));
    for (;;) {
      const k = await keys.next();
      const chosen = reasons[Number(k) - 1];
      if (chosen) return chosen;
      if (k === undefined) return reasons[0]!;
      this.log(`Choose 1 to ${reasons.length}.`);
    }
  }
}
