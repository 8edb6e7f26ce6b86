// face-api's own speed for ConvBench's `face bench`: detect + landmarks + align + embed (detectAllFaces(TinyFaceDetector)
// .withFaceLandmarks().withFaceDescriptors()) on the images ConvBench decoded, one warm-up pass, then timed passes.
//
// node face-bench.mjs --job job.json --output result.json [--backend wasm|cpu] [--repeat 3]
//   job.json: { "inputSize": 416, "scoreThreshold": 0.5, "images": [{ "name", "width", "height", "rgb": "W*H*3 bytes" }] }
// The wasm backend is the fastest that installs here from npm alone (@tensorflow/tfjs-node needs a native
// libtensorflow download at install time).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
const tf = faceapi.tf;
const wasm = require('@tensorflow/tfjs-backend-wasm');

function option(name, fallback) {
  const i = process.argv.indexOf('--' + name);
  if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  if (fallback !== undefined) return fallback;
  console.error('face-bench: missing --' + name);
  process.exit(2);
}

const here = dirname(fileURLToPath(import.meta.url));
const modelDir = join(here, 'node_modules', '@vladmandic', 'face-api', 'model');
const backend = option('backend', 'wasm');
const repeat = Number(option('repeat', '3'));

if (backend === 'wasm') wasm.setWasmPaths(join(here, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist') + '/');
if (!(await tf.setBackend(backend))) { console.error('face-bench: backend ' + backend + ' did not start'); process.exit(3); }
await tf.ready();
for (const [net, name] of [[faceapi.nets.tinyFaceDetector, 'tiny_face_detector_model'],
  [faceapi.nets.faceLandmark68Net, 'face_landmark_68_model'], [faceapi.nets.faceRecognitionNet, 'face_recognition_model']]) {
  const manifest = JSON.parse(readFileSync(join(modelDir, name + '-weights_manifest.json'), 'utf8'));
  const data = Buffer.concat(manifest.flatMap((g) => g.paths.map((p) => readFileSync(join(modelDir, p)))));
  net.loadFromWeightMap(tf.io.decodeWeights(new Uint8Array(data).buffer, manifest.flatMap((g) => g.weights)));
}

const jobFile = option('job');
const job = JSON.parse(readFileSync(jobFile, 'utf8'));
const base = dirname(resolve(jobFile));
const options = new faceapi.TinyFaceDetectorOptions({ inputSize: job.inputSize ?? 416, scoreThreshold: job.scoreThreshold ?? 0.5 });
const images = job.images.map((e) => ({ name: e.name, pixels: new Uint8Array(readFileSync(resolve(base, e.rgb))), shape: [e.height, e.width, 3] }));

async function pass() {
  const faces = [];
  for (const img of images) {
    const t = tf.tensor3d(img.pixels, img.shape, 'int32');
    const r = await faceapi.detectAllFaces(t, options).withFaceLandmarks().withFaceDescriptors();
    faces.push(r.length);
    t.dispose();
  }
  return faces;
}

const warm0 = performance.now();
const perImage = await pass();
const warmupMs = performance.now() - warm0;
const passesMs = [];
for (let k = 0; k < repeat; k++) {
  const t0 = performance.now();
  await pass();
  passesMs.push(performance.now() - t0);
}
const faces = perImage.reduce((a, b) => a + b, 0);
const seconds = passesMs.reduce((a, b) => a + b, 0) / 1000;
const result = {
  faceapi: faceapi.version, tfjs: tf.version_core, backend: tf.getBackend(),
  simd: backend === 'wasm' ? await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') : null,
  threads: backend === 'wasm' ? await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT') : null,
  facesPerImage: perImage, facesPerPass: faces, warmupMs, passesMs, facesPerSecond: (faces * repeat) / seconds,
};
writeFileSync(option('output'), JSON.stringify(result));
console.log(JSON.stringify(result));
