import readline from 'node:readline';

/** Keys (and, when asked, a line) typed by the user of an interactive loop. */
export interface KeyReader {
  /** The next key; undefined once the input has ended. */
  next(): Promise<string | undefined>;
  /** A line of text, with Tab completion from `complete` on a terminal; undefined once the input has ended. */
  line(prompt: string, complete?: (partial: string) => string[]): Promise<string | undefined>;
  close(): void;
}

/**
 * Single keys on a terminal; lines elsewhere, one key or answer per line, so the loop can be
 * driven by a script or a test through a pipe.
 */
export function readKeys(): KeyReader {
  const queue: string[] = [];
  const waiting: ((k: string | undefined) => void)[] = [];
  let ended = false;
  const push = (k: string | undefined) => {
    if (k === undefined) ended = true;
    const w = waiting.shift();
    if (w) w(k);
    else if (k !== undefined) queue.push(k);
  };
  const next = () => (queue.length ? Promise.resolve(queue.shift()) : ended ? Promise.resolve(undefined) : new Promise<string | undefined>((r) => waiting.push(r)));
  if (process.stdin.isTTY) {
    readline.emitKeypressEvents(process.stdin);
    const onKey = (_: string, key: { name?: string; sequence?: string; ctrl?: boolean }) => push(key.ctrl && key.name === 'c' ? 'q' : (key.sequence ?? key.name));
    const listen = () => {
      process.stdin.setRawMode(true);
      process.stdin.on('keypress', onKey);
      process.stdin.resume();
    };
    const stop = () => {
      process.stdin.off('keypress', onKey);
      process.stdin.setRawMode(false);
    };
    listen();
    return {
      next,
      // Raw keys are paused while readline edits the line, so typing does not also count as keys.
      line: (prompt, complete) => {
        stop();
        const rl = readline.createInterface({ input: process.stdin, output: process.stdout, completer: complete ? (partial: string) => [complete(partial), partial] : undefined });
        return new Promise((resolve) => {
          rl.question(prompt, (answer) => {
            rl.close();
            listen();
            resolve(answer.trim());
          });
        });
      },
      close: () => {
        stop();
        process.stdin.pause();
      },
    };
  }
  const rl = readline.createInterface({ input: process.stdin });
  rl.on('line', (l) => l.trim() && push(l.trim()));
  rl.on('close', () => push(undefined));
  return {
    next,
    line: (prompt) => {
      process.stdout.write(`${prompt}\n`);
      return next();
    },
    close: () => rl.close(),
  };
}

/**
 * The action bound to the next key typed (case-insensitive), telling the user `hint` after any
 * other key; 'quit' once the input ends.
 */
export async function nextAction<T extends string>(keys: KeyReader, actions: Record<string, T>, hint: () => void): Promise<T | 'quit'> {
  for (;;) {
    const k = await keys.next();
    if (k === undefined) return 'quit';
    const action = actions[k.toLowerCase()];
    if (action) return action;
    hint();
  }
}
