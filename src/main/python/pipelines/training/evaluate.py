"""Evaluate step of a model's training pipeline: score the trained model on the test split.

Runs in SageMaker's XGBoost container. Reads the training job's model.tar.gz (--model-dir), the test split
written by preprocess.py (--test-dir: target first, no header) and its features.json (--features), predicts
every test row and writes, under --output-dir:

  evaluation.json  the metrics in the layout of SageMaker's model quality reports, which the pipeline reads
                   as the EvaluationReport property file and attaches to the model package:
                   {"regression_metrics": {"mse": {"value", "standard_deviation"}, "rmse": ..., "mae": ..., "r2": ...}}
                   The standard deviation is computed as model monitor does, only with at least 200 rows:
                   the metric on five random 80% samples; with fewer rows it is "NaN".
  features.json    a copy of the feature list, so the report's location also says what the model expects.

The model is the built-in algorithm's "xgboost-model" file, loaded the way the XGBoost container loads it
(XGBoost's own format, falling back to a pickle written by older versions). The metric arithmetic is the pure
function regression_metrics(); xgboost is imported only to predict.
"""
import argparse
import csv
import json
import math
import os
import random
import shutil
import statistics
import sys
import tarfile
import tempfile

SAMPLES_FOR_DEVIATION = 200


def mse(y_true, y_pred):
    return sum((t - p) ** 2 for t, p in zip(y_true, y_pred)) / len(y_true)


def mae(y_true, y_pred):
    return sum(abs(t - p) for t, p in zip(y_true, y_pred)) / len(y_true)


def r2(y_true, y_pred):
    """Coefficient of determination; as scikit-learn, 1.0 for a perfect fit of a constant target, else 0.0 then."""
    mean = sum(y_true) / len(y_true)
    total = sum((t - mean) ** 2 for t in y_true)
    residual = sum((t - p) ** 2 for t, p in zip(y_true, y_pred))
    if total == 0:
        return 1.0 if residual == 0 else 0.0
    return 1.0 - residual / total


METRICS = (
    ("mse", mse),
    ("rmse", lambda t, p: math.sqrt(mse(t, p))),
    ("mae", mae),
    ("r2", r2),
)


def regression_metrics(y_true, y_pred, seed=0):
    """{"regression_metrics": {name: {"value", "standard_deviation"}}} for mse, rmse, mae and r2."""
    if len(y_true) != len(y_pred):
        raise ValueError("%d true values but %d predictions" % (len(y_true), len(y_pred)))
    if not y_true:
        raise ValueError("no rows to evaluate")
    y_true = [float(v) for v in y_true]
    y_pred = [float(v) for v in y_pred]
    samples = []
    if len(y_true) >= SAMPLES_FOR_DEVIATION:
        rng = random.Random(seed)
        size = int(len(y_true) * 0.8)
        for _ in range(5):
            picked = rng.sample(range(len(y_true)), size)
            samples.append(([y_true[i] for i in picked], [y_pred[i] for i in picked]))
    result = {}
    for name, function in METRICS:
        deviation = statistics.stdev([function(t, p) for t, p in samples]) if samples else "NaN"
        result[name] = {"value": function(y_true, y_pred), "standard_deviation": deviation}
    return {"regression_metrics": result}


def read_test(test_dir, feature_count=None):
    """(labels, features) from the test split's CSV files; empty feature values become None (missing)."""
    labels, rows = [], []
    for name in sorted(os.listdir(test_dir)):
        if name.startswith((".", "_")):
            continue
        with open(os.path.join(test_dir, name), encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.reader(handle), start=1):
                if not row:
                    continue
                if feature_count is not None and len(row) != feature_count + 1:
                    raise ValueError("%s line %d has %d fields; the target and %d features were expected"
                                     % (name, line, len(row), feature_count))
                labels.append(float(row[0]))
                rows.append([float(v) if v != "" else None for v in row[1:]])
    return labels, rows


def load_booster(model_dir, work_dir):
    """The trained booster from model.tar.gz ("xgboost-model" inside)."""
    import xgboost  # the XGBoost container has it; the metric tests do not need it

    with tarfile.open(os.path.join(model_dir, "model.tar.gz")) as archive:
        member = next((m for m in archive.getmembers() if os.path.basename(m.name) == "xgboost-model" and m.isfile()), None)
        if member is None:
            raise ValueError("model.tar.gz holds no xgboost-model file; the evaluation supports XGBoost models only")
        member.name = "xgboost-model"
        # The "data" filter (Python 3.12, backported to security releases) refuses links and odd modes.
        archive.extract(member, work_dir, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    path = os.path.join(work_dir, "xgboost-model")
    booster = xgboost.Booster()
    try:
        booster.load_model(path)
    except xgboost.core.XGBoostError:
        import pickle  # models written by XGBoost containers before 1.3 are pickled boosters

        with open(path, "rb") as handle:
            booster = pickle.load(handle)
    return booster


def predict(booster, rows):
    import numpy
    import xgboost

    matrix = numpy.array([[numpy.nan if v is None else v for v in row] for row in rows], dtype=float)
    return [float(v) for v in booster.predict(xgboost.DMatrix(matrix))]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", required=True)
    parser.add_argument("--test-dir", required=True)
    parser.add_argument("--features", required=True)
    parser.add_argument("--output-dir", required=True)
    args = parser.parse_args(argv)
    with open(args.features, encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    labels, rows = read_test(args.test_dir, len(features))
    booster = load_booster(args.model_dir, tempfile.mkdtemp())
    report = regression_metrics(labels, predict(booster, rows))
    os.makedirs(args.output_dir, exist_ok=True)
    with open(os.path.join(args.output_dir, "evaluation.json"), "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2)
    shutil.copyfile(args.features, os.path.join(args.output_dir, "features.json"))
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
