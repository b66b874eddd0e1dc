/**
 * What the non-root-user transform knows about base images: which family of user tools an image has, which
 * images ship a non-root user (and whether they already run as it), and which must keep running as root.
 * Only images whose layout is well known are listed; anything else is `unknown`.
 */

/** Families of user-creation tools. */
export type Family = 'debian' | 'alpine' | 'redhat';

export type BaseImage =
  /** A user can be created with the family's tools (`useradd` or BusyBox `adduser`). */
  | { kind: 'create'; family: Family; label: string }
  /** The image ships a non-root user; `defaultNonRoot` when it already runs as that user without a USER line. */
  | { kind: 'shipped'; user: string; defaultNonRoot: boolean; label: string }
  /** Images that run as a non-root user by default, with no user name the transform can rely on. */
  | { kind: 'nonroot-default'; label: string }
  /** No /etc/passwd and no shell: only a numeric USER works. */
  | { kind: 'scratch'; label: string }
  /** The image must keep running as root (or manages its own user): a USER line would break it. */
  | { kind: 'root'; reason: string }
  /** Not known well enough to add a user safely. */
  | { kind: 'unknown'; reason: string };

export interface ImageRef {
  /** Registry host, or null for Docker Hub. */
  registry: string | null;
  /** Repository path without the registry (`library/` and arch prefixes removed for official images). */
  path: string;
  /** Tag (`latest` when none and no digest), lower-cased. */
  tag: string;
  /** Name of a Docker official image (`python`, `node`, …), or null. */
  official: string | null;
}

const HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);
/** Per-architecture namespaces that hold copies of the official images. */
const ARCH_NAMESPACES = new Set([
  'amd64', 'arm32v5', 'arm32v6', 'arm32v7', 'arm64v8', 'i386', 'ppc64le', 's390x', 'mips64le', 'riscv64',
]);

/** Split an image reference (`registry/path:tag@digest`). */
export function parseImageRef(image: string): ImageRef {
  let ref = image.trim().toLowerCase();
  const at = ref.indexOf('@');
  const digest = at >= 0;
  if (at >= 0) ref = ref.slice(0, at);
  const parts = ref.split('/');
  let registry: string | null = null;
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) registry = parts.shift()!;
  let last = parts[parts.length - 1] ?? '';
  let tag = digest ? '' : 'latest';
  const colon = last.indexOf(':');
  if (colon >= 0) {
    tag = last.slice(colon + 1);
    last = last.slice(0, colon);
    parts[parts.length - 1] = last;
  }
  if (registry && HUB_HOSTS.has(registry)) registry = null;
  let path = parts.join('/');
  // Mirrors of the official images keep their `library/` path.
  if (registry === 'public.ecr.aws' && path.startsWith('docker/library/')) {
    registry = null;
    path = path.slice('docker/'.length);
  }
  if (registry === 'mirror.gcr.io' && path.startsWith('library/')) registry = null;
  let official: string | null = null;
  if (registry === null) {
    const p = path.split('/');
    if (p.length === 1) official = p[0];
    else if (p.length === 2 && (p[0] === 'library' || ARCH_NAMESPACES.has(p[0]))) official = p[1];
  }
  if (official) path = official;
  return { registry, path, tag, official };
}

/** Official images whose entrypoint starts as root and switches to a service user itself, or that run as one. */
const MANAGES_OWN_USER = new Set([
  'postgres', 'mysql', 'mariadb', 'percona', 'mongo', 'redis', 'rabbitmq', 'cassandra', 'couchdb', 'neo4j',
  'zookeeper', 'influxdb', 'telegraf', 'elasticsearch', 'ghost', 'redmine', 'eclipse-mosquitto', 'memcached',
  'solr', 'sonarqube', 'odoo',
]);

/** Official images whose main process needs root (port 80/443, privileged daemons). */
const ROOT_DAEMON_IMAGES: Record<string, string> = {
  nginx: 'the nginx image starts its master process as root (it binds port 80 and switches workers to user nginx)',
  httpd: 'the httpd image starts Apache as root (it binds port 80 and switches workers to www-data)',
  traefik: 'the traefik image binds ports 80 and 443 as root',
  caddy: 'the caddy image binds ports 80 and 443 as root',
  docker: 'the docker image runs the Docker daemon (dind) or talks to its socket, both of which need root',
  wordpress: 'the wordpress image runs Apache or php-fpm, which start as root and switch workers to www-data',
  drupal: 'the drupal image runs Apache or php-fpm, which start as root and switch workers to www-data',
  joomla: 'the joomla image runs Apache or php-fpm, which start as root and switch workers to www-data',
  nextcloud: 'the nextcloud image runs Apache or php-fpm, which start as root and switch workers to www-data',
  mediawiki: 'the mediawiki image runs Apache or php-fpm, which start as root and switch workers to www-data',
  matomo: 'the matomo image runs Apache or php-fpm, which start as root and switch workers to www-data',
  tomcat: 'the tomcat image writes logs/, temp/ and work/ under /usr/local/tomcat, which are owned by root',
};

/** Official images built on Debian or Ubuntu (their non-Alpine, non-Windows tags). */
const DEBIAN_OFFICIAL = new Set([
  'debian', 'ubuntu', 'buildpack-deps', 'python', 'pypy', 'ruby', 'golang', 'php', 'openjdk', 'java',
  'eclipse-temurin', 'rust', 'perl', 'gcc',
]);
const ALPINE_OFFICIAL = new Set(['alpine', 'busybox', 'bash']);
const REDHAT_OFFICIAL = new Set(['centos', 'fedora', 'rockylinux', 'almalinux']);

const DEBIAN_CODENAMES = /(^|-)(slim|jessie|stretch|buster|bullseye|bookworm|trixie|sid|bionic|focal|jammy|noble)(-|$)/;

const create = (family: Family, label: string): BaseImage => ({ kind: 'create', family, label });

function officialImage(name: string, tag: string, image: string): BaseImage {
  if (name === 'scratch') return { kind: 'scratch', label: 'scratch' };
  if (/windowsservercore|nanoserver/.test(tag)) return { kind: 'unknown', reason: `${image} is a Windows image` };
  if (MANAGES_OWN_USER.has(name)) {
    return {
      kind: 'root',
      reason: `the official ${name} image manages its own service user (its entrypoint starts as root and drops privileges, or it already runs as that user); a USER line would break it`,
    };
  }
  if (name in ROOT_DAEMON_IMAGES) return { kind: 'root', reason: ROOT_DAEMON_IMAGES[name] };
  if (name === 'node') return { kind: 'shipped', user: 'node', defaultNonRoot: false, label: 'ships user node' };
  if (name === 'php' && /(^|-)apache(-|$)/.test(tag)) {
    return { kind: 'root', reason: `${image} runs Apache as root (it binds port 80 and switches workers to www-data)` };
  }
  if (name === 'php' && /(^|-)fpm(-|$)/.test(tag)) {
    return { kind: 'root', reason: `${image} runs php-fpm, whose master process starts as root to switch its pool workers to www-data` };
  }
  if (ALPINE_OFFICIAL.has(name)) return create('alpine', 'Alpine/BusyBox');
  if (REDHAT_OFFICIAL.has(name)) {
    if (/(^|-)(minimal|micro)(-|$)/.test(tag)) {
      return { kind: 'unknown', reason: `${image} is a minimal image without useradd/groupadd` };
    }
    return create('redhat', 'Red Hat family');
  }
  if (DEBIAN_OFFICIAL.has(name)) {
    if (/(^|-)alpine/.test(tag)) return create('alpine', 'Alpine');
    if (name === 'eclipse-temurin' && /(^|-)ubi/.test(tag)) {
      return { kind: 'unknown', reason: `${image} is based on UBI minimal, which has no useradd/groupadd` };
    }
    if (name === 'openjdk') {
      // openjdk's default tags moved from Debian to Oracle Linux (slim, without useradd) with JDK 12.
      const major = Number.parseInt(tag, 10);
      const debian = !/oracle/.test(tag) && (DEBIAN_CODENAMES.test(tag) || (Number.isFinite(major) && major <= 11));
      if (!debian) return { kind: 'unknown', reason: `${image} is based on Oracle Linux slim, which has no useradd/groupadd` };
    }
    return create('debian', 'Debian/Ubuntu family');
  }
  return { kind: 'unknown', reason: `unknown base image ${image}: cannot tell how to create a user or whether its entrypoint needs root` };
}

/** .NET images from 8.0 on ship user `app` (uid in $APP_UID); earlier ones listen on port 80. */
function dotnetImage(path: string, tag: string, image: string): BaseImage {
  const m = /^dotnet\/(aspnet|runtime|runtime-deps|sdk)$/.exec(path);
  if (!m) return { kind: 'unknown', reason: `unknown base image ${image}: cannot tell how to create a user or whether its entrypoint needs root` };
  const major = Number.parseInt(tag, 10);
  if (tag === 'latest' || (Number.isFinite(major) && major >= 8)) {
    return { kind: 'shipped', user: '$APP_UID', defaultNonRoot: false, label: '.NET 8+ images ship user app, uid in $APP_UID' };
  }
  return {
    kind: 'root',
    reason: `${image}: .NET images before 8.0 have no non-root user and listen on port 80 (ASPNETCORE_URLS=http://+:80)`,
  };
}

/** What is known about a (resolved) base image reference. */
export function classifyImage(image: string): BaseImage {
  const ref = parseImageRef(image);
  const { registry, path, tag } = ref;
  if (ref.official) return officialImage(ref.official, tag, image);

  if (registry === 'gcr.io' && path.startsWith('distroless/')) {
    const nonroot = /(^|-)nonroot(-|$)/.test(tag);
    return { kind: 'shipped', user: 'nonroot', defaultNonRoot: nonroot, label: 'distroless images ship user nonroot (65532)' };
  }
  if (registry === 'cgr.dev' && path.startsWith('chainguard/')) {
    const name = path.slice('chainguard/'.length);
    if (name === 'wolfi-base' || name === 'chainguard-base') return create('alpine', 'Wolfi, BusyBox adduser');
    if (['static', 'glibc-dynamic', 'python'].includes(name)) {
      return { kind: 'shipped', user: 'nonroot', defaultNonRoot: true, label: 'runs as user nonroot' };
    }
    return { kind: 'nonroot-default', label: 'Chainguard images run as a non-root user by default' };
  }
  if (registry === 'mcr.microsoft.com' && /^(vscode\/)?devcontainers\//.test(path)) {
    return { kind: 'unknown', reason: `${image} is a dev container image: its user is chosen in devcontainer.json (remoteUser), not with USER` };
  }
  if (registry === 'mcr.microsoft.com') return dotnetImage(path, tag, image);
  if ((registry === 'registry.access.redhat.com' || registry === 'registry.redhat.io' || (registry === null && path.startsWith('redhat/')))) {
    const m = /^(?:redhat\/)?(ubi\d+)(?:\/(ubi[a-z-]*))?$/.exec(path);
    if (m) {
      const variant = m[2] ?? 'ubi';
      if (variant === 'ubi') return create('redhat', 'Red Hat UBI');
      if (variant === 'ubi-init') return { kind: 'root', reason: `${image} runs systemd as init, which needs root` };
      return { kind: 'unknown', reason: `${image} is a minimal UBI image without useradd/groupadd` };
    }
  }
  if (registry === 'quay.io' && path === 'centos/centos') return create('redhat', 'Red Hat family');
  if (registry === null && path === 'rockylinux/rockylinux') {
    if (/(^|-)(minimal|micro)(-|$)/.test(tag)) return { kind: 'unknown', reason: `${image} is a minimal image without useradd/groupadd` };
    return create('redhat', 'Red Hat family');
  }
  if (registry === null && path === 'jenkins/jenkins') {
    return { kind: 'shipped', user: 'jenkins', defaultNonRoot: true, label: 'runs as user jenkins' };
  }
  if ((registry === null || registry === 'quay.io') && /^jupyter\/[a-z-]+-notebook$/.test(path)) {
    return { kind: 'shipped', user: 'jovyan', defaultNonRoot: true, label: 'runs as user jovyan' };
  }
  if (registry === null && (path.startsWith('cimg/') || path.startsWith('circleci/'))) {
    return { kind: 'shipped', user: 'circleci', defaultNonRoot: true, label: 'runs as user circleci' };
  }
  if (registry === null && path === 'nginxinc/nginx-unprivileged') {
    return { kind: 'nonroot-default', label: 'runs as user nginx' };
  }
  if (path.startsWith('bitnami/')) {
    return { kind: 'root', reason: `${image}: Bitnami images manage their own non-root user (1001) and volume permissions` };
  }
  if ((registry === null || registry === 'lscr.io' || registry === 'ghcr.io') && path.startsWith('linuxserver/')) {
    return { kind: 'root', reason: `${image}: LinuxServer images start s6-overlay as root and drop to PUID/PGID themselves` };
  }
  if (registry === null && path.startsWith('phusion/')) {
    return { kind: 'root', reason: `${image}: phusion images start /sbin/my_init (runit) as root` };
  }
  return { kind: 'unknown', reason: `unknown base image ${image}: cannot tell how to create a user or whether its entrypoint needs root` };
}

/** The shell command that creates a system group and user `name` (with `uid` as uid and gid when given). */
export function createUserCommands(family: Family, name: string, uid: number | undefined): [string, string] {
  const id = uid === undefined ? '' : ` ${uid}`;
  if (family === 'alpine') {
    return [
      `addgroup -S${id ? ` -g${id}` : ''} ${name}`,
      `adduser -S -G ${name}${id ? ` -u${id}` : ''} ${name}`,
    ];
  }
  // Debian, Ubuntu and the Red Hat family all ship shadow-utils' groupadd/useradd with the same options.
  return [
    `groupadd --system${id ? ` --gid${id}` : ''} ${name}`,
    `useradd --system --no-log-init${id ? ` --uid${id}` : ''} --gid ${name} --create-home ${name}`,
  ];
}

/**
 * Accounts (users and groups) every image of a family already has: `groupadd`/`useradd`/`addgroup` of one of
 * these names fails the build. From the base passwd/group files of Debian 12 and Ubuntu (base-passwd),
 * Alpine's alpine-baselayout and the Red Hat family's setup package.
 */
const FAMILY_ACCOUNTS: Record<Family, string[]> = {
  debian: [
    'root', 'daemon', 'bin', 'sys', 'sync', 'games', 'man', 'lp', 'mail', 'news', 'uucp', 'proxy', 'www-data',
    'backup', 'list', 'irc', 'gnats', 'nobody', 'nogroup', '_apt', 'adm', 'tty', 'disk', 'kmem', 'dialout', 'fax',
    'voice', 'cdrom', 'floppy', 'tape', 'sudo', 'audio', 'dip', 'operator', 'src', 'shadow', 'utmp', 'video', 'sasl',
    'plugdev', 'staff', 'users',
  ],
  alpine: [
    'root', 'bin', 'daemon', 'adm', 'lp', 'sync', 'shutdown', 'halt', 'mail', 'news', 'uucp', 'operator', 'man',
    'postmaster', 'cron', 'ftp', 'sshd', 'at', 'squid', 'xfs', 'games', 'cyrus', 'vpopmail', 'ntp', 'smmsp', 'guest',
    'nobody', 'nogroup', 'sys', 'tty', 'disk', 'floppy', 'audio', 'cdrom', 'dialout', 'tape', 'video', 'netdev',
    'kmem', 'wheel', 'utmp', 'ping', 'abuild', 'users', 'www-data', 'kvm', 'input',
  ],
  redhat: [
    'root', 'bin', 'daemon', 'sys', 'adm', 'tty', 'disk', 'lp', 'mem', 'kmem', 'wheel', 'cdrom', 'sync', 'shutdown',
    'halt', 'mail', 'uucp', 'man', 'games', 'gopher', 'video', 'dip', 'ftp', 'lock', 'audio', 'users', 'nobody',
    'operator', 'utmp', 'utempter', 'input', 'kvm', 'render', 'tape', 'dialout', 'floppy', 'systemd-journal',
  ],
};

/** Ubuntu 23.04 and later ship user and group `ubuntu` with uid and gid 1000. */
function hasUbuntuUser(image: string): boolean {
  const ref = parseImageRef(image);
  if (ref.official === 'ubuntu') {
    if (/^(1[0-9]|2[0-2])\.|^(trusty|xenial|bionic|focal|jammy)/.test(ref.tag)) return false;
    return true;
  }
  // Official images built on Ubuntu: their default tags follow the newest LTS.
  if (ref.official === 'eclipse-temurin' || ref.official === 'buildpack-deps') {
    return !/(^|-)(focal|jammy|bionic)(-|$)|(^|-)(bookworm|bullseye|buster|trixie|sid|stretch)(-|$)|alpine|ubi/.test(ref.tag)
      && (ref.official === 'eclipse-temurin' || /(^|-)(noble|oracular|plucky|questing)(-|$)/.test(ref.tag));
  }
  return false;
}

/** Why creating user `name` (with `uid`) would fail on this base image, or null when nothing is known to clash. */
export function accountConflict(image: string, family: Family, name: string, uid: number | undefined): string | null {
  if (FAMILY_ACCOUNTS[family].includes(name)) {
    return `${image} already has an account or group named ${name}: creating it would fail the build; choose another name with --user`;
  }
  if (hasUbuntuUser(image)) {
    if (name === 'ubuntu') return `${image} already has user ubuntu: creating it would fail the build; choose another name with --user`;
    if (uid === 1000) {
      return `${image} already has user and group ubuntu with id 1000: creating another with that id would fail the build; choose another --uid`;
    }
  }
  return null;
}
