import { Flags } from '@oclif/core';

/** A flag taking a proportion strictly between 0 and 1. */
const proportion = (name: string, description: string) =>
  Flags.custom<number>({
    description,
    default: 0.95,
    helpValue: '0..1',
    parse: async (input) => {
      const v = Number(input);
      // A plain error: oclif wraps what a flag parser throws, and parseFailure makes it one usage line.
      if (!(v > 0 && v < 1)) throw new Error(`--${name} takes a number between 0 and 1, got "${input}"`);
      return v;
    },
  })();

/** The stopping rule's target and confidence, the same on `screen stop` and `screen simulate`. */
export const stoppingFlags = {
  recall: proportion('recall', 'Recall target of the stopping rule, between 0 and 1.'),
  confidence: proportion('confidence', 'Confidence of the stopping rule, between 0 and 1.'),
};
