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

export const userGuid = (name: string) => stableGuid(`user:${name}`);
export const codeGuid = (frameworkId: string, codeId: string) => stableGuid(`code:${frameworkId}:${codeId}`);
export const frameworkGuid = (frameworkId: string) => stableGuid(`framework:${frameworkId}`);
export const sourceGuid = (sha256: string) => stableGuid(`source:${sha256}`);
export const caseGuid = (sha256: string) => stableGuid(`case:${sha256}`);
export const variableGuid = (name: string) => stableGuid(`variable:${name}`);
export const setGuid = (name: string) => stableGuid(`set:${name}`);
