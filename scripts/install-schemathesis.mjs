#!/usr/bin/env node
// Installs schemathesis (the API fuzzer the adversarial suite runs against /v1/openapi.json) from PyPI
// into .tools/venv when it is missing. Only PyPI is contacted; the venv is git-ignored.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const SCHEMATHESIS_VERSION = '4.32.5';
export const venv = resolve('.tools/venv');
export const schemathesisBin = resolve(venv, 'bin/st');

function installed() {
  if (!existsSync(schemathesisBin)) return false;
  const r = spawnSync(schemathesisBin, ['--version'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes(SCHEMATHESIS_VERSION);
}

export function ensureSchemathesis() {
  if (installed()) return;
  const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
  if (!python) {
    console.error('Python 3 is needed for the API fuzzing tests (schemathesis): install python3 with its venv module, then run npm test again.');
    process.exit(1);
  }
  console.log(`Installing schemathesis ${SCHEMATHESIS_VERSION} into .tools/venv (PyPI; about a minute the first time) ...`);
  const mk = spawnSync(python, ['-m', 'venv', venv], { stdio: 'inherit' });
  if (mk.status !== 0) {
    console.error(`"${python} -m venv ${venv}" failed: install Python's venv module (Debian: apt-get install -y python3-venv), then run npm test again.`);
    process.exit(1);
  }
  const pip = spawnSync(resolve(venv, 'bin/pip'), ['install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`], { stdio: 'inherit' });
  if (pip.status !== 0 || !installed()) {
    console.error(`pip could not install schemathesis ${SCHEMATHESIS_VERSION}: check that PyPI is reachable (PIP_INDEX_URL), then run npm test again.`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureSchemathesis();
