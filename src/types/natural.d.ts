// natural's package index loads storage back-ends and dotenv (printing to stdout), so litkit
// imports single modules of it; these declare the parts it uses.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}

declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  export default class BayesClassifier {
    constructor(stemmer?: unknown, smoothing?: number);
    addDocument(text: string[], classification: string): void;
    train(): void;
    getClassifications(observation: string[]): { label: string; value: number }[];
  }
}

declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
}
