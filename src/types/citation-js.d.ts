// citation-js ships no type declarations; these cover the part litkit uses.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: { forceType?: string });
    format(kind: 'bibliography' | 'citation', options: { template: string; format: 'text' | 'html'; lang?: string; entry?: string }): string;
  }
}
declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-bibtex';
