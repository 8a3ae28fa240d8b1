// natural's package index loads storage back-ends and dotenv (printing to stdout), so litkit
// imports single modules of it; these declare the parts it uses.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}

declare module 'natural/lib/natural/distance/levenshtein_distance.js' {
  const distances: { LevenshteinDistance(source: string, target: string): number };
  export default distances;
}

declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
}
