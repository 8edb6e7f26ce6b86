#!/usr/bin/env python3
"""Writes the tiny TF.js layers models of ImporterLayoutTest (hand-made weights, no training):

  tiny/model.json            functional: input [3,3,2] -> Conv2D 2x2x2->2 (valid) -> Flatten -> Dense 8->3 softmax,
                             float32 shard
  tiny-uint8/model.json      the same layers as a Sequential model, weights uint8-quantised (q * 0.5 - 4 is exact)
  tiny.h5                    the functional model as Keras 2 model.save() lays out an .h5 file (needs h5py:
                             Debian python3-h5py, e.g. /usr/bin/python3 make_tiny_models.py)

The weights are small integers so that the expected outputs can be worked out by hand (the test states them).
Run from this folder: python3 make_tiny_models.py
"""
import json, os, struct

conv_kernel = [  # Keras layout [kh][kw][c_in][c_out]
    [[[1, 0], [0, 1]], [[-1, 2], [0, 0]]],
    [[[0, -1], [1, 0]], [[2, 0], [0, -2]]],
]
conv_bias = [0.5, -1]
dense_kernel = [  # [8 inputs][3 units]; Keras flattens [h][w][c]
    [0.5, 0, 0], [0, 0.5, 0], [0, 0, 0.5], [0.5, 0.5, 0], [0, 0.5, 0.5], [-0.5, 0, 0.5], [0, -0.5, 0], [0.5, 0, -0.5],
]
dense_bias = [1, 0, -1]

def flat(x):
    return [v for row in x for v in flat(row)] if isinstance(x, list) else [x]

weights = [("conv/kernel", [2, 2, 2, 2], flat(conv_kernel)), ("conv/bias", [2], conv_bias),
           ("dense/kernel", [8, 3], flat(dense_kernel)), ("dense/bias", [3], dense_bias)]

# what Keras writes into every Conv2D/Dense config (DL4J's import requires the initializer fields)
keras_defaults = {"kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
                  "bias_initializer": {"class_name": "Zeros", "config": {}}, "kernel_regularizer": None,
                  "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None,
                  "bias_constraint": None}

layers = [
    {"class_name": "Conv2D", "config": {"name": "conv", "trainable": True, "dtype": "float32", "filters": 2,
        "kernel_size": [2, 2], "strides": [1, 1], "padding": "valid", "data_format": "channels_last",
        "dilation_rate": [1, 1], "activation": "linear", "use_bias": True, **keras_defaults}},
    {"class_name": "Flatten", "config": {"name": "flatten", "trainable": True, "dtype": "float32",
        "data_format": "channels_last"}},
    {"class_name": "Dense", "config": {"name": "dense", "trainable": True, "dtype": "float32", "units": 3,
        "activation": "softmax", "use_bias": True, **keras_defaults}},
]

def functional():
    inp = {"name": "input", "class_name": "InputLayer", "config": {"batch_input_shape": [None, 3, 3, 2],
           "dtype": "float32", "sparse": False, "name": "input"}, "inbound_nodes": []}
    out, prev = [inp], "input"
    for l in layers:
        l = json.loads(json.dumps(l))
        l["name"] = l["config"]["name"]
        l["inbound_nodes"] = [[[prev, 0, 0, {}]]]
        out.append(l)
        prev = l["name"]
    return {"class_name": "Model", "config": {"name": "tiny", "layers": out,
            "input_layers": [["input", 0, 0]], "output_layers": [["dense", 0, 0]]}}

def sequential():
    seq = json.loads(json.dumps(layers))
    seq[0]["config"]["batch_input_shape"] = [None, 3, 3, 2]
    return {"class_name": "Sequential", "config": {"name": "tiny_seq", "layers": seq}}

def write(folder, topology, quantise):
    os.makedirs(folder, exist_ok=True)
    blob, specs = b"", []
    for name, shape, values in weights:
        spec = {"name": name, "shape": shape, "dtype": "float32"}
        if quantise:
            scale, lo = 0.5, -4.0
            spec["quantization"] = {"dtype": "uint8", "scale": scale, "min": lo, "original_dtype": "float32"}
            blob += bytes(int(round((v - lo) / scale)) for v in values)
        else:
            blob += struct.pack("<%df" % len(values), *values)
        specs.append(spec)
    with open(os.path.join(folder, "group1-shard1of1.bin"), "wb") as f:
        f.write(blob)
    model = {"format": "layers-model", "generatedBy": "keras v2.2.4-tf", "convertedBy": "make_tiny_models.py",
             "modelTopology": {"keras_version": "2.2.4-tf", "backend": "tensorflow", "model_config": topology},
             "weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": specs}]}
    with open(os.path.join(folder, "model.json"), "w") as f:
        json.dump(model, f, indent=1)

def write_h5(path, topology):
    import h5py, numpy as np
    with h5py.File(path, "w") as f:
        # the attributes and groups Keras 2.2 writes; strings as fixed-length bytes, as Keras does
        f.attrs["keras_version"] = b"2.2.4"
        f.attrs["backend"] = b"tensorflow"
        f.attrs["model_config"] = json.dumps(topology).encode("utf8")
        g = f.create_group("model_weights")
        names = [l["name"] for l in topology["config"]["layers"]]
        g.attrs["layer_names"] = np.array([n.encode("utf8") for n in names])
        g.attrs["backend"] = b"tensorflow"
        g.attrs["keras_version"] = b"2.2.4"
        for n in names:
            lg = g.create_group(n)
            mine = [(name, shape, values) for name, shape, values in weights if name.split("/")[0] == n]
            lg.attrs["weight_names"] = np.array([(name + ":0").encode("utf8") for name, _, _ in mine], dtype="S")
            for name, shape, values in mine:
                lg.create_dataset(name + ":0", data=np.array(values, dtype="<f4").reshape(shape))

write("tiny", functional(), False)
write("tiny-uint8", sequential(), True)
try:
    import h5py  # noqa: F401
    write_h5("tiny.h5", functional())
except ImportError:
    print("h5py is missing: tiny.h5 left as it is")
