/** An image reference split as Docker reads it. */
export interface ImageName {
  /** Registry host (with port), `docker.io` for Docker Hub. */
  domain: string;
  /** Repository path on that registry (`library/node` for an official image). */
  repository: string;
  tag: string | null;
  /** `sha256:…`, or null. */
  digest: string | null;
  /** The full name the rules match, without the digest: `docker.io/library/node:16`, `ghcr.io/org/app:1`. */
  canonical: string;
  /** What the reference spelled out of Docker Hub's implicit prefix (`docker.io/library/`, `docker.io/`), or ''. */
  hubPrefix: string;
}

const HUB = 'docker.io';
const HUB_PREFIX = /^(?:(?:index\.)?docker\.io\/)(?:library\/)?/;

/** Longest reference read: Docker's limit on a repository name is 255 characters, plus a tag and a digest. */
const MAX_LENGTH = 512;
// The grammar of distribution/reference (reference/regexp.go), written so that each part is read in linear time:
// a JavaScript regular expression backtracks, and its port in @swimlane/docker-reference takes minutes on a
// reference with a character it does not allow (`servercore:"ltsc2019"`, read from a real Dockerfile).
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST_LABEL = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
const PORT = /^[0-9]+$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

/** A registry host as the grammar reads it: dot-separated labels (or an IPv6 address in brackets), an optional port. */
function isHost(text: string): boolean {
  const colon = text.lastIndexOf(':');
  const host = colon >= 0 && !text.endsWith(']') ? text.slice(0, colon) : text;
  if (colon >= 0 && !text.endsWith(']') && !PORT.test(text.slice(colon + 1))) return false;
  if (host.startsWith('[') && host.endsWith(']')) return /^\[[0-9a-fA-F:]+\]$/.test(host);
  return host.split('.').every((l) => HOST_LABEL.test(l));
}

/** Parse an image reference (`localhost:5000/a/b:1.2@sha256:…`, `node:16`), or null when it is not one. */
export function parseImageName(text: string): ImageName | null {
  if (text.length === 0 || text.length > MAX_LENGTH) return null;
  const at = text.indexOf('@');
  const digest = at >= 0 ? text.slice(at + 1) : null;
  if (digest !== null && !DIGEST.test(digest)) return null;
  let name = at >= 0 ? text.slice(0, at) : text;
  let tag: string | null = null;
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
    if (!TAG.test(tag)) return null;
  }
  const parts = name.split('/');
  let domain = HUB;
  // As Docker splits a familiar name: the first part is a registry when it has a `.` or a `:` or is `localhost`.
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) {
    domain = parts.shift()!;
    if (!isHost(domain)) return null;
    if (domain === 'index.docker.io') domain = HUB;
  }
  if (!parts.every((p) => COMPONENT.test(p))) return null;
  let repository = parts.join('/');
  if (domain === HUB && parts.length === 1) repository = `library/${repository}`;
  if (repository.length > 255) return null;
  const canonical = `${domain}/${repository}${tag !== null ? `:${tag}` : ''}`;
  const hubPrefix = domain === HUB ? (HUB_PREFIX.exec(text)?.[0] ?? '') : '';
  return { domain, repository, tag, digest, canonical, hubPrefix };
}

/**
 * A pattern in the full form references are matched in, read as Docker reads a reference: the part before the first
 * `/` is a registry when it has a `.` or a `:` or is `localhost`; otherwise Docker Hub is meant (`node:16*` →
 * `docker.io/library/node:16*`, `bitnami/*` → `docker.io/bitnami/*`).
 */
export function canonicalPattern(text: string): string {
  const slash = text.indexOf('/');
  const first = slash < 0 ? '' : text.slice(0, slash);
  let domain = HUB;
  let rest = text;
  if (slash >= 0 && (/[.:]/.test(first) || first === 'localhost')) {
    domain = first === 'index.docker.io' ? HUB : first;
    rest = text.slice(slash + 1);
  }
  if (domain === HUB && !rest.includes('/')) rest = `library/${rest}`;
  return `${domain}/${rest}`;
}
