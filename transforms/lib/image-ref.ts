import { createRequire } from 'node:module';

type DockerReference = typeof import('@swimlane/docker-reference');
let lib: DockerReference | undefined;
/** The registry's own reference grammar (distribution/reference), loaded when a migration runs. */
function reference(): DockerReference {
  return (lib ??= createRequire(import.meta.url)('@swimlane/docker-reference') as DockerReference);
}

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

/** Parse an image reference (`localhost:5000/a/b:1.2@sha256:…`, `node:16`), or null when it is not one. */
export function parseImageName(text: string): ImageName | null {
  let r;
  try {
    r = reference().parseFamiliarName(text);
  } catch {
    return null;
  }
  if (!r.repository) return null;
  const domain = r.domain ?? HUB;
  const repository = r.repository;
  const tag = r.tag ?? null;
  const canonical = `${domain}/${repository}${tag !== null ? `:${tag}` : ''}`;
  const hubPrefix = domain === HUB ? (HUB_PREFIX.exec(text)?.[0] ?? '') : '';
  return { domain, repository, tag, digest: r.digest ?? null, canonical, hubPrefix };
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
