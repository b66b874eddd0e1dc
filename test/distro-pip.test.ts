import { beforeAll, describe, expect, it } from 'vitest';
import { transformText } from '../src/engine.js';
import { parseDockerfile } from '../src/model/parse.js';
import { initShell } from '../src/model/shell.js';
import { oldDistroPipImage } from '../transforms/pip-no-cache-dir/distro-pip.js';
import { pipNoCacheDir } from '../transforms/pip-no-cache-dir/index.js';

beforeAll(initShell);

const oldPip = (from: string) => oldDistroPipImage(parseDockerfile(`FROM ${from}\nRUN pip install x\n`).stages[0]);

describe('oldDistroPipImage', () => {
  it('names bases whose distro pip predates 6.0', () => {
    for (const image of ['ubuntu:14.04', 'ubuntu:14.04.3', 'ubuntu:12.04', 'ubuntu:15.10', 'ubuntu:trusty', 'ubuntu:trusty-20191217',
      'ubuntu:precise', 'debian:8', 'debian:8.11-slim', 'debian:7', 'debian:jessie', 'debian:wheezy-backports',
      'buildpack-deps:jessie-scm', 'library/ubuntu:14.04', "'ubuntu:trusty'"]) {
      expect(oldPip(image), image).not.toBeNull();
    }
  });
  it('leaves newer releases, images with their own pip and unknown images alone', () => {
    for (const image of ['ubuntu:16.04', 'ubuntu:xenial', 'ubuntu:22.04', 'ubuntu', 'debian:9', 'debian:stretch', 'debian:12',
      'debian:bookworm', 'debian:10', 'python:2.7-jessie', 'pypy:2-jessie', 'centos:7', 'centos:6', 'alpine:3.4',
      'example/trusty-app:1', 'ubuntu:18.04']) {
      expect(oldPip(image), image).toBeNull();
    }
  });
});

describe('pip-no-cache-dir on an old distro pip', () => {
  it('skips with a reason naming the base image and the way out', () => {
    const r = transformText('FROM ubuntu:14.04\nRUN pip install awscli\n', { transforms: [pipNoCacheDir] });
    expect(r.changed).toBe(false);
    expect(r.skipped).toEqual([{
      transform: 'pip-no-cache-dir',
      reason: 'the pip install on line 2 may run the distro pip of ubuntu:14.04, older than 6.0, which has no --no-cache-dir; upgrade pip first (pip install -U pip)',
      line: 2,
    }]);
  });
});

describe('pip-no-cache-dir on a command that installs pip itself', () => {
  it('skips it with a reason on any base, and changes the installs after it', () => {
    const r = transformText('FROM python:3.12\nRUN pip install -U pip setuptools && pip install flask\n', { transforms: [pipNoCacheDir] });
    expect(r.output).toBe('FROM python:3.12\nRUN pip install -U pip setuptools && pip install --no-cache-dir flask\n');
    expect(r.skipped).toEqual([{
      transform: 'pip-no-cache-dir',
      reason: 'the pip install on line 2 installs pip itself, with the pip installed before it, which may be older than 6.0 and not know --no-cache-dir',
      line: 2,
    }]);
  });
  it('tells pip requirements from packages whose names start with pip', () => {
    for (const req of ['pip', 'pip==20.3.4', '"pip<21"', "'pip>=9,<22'", 'pip~=20.0', 'PIP']) {
      const r = transformText(`FROM python:3.12\nRUN pip install ${req}\n`, { transforms: [pipNoCacheDir] });
      expect(r.changed, req).toBe(false);
    }
    for (const req of ['pip-tools', 'pipenv', 'pip_search', 'pipx', 'pip.x']) {
      const r = transformText(`FROM python:3.12\nRUN pip install -U ${req}\n`, { transforms: [pipNoCacheDir] });
      expect(r.changed, req).toBe(true);
    }
  });
});
