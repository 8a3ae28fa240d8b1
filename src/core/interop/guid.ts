import crypto from 'node:crypto';

/**
 * A name-based GUID (the layout of RFC 4122 version 5, SHA-1 of a litkit namespace and the name).
 * The same code, coder or document gets the same GUID in every export and every project, so a
 * re-imported export matches what it came from, and two coders' exports of one document agree.
 */
export function stableGuid(name: string): string {
  const h = crypto.createHash('sha1').update('litkit:refi-qda:').update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex').toUpperCase();
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** A GUID as REFI-QDA compares them: upper case, without braces. */
export function normaliseGuid(guid: string | undefined): string | undefined {
  return guid ? guid.trim().replace(/^\{|\}$/g, '').toUpperCase() : undefined;
}

/**
 * The same layout from a fast non-cryptographic hash (four 32-bit multiply-xor lanes), for the
 * hundred thousand selections and codings of a large export, where SHA-1 took a second and more.
 * Deterministic like stableGuid; collisions are as unlikely as for any 122 random bits.
 */
export function quickGuid(name: string): string {
  let h1 = 0x9e3779b9;
  let h2 = 0x85ebca6b;
  let h3 = 0xc2b2ae35;
  let h4 = 0x27d4eb2f;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h3 = Math.imul(h3 ^ c, 0x1b873593);
    h4 = Math.imul(h4 ^ c, 0xcc9e2d51);
  }
  const a = mix(h1, h2);
  const b = mix(h2, h3);
  const c = ((mix(h3, h4) & 0x3fffffff) | 0x80000000) >>> 0; // the RFC 4122 variant bits
  const d = mix(h4, h1);
  return `${hex8(a)}-${hex8(b).slice(0, 4)}-5${hex8(b).slice(5)}-${hex8(c).slice(0, 4)}-${hex8(c).slice(4)}${hex8(d)}`;
}

function mix(h: number, k: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b ^ k);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const hex8 = (n: number) => n.toString(16).toUpperCase().padStart(8, '0');

export const userGuid = (name: string) => stableGuid(`user:${name}`);
export const codeGuid = (frameworkId: string, codeId: string) => stableGuid(`code:${frameworkId}:${codeId}`);
export const frameworkGuid = (frameworkId: string) => stableGuid(`framework:${frameworkId}`);
export const sourceGuid = (sha256: string) => stableGuid(`source:${sha256}`);
export const caseGuid = (sha256: string) => stableGuid(`case:${sha256}`);
export const variableGuid = (name: string) => stableGuid(`variable:${name}`);
export const setGuid = (name: string) => stableGuid(`set:${name}`);
