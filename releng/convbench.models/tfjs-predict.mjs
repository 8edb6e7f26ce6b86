// Reference run of a TF.js layers model with @tensorflow/tfjs (pure JS CPU backend), for ConvBench's import
// parity test. Reads the model.json and its shards itself (tfjs needs tfjs-node for file:// URLs, which would
// fetch a native binary), feeds a raw little-endian float32 tensor and writes the output the same way.
//
// node tfjs-predict.mjs --model M/model.json --input in.f32 --shape 1,224,224,3 --output out.f32 [--logits]
//   --logits: the output layers' softmax is replaced by 'linear' (ConvBench's importer applies the same change)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

function option(name) {
  const i = process.argv.indexOf('--' + name);
  return i > 0 ? process.argv[i + 1] : undefined;
}
function required(name) {
  const v = option(name);
  if (v === undefined) { console.error('tfjs-predict: missing --' + name); process.exit(2); }
  return v;
}

const modelPath = required('model');
const shape = required('shape').split(',').map(Number);
const input = readFileSync(required('input'));
const output = required('output');

const file = JSON.parse(readFileSync(modelPath, 'utf8'));
const topology = file.modelTopology;
if (process.argv.includes('--logits')) {
  const model = topology.model_config ?? topology;
  const layers = Array.isArray(model.config) ? model.config : model.config.layers;
  const outputs = model.class_name === 'Sequential' ? [layers[layers.length - 1]]
    : model.config.output_layers.map(([name]) => layers.find((l) => (l.name ?? l.config.name) === name));
  for (const layer of outputs) {
    if (layer.class_name === 'Softmax') { layer.class_name = 'Activation'; layer.config.activation = 'linear'; }
    else if (layer.config.activation === 'softmax') layer.config.activation = 'linear';
  }
}
const weightSpecs = file.weightsManifest.flatMap((g) => g.weights);
const shards = file.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(join(dirname(modelPath), p))));
const weightData = new Uint8Array(Buffer.concat(shards)).buffer;

await tf.setBackend('cpu');
const started = Date.now();
const net = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: topology, weightSpecs, weightData }));
const loaded = Date.now();
const x = tf.tensor(new Float32Array(input.buffer, input.byteOffset, input.byteLength / 4), shape, 'float32');
const y = net.predict(x);
const values = y.dataSync();
writeFileSync(output, Buffer.from(values.buffer, values.byteOffset, values.byteLength));
console.log(JSON.stringify({ backend: tf.getBackend(), tfjs: tf.version.tfjs, outputShape: y.shape,
  loadMs: loaded - started, predictMs: Date.now() - loaded }));
