import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { memoryContext } from '../../src/runner/context.js';
import type { BuildContext } from '../../src/transform-types.js';

/** The shared corpus of real Dockerfiles, beside the repository. */
export const CORPUS_DIR = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');
export const corpusPresent = existsSync(join(CORPUS_DIR, 'files'));
export const CORPUS_ABSENT_MESSAGE = `corpus tests skipped: ${CORPUS_DIR}/files not found (the shared corpus sits beside the repository)`;

export interface CorpusFile {
  id: string;
  path: string;
  /** Manifest names CONTEXT.tsv lists beside the file. */
  manifests: string[];
}

export function corpusFiles(): CorpusFile[] {
  if (!corpusPresent) return [];
  const manifests = new Map<string, string[]>();
  const tsv = join(CORPUS_DIR, 'CONTEXT.tsv');
  if (existsSync(tsv)) {
    for (const line of readFileSync(tsv, 'utf8').split('\n').slice(1)) {
      const [id, list] = line.split('\t');
      if (id) manifests.set(id, (list ?? '').split(',').map((s) => s.trim()).filter(Boolean));
    }
  }
  return readdirSync(join(CORPUS_DIR, 'files'))
    .filter((f) => f.endsWith('.Dockerfile'))
    .sort()
    .map((f) => {
      const id = f.replace(/\.Dockerfile$/, '');
      return { id, path: join(CORPUS_DIR, 'files', f), manifests: manifests.get(id) ?? [] };
    });
}

/** Plausible contents for a manifest a corpus file's context holds (the corpus lists names, not contents). */
const SAMPLE: Record<string, string> = {
  'package.json': '{\n  "name": "app",\n  "version": "1.0.0",\n  "dependencies": {\n    "express": "^4.19.2"\n  }\n}\n',
  'package-lock.json': '{\n  "name": "app",\n  "lockfileVersion": 3,\n  "packages": {}\n}\n',
  'requirements.txt': 'flask==3.0.3\n',
  'go.mod': 'module example.com/app\n\ngo 1.22\n',
  'go.sum': '',
  'Pipfile': '[packages]\nflask = "*"\n',
  'Pipfile.lock': '{}\n',
  'pyproject.toml': '[tool.poetry]\nname = "app"\nversion = "0.1.0"\n',
  'poetry.lock': '',
  'Gemfile': "source 'https://rubygems.org'\ngem 'rack'\n",
  'Gemfile.lock': '',
  'composer.json': '{\n  "require": {}\n}\n',
  'composer.lock': '{}\n',
  'pom.xml': '<project></project>\n',
  'yarn.lock': '',
  'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
};

export function corpusContext(file: CorpusFile): BuildContext {
  const files: Record<string, string> = {};
  for (const m of file.manifests) files[m] = SAMPLE[m] ?? '';
  return memoryContext(files);
}
