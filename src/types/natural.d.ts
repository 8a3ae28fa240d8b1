// natural's package index loads storage back-ends and dotenv (printing to stdout), so litkit
// imports single modules of it; these declare the parts it uses.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
