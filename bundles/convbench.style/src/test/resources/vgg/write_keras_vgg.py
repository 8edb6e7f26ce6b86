#!/usr/bin/env python3
"""Writes a Keras 2 .h5 file of VGG16 or VGG19 without the classifier (the layout of Keras'
vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5: same layer names, kernel sizes, widths, pooling), with random
He-normal weights from a fixed seed, and numpy's own forward pass of a small input to the first blocks, so that a
test can check DL4J's import of the file (kernel layout, padding, pooling) against it.

Real ImageNet VGG weights come from Keras' download site, which this build cannot reach; the topology and the file
layout are the real ones. Needs h5py and numpy (Debian python3-h5py).

usage: write_keras_vgg.py vgg16|vgg19 OUT.h5 OUT_DIR_FOR_REFERENCE
  writes OUT.h5, and in OUT_DIR: input.npy [1,H,W,3] and <layer>.npy [1,h,w,c] for block1_conv1, block1_pool,
  block2_conv1 (NHWC, float32)
"""
import json, os, sys
import h5py
import numpy as np

BLOCKS = {"vgg16": [(64, 2), (128, 2), (256, 3), (512, 3), (512, 3)],
          "vgg19": [(64, 2), (128, 2), (256, 4), (512, 4), (512, 4)]}
REFERENCE_LAYERS = ["block1_conv1", "block1_pool", "block2_conv1"]

# what Keras writes into every Conv2D config (DL4J's import requires the initializer fields)
KERAS_DEFAULTS = {"kernel_initializer": {"class_name": "VarianceScaling", "config": {"scale": 2.0, "mode": "fan_in",
                  "distribution": "normal", "seed": None}}, "bias_initializer": {"class_name": "Zeros", "config": {}},
                  "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
                  "kernel_constraint": None, "bias_constraint": None}


def topology(arch):
    layers = [{"name": "input_1", "class_name": "InputLayer", "inbound_nodes": [],
               "config": {"batch_input_shape": [None, 224, 224, 3], "dtype": "float32", "sparse": False,
                          "name": "input_1"}}]
    weights, prev, c_in = [], "input_1", 3
    for b, (width, convs) in enumerate(BLOCKS[arch], start=1):
        for i in range(1, convs + 1):
            name = "block%d_conv%d" % (b, i)
            layers.append({"name": name, "class_name": "Conv2D", "inbound_nodes": [[[prev, 0, 0, {}]]],
                           "config": {"name": name, "trainable": True, "dtype": "float32", "filters": width,
                                      "kernel_size": [3, 3], "strides": [1, 1], "padding": "same",
                                      "data_format": "channels_last", "dilation_rate": [1, 1], "activation": "relu",
                                      "use_bias": True, **KERAS_DEFAULTS}})
            weights.append((name, (3, 3, c_in, width)))
            prev, c_in = name, width
        name = "block%d_pool" % b
        layers.append({"name": name, "class_name": "MaxPooling2D", "inbound_nodes": [[[prev, 0, 0, {}]]],
                       "config": {"name": name, "trainable": True, "dtype": "float32", "pool_size": [2, 2],
                                  "padding": "valid", "strides": [2, 2], "data_format": "channels_last"}})
        prev = name
    model = {"class_name": "Model", "config": {"name": arch, "layers": layers, "input_layers": [["input_1", 0, 0]],
                                               "output_layers": [[prev, 0, 0]]}}
    return model, weights


def conv_relu(x, kernel, bias):  # x [h,w,c_in], kernel [3,3,c_in,c_out], 'same' zero padding
    h, w, _ = x.shape
    p = np.pad(x, ((1, 1), (1, 1), (0, 0)))
    y = sum(np.einsum("hwc,cd->hwd", p[dy:dy + h, dx:dx + w], kernel[dy, dx]) for dy in range(3) for dx in range(3))
    return np.maximum(y + bias, 0)


def max_pool(x):
    h, w, c = x.shape
    return x[:h // 2 * 2, :w // 2 * 2].reshape(h // 2, 2, w // 2, 2, c).max(axis=(1, 3))


def main(arch, out_h5, ref_dir):
    model, shapes = topology(arch)
    rng = np.random.default_rng(20261129)
    params = {}
    for name, (kh, kw, c_in, c_out) in shapes:
        std = np.sqrt(2.0 / (kh * kw * c_in))
        params[name] = (rng.normal(0, std, (kh, kw, c_in, c_out)).astype("<f4"),
                        rng.normal(0, 0.05, c_out).astype("<f4"))
    tmp = out_h5 + ".tmp"
    with h5py.File(tmp, "w") as f:
        # the attributes and groups Keras 2.2 writes; strings as fixed-length bytes, as Keras does
        f.attrs["keras_version"] = b"2.2.4"
        f.attrs["backend"] = b"tensorflow"
        f.attrs["model_config"] = json.dumps(model).encode("utf8")
        g = f.create_group("model_weights")
        names = [l["name"] for l in model["config"]["layers"]]
        g.attrs["layer_names"] = np.array([n.encode("utf8") for n in names])
        g.attrs["backend"] = b"tensorflow"
        g.attrs["keras_version"] = b"2.2.4"
        for n in names:
            lg = g.create_group(n)
            if n in params:
                lg.attrs["weight_names"] = np.array([(n + "/kernel:0").encode(), (n + "/bias:0").encode()], dtype="S")
                lg.create_dataset(n + "/kernel:0", data=params[n][0])
                lg.create_dataset(n + "/bias:0", data=params[n][1])
            else:
                lg.attrs["weight_names"] = np.array([], dtype="S")
    os.replace(tmp, out_h5)

    os.makedirs(ref_dir, exist_ok=True)
    x = rng.uniform(-100, 100, (10, 12, 3)).astype("<f4")  # caffe-preprocessed pixel range, odd-free sizes
    acts = {"block1_conv1": conv_relu(x, *params["block1_conv1"])}
    acts["block1_pool"] = max_pool(conv_relu(acts["block1_conv1"], *params["block1_conv2"]))
    acts["block2_conv1"] = conv_relu(acts["block1_pool"], *params["block2_conv1"])
    np.save(os.path.join(ref_dir, "input.npy"), x[None].astype("<f4"))
    for n in REFERENCE_LAYERS:
        np.save(os.path.join(ref_dir, n + ".npy"), acts[n][None].astype("<f4"))


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in BLOCKS:
        sys.exit(__doc__)
    main(*sys.argv[1:])
