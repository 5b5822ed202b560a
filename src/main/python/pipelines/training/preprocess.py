"""Preprocess step of a model's training pipeline: curated CSV in, XGBoost-ready splits out.

Reads every data file under --input-dir (the model's curated prefix: batch=<id>/data.csv files with a header;
names starting with "." or "_" such as _manifest.json are skipped) and writes, under --output-dir:

  train/train.csv, validation/validation.csv, test/test.csv
      the target column first, then the features, no header: the CSV layout SageMaker's built-in XGBoost
      trains on ("the target variable is in the first column and the CSV has no header record")
  features/features.json
      {"target", "features": [names in column order], "dropped": [{"column", "reason"}],
       "rows": {"train", "validation", "test", "dropped_missing_target"}}
      the order an inference request must send the features in

Features: a column is kept when every non-empty value is a number (kept as written) or a boolean
(true/yes/1 -> 1, false/no/0 -> 0); any other column (free text, categories) is dropped and listed. Empty
values stay empty, which XGBoost reads as missing. Rows whose target is empty or not a number are dropped
and counted. The rows are shuffled with --seed and split into test (--test-fraction), validation
(--validation-fraction) and train (the rest); every split gets at least one row, so at least 3 rows are needed.

Standard library only: it runs in SageMaker's scikit-learn container.
"""
import argparse
import csv
import io
import json
import math
import os
import random
import re
import sys

NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
TRUE = {"true", "yes", "1"}
FALSE = {"false", "no", "0"}


class PreprocessError(Exception):
    """Data the step cannot turn into training splits; the message says why."""


def data_files(directory):
    """Relative paths of the data files under directory, sorted; names starting with '.' or '_' are skipped."""
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in files:
            if not name.startswith((".", "_")):
                found.append(os.path.relpath(os.path.join(root, name), directory).replace(os.sep, "/"))
    return sorted(found)


def read_table(texts):
    """(columns, rows) from CSV texts with headers; later files are aligned to the first file's columns."""
    columns = None
    rows = []
    for name, text in texts:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            continue
        if columns is None:
            columns = header
        elif sorted(header) != sorted(columns):
            raise PreprocessError("%s has columns %s, the first file has %s" % (name, header, columns))
        positions = [header.index(c) for c in columns]
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if len(row) != len(header):
                raise PreprocessError("%s line %d has %d fields, its header %d" % (name, reader.line_num, len(row), len(header)))
            rows.append([row[i].strip() for i in positions])
    if columns is None:
        raise PreprocessError("no data: the input holds no CSV file with a header")
    return columns, rows


def is_number(text):
    return bool(NUMBER.match(text)) and math.isfinite(float(text))


def plan_features(columns, rows, target):
    """(features, dropped): the columns kept as [(name, "number"|"boolean")] and those dropped as [(name, reason)]."""
    if target not in columns:
        raise PreprocessError("the target column %r is not among the columns %s" % (target, columns))
    features, dropped = [], []
    for index, column in enumerate(columns):
        if column == target:
            continue
        values = [row[index] for row in rows if row[index] != ""]
        if not values:
            dropped.append((column, "no values"))
        elif all(is_number(v) for v in values):
            features.append((column, "number"))
        elif all(v.lower() in TRUE | FALSE for v in values):
            features.append((column, "boolean"))
        else:
            example = next(v for v in values if not is_number(v) and v.lower() not in TRUE | FALSE)
            dropped.append((column, "not numeric (e.g. %r); XGBoost reads numbers only" % example))
    if not features:
        raise PreprocessError("no numeric feature columns remain; dropped: %s" % dropped)
    return features, dropped


def encode(rows, columns, target, features):
    """(encoded, dropped_rows): rows as [target, feature...] strings; rows without a numeric target are dropped."""
    target_index = columns.index(target)
    indexes = [(columns.index(name), kind) for name, kind in features]
    encoded, dropped = [], 0
    for row in rows:
        label = row[target_index]
        if label == "" or not is_number(label):
            dropped += 1
            continue
        out = [label]
        for index, kind in indexes:
            value = row[index]
            if kind == "boolean" and value != "":
                value = "1" if value.lower() in TRUE else "0"
            out.append(value)
        encoded.append(out)
    return encoded, dropped


def split(rows, validation_fraction, test_fraction, seed):
    """(train, validation, test): a seeded shuffle, then test and validation sizes rounded, each at least 1 row."""
    if len(rows) < 3:
        raise PreprocessError("%d usable rows; at least 3 are needed for train, validation and test" % len(rows))
    if not (0 < validation_fraction < 1 and 0 < test_fraction < 1 and validation_fraction + test_fraction < 1):
        raise PreprocessError("the validation and test fractions must be between 0 and 1 and leave rows for training")
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    n_test = max(1, int(round(len(rows) * test_fraction)))
    n_validation = max(1, int(round(len(rows) * validation_fraction)))
    if n_test + n_validation >= len(rows):
        n_test, n_validation = 1, 1
    shuffled = [rows[i] for i in order]
    test = shuffled[:n_test]
    validation = shuffled[n_test:n_test + n_validation]
    train = shuffled[n_test + n_validation:]
    return train, validation, test


def write_csv(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerows(rows)


def preprocess(input_dir, output_dir, target, validation_fraction, test_fraction, seed):
    texts = []
    for relative in data_files(input_dir):
        with open(os.path.join(input_dir, relative), encoding="utf-8-sig") as handle:
            texts.append((relative, handle.read()))
    columns, rows = read_table(texts)
    features, dropped_columns = plan_features(columns, rows, target)
    encoded, dropped_rows = encode(rows, columns, target, features)
    train, validation, test = split(encoded, validation_fraction, test_fraction, seed)
    write_csv(os.path.join(output_dir, "train", "train.csv"), train)
    write_csv(os.path.join(output_dir, "validation", "validation.csv"), validation)
    write_csv(os.path.join(output_dir, "test", "test.csv"), test)
    summary = {
        "target": target,
        "features": [name for name, _ in features],
        "dropped": [{"column": name, "reason": reason} for name, reason in dropped_columns],
        "rows": {"train": len(train), "validation": len(validation), "test": len(test), "dropped_missing_target": dropped_rows},
    }
    os.makedirs(os.path.join(output_dir, "features"), exist_ok=True)
    with open(os.path.join(output_dir, "features", "features.json"), "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2)
    return summary


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input-dir", required=True)
    parser.add_argument("--output-dir", required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("--validation-fraction", type=float, default=0.15)
    parser.add_argument("--test-fraction", type=float, default=0.15)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    try:
        summary = preprocess(args.input_dir, args.output_dir, args.target, args.validation_fraction, args.test_fraction, args.seed)
    except PreprocessError as error:
        print("preprocessing failed: %s" % error, file=sys.stderr)
        return 1
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
