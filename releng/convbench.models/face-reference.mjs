// Reference run of @vladmandic/face-api (its own JavaScript, with @tensorflow/tfjs on the pure-JS CPU backend; no
// tfjs-node native binary) for ConvBench's face parity test.
//
// node face-reference.mjs --job job.json --output result.json
//   job.json: { "inputSize": 416, "scoreThreshold": 0.5,
//               "images": [{ "name": "...", "width": W, "height": H, "rgb": "file of W*H*3 bytes, RGB interleaved" }],
//               "chips":  [{ "name": "...", "width": 150, "height": 150, "rgb": "..." }] }
// Images go through detectAllFaces(TinyFaceDetector).withFaceLandmarks().withFaceDescriptors(): boxes, 68 landmarks,
// face-api's aligned box and its descriptor; chips (faces aligned by ConvBench) through computeFaceDescriptor.
// The decoded pixels come from ConvBench, so both sides see the same values whatever the JPEG decoder.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
// the node-wasm build loads @tensorflow/tfjs (not tfjs-node); the CPU backend is chosen below
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
const tf = faceapi.tf;

function option(name) {
  const i = process.argv.indexOf('--' + name);
  if (i < 0 || i + 1 >= process.argv.length) { console.error('face-reference: missing --' + name); process.exit(2); }
  return process.argv[i + 1];
}

const here = dirname(fileURLToPath(import.meta.url));
const modelDir = join(here, 'node_modules', '@vladmandic', 'face-api', 'model');

function load(net, name) {
  const manifest = JSON.parse(readFileSync(join(modelDir, name + '-weights_manifest.json'), 'utf8'));
  const specs = manifest.flatMap((g) => g.weights);
  const data = Buffer.concat(manifest.flatMap((g) => g.paths.map((p) => readFileSync(join(modelDir, p)))));
  net.loadFromWeightMap(tf.io.decodeWeights(new Uint8Array(data).buffer, specs));
}

function tensorOf(entry, base) {
  const bytes = readFileSync(resolve(base, entry.rgb));
  if (bytes.length !== entry.width * entry.height * 3) throw new Error(entry.rgb + ': expected ' + entry.width * entry.height * 3 + ' bytes');
  return tf.tensor3d(new Uint8Array(bytes), [entry.height, entry.width, 3], 'int32');
}

const round = (v) => Math.round(v * 1e6) / 1e6;
const boxOf = (b) => [b.x, b.y, b.width, b.height].map(round);

await tf.setBackend('cpu');
await tf.ready();
load(faceapi.nets.tinyFaceDetector, 'tiny_face_detector_model');
load(faceapi.nets.faceLandmark68Net, 'face_landmark_68_model');
load(faceapi.nets.faceRecognitionNet, 'face_recognition_model');

const jobFile = option('job');
const job = JSON.parse(readFileSync(jobFile, 'utf8'));
const base = dirname(resolve(jobFile));
const options = new faceapi.TinyFaceDetectorOptions({ inputSize: job.inputSize ?? 416, scoreThreshold: job.scoreThreshold ?? 0.5 });
const started = Date.now();
const images = [];
for (const entry of job.images ?? []) {
  const t = tensorOf(entry, base);
  const results = await faceapi.detectAllFaces(t, options).withFaceLandmarks().withFaceDescriptors();
  images.push({
    name: entry.name,
    faces: results.map((r) => ({
      box: boxOf(r.detection.box),
      score: round(r.detection.score),
      landmarks: r.landmarks.positions.flatMap((p) => [round(p.x), round(p.y)]),
      alignedBox: boxOf(r.alignedRect.box),
      descriptor: Array.from(r.descriptor),
    })),
  });
  t.dispose();
}
const chips = [];
for (const entry of job.chips ?? []) {
  const t = tensorOf(entry, base);
  chips.push({ name: entry.name, descriptor: Array.from(await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(t)) });
  t.dispose();
}
writeFileSync(option('output'), JSON.stringify({
  faceapi: faceapi.version, tfjs: tf.version_core, backend: tf.getBackend(), ms: Date.now() - started, images, chips,
}));
console.log(JSON.stringify({ faceapi: faceapi.version, tfjs: tf.version_core, backend: tf.getBackend(), ms: Date.now() - started }));
