import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { decisionLine, marker, reviewCard } from '../../cli/coding-review.js';
import { nextAction, readKeys, type KeyReader } from '../../cli/keys.js';
import { allCodes } from '../../core/coding/framework/index.js';
import { decideCoding, nextForReview, undoLastDecision } from '../../core/coding/index.js';
import { openProject } from '../../core/store/index.js';
import { currentCoder } from '../../core/store/settings.js';

type Action = 'accept' | 'reject' | 'recode' | 'skip' | 'undo' | 'quit';
const KEYS: Record<string, Action> = { a: 'accept', r: 'reject', c: 'recode', s: 'skip', u: 'undo', q: 'quit' };

export default class CodeReview extends LitkitCommand {
  static override description = `Review auto and suggested codings, lowest confidence first: a accept, r reject, c recode (type the new code; Tab completes), s skip, u undo, q quit.
Each coding is shown with its code, confidence, citation, the rules that fired and the sentences with the matched words marked. Decisions are kept by reviewer and survive re-running \`code auto\`; rejected codings leave queries, tables, agreement and reports. On a terminal a key is enough; otherwise one letter (or code) per line is read from standard input.`;

  static override examples = [
    '<%= config.bin %> code review --coder amina',
    "<%= config.bin %> code review --code 'employment.*' --limit 20",
  ];

  static override flags = {
    project: projectFlag,
    code: Flags.string({ description: 'Only this code; `employment.*` for its sub-codes, `employment*` for both.' }),
    framework: Flags.string({ char: 'f', description: "Only this framework's codes." }),
    coder: Flags.string({ char: 'c', description: 'Who reviews (default: LITKIT_CODER, else `litkit config set coder`, else your login name).' }),
    limit: Flags.integer({ char: 'n', description: 'Stop after this many decisions.', min: 1 }),
  };

  async run(): Promise<{ decisions: number; skipped: number }> {
    const { flags } = await this.parse(CodeReview);
    const db = openProject(flags.project);
    const coder = currentCoder(db, flags.coder);
    const labels = new Map([...allCodes(db)].map(([id, c]) => [id, c.label]));
    const mark = marker(Boolean(process.stdout.isTTY));
    const skip: number[] = [];
    let decisions = 0;
    const keys = readKeys();
    try {
      while (flags.limit === undefined || decisions < flags.limit) {
        const { coding, remaining } = nextForReview(db, { code: flags.code, framework: flags.framework, skip });
        if (!coding) {
          this.log(`Done: no unreviewed codings left${skip.length ? ` (${skip.length} skipped)` : ''}.`);
          break;
        }
        this.log(`\n[${decisions} decided, ${remaining} to review]  ${reviewCard(coding, labels.get(coding.code) ?? coding.code, mark)}\n(a)ccept (r)eject (c) recode (s)kip (u)ndo (q)uit`);
        const action = await nextAction(keys, KEYS, () => this.log('Press a, r, c, s, u or q.'));
        if (action === 'quit') break;
        if (action === 'skip') {
          skip.push(coding.id);
          continue;
        }
        if (action === 'undo') {
          const undone = undoLastDecision(db, coder);
          this.log(undone ? `Undid: ${decisionLine(undone)}` : 'Nothing to undo.');
          if (undone) decisions--;
          continue;
        }
        let recodeTo: string | undefined;
        if (action === 'recode') {
          recodeTo = await this.askCode(keys, [...labels.keys()]);
          if (recodeTo === undefined) break;
          if (!recodeTo) continue;
        }
        this.log(decisionLine(decideCoding(db, coding.id, action, { coder, recodeTo })));
        decisions++;
      }
    } finally {
      keys.close();
      db.close();
    }
    this.log(`${decisions} decision${decisions === 1 ? '' : 's'} recorded.`);
    return { decisions, skipped: skip.length };
  }

  /** The new code of a recode, completed from a unique prefix; '' to go back, undefined when the input ends. */
  private async askCode(keys: KeyReader, codes: string[]): Promise<string | undefined> {
    const starting = (p: string) => codes.filter((c) => c.startsWith(p));
    for (;;) {
      const answer = await keys.line('New code (Tab completes, empty to go back): ', starting);
      if (answer === undefined || answer === '') return answer;
      if (codes.includes(answer)) return answer;
      const matches = starting(answer);
      if (matches.length === 1) return matches[0];
      this.log(matches.length ? `"${answer}" could be ${matches.slice(0, 10).join(', ')}${matches.length > 10 ? ', …' : ''}` : `No code starts with "${answer}".`);
    }
  }
}
