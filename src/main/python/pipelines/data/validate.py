"""Validate step of a data source's pipeline: check a batch against the source's expectations.

Reads the batch's CSV files (--data-dir, the files of the Ingest manifest), the batch record written by
ingest.py (--ingest) and the expectations document generated from the stack settings (--expectations):

  {"version": 1, "source": "...", "minRows": 500,
   "columns": [{"name": "price", "type": "number", "required": true, "min": 0, "max": 10}, ...]}

and writes <output-dir>/report.json, which the pipeline reads as the ValidationReport property file:

  {"passed": true|false, "source", "batch_id", "rows", "min_rows", "files": [{"name", "rows"}],
   "problems": [{"check", "column", "count", "message", "examples": [{"file", "line", "value"}]}],
   "summary": "..."}

Rules. Every data file is UTF-8 CSV with a header row. The header must hold exactly the expected columns,
in any order (a missing, an unexpected or a repeated column is a problem). Every row has as many fields as
the header. Values are trimmed; an empty value is a problem in a required column and is otherwise not
checked further. number: a decimal such as -1.5 or 2e3; integer: digits, optionally with ".0"; boolean:
true/false, yes/no or 1/0 in any case; string: anything. min/max are inclusive bounds of numbers and
integers. The whole batch must have at least minRows rows. A file that is empty, not UTF-8 or not valid
CSV is a problem. At most five examples are kept per problem.

The script exits 0 whenever it wrote a report, passed or not: the pipeline's condition step decides.
Standard library only: it runs in SageMaker's scikit-learn container.
"""
import argparse
import csv
import io
import json
import math
import os
import re
import sys
from collections import OrderedDict

NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
INTEGER = re.compile(r"^[+-]?\d+(\.0+)?$")
BOOLEANS = {"true", "false", "yes", "no", "1", "0"}
EXAMPLES = 5


def data_files(directory):
    """Relative paths of the data files under directory, sorted; names starting with '.' or '_' are skipped."""
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in files:
            if not name.startswith((".", "_")):
                found.append(os.path.relpath(os.path.join(root, name), directory).replace(os.sep, "/"))
    return sorted(found)


def parse_value(text, kind):
    """The value of a non-empty field as its column type, or None when it is not of that type."""
    if kind == "number":
        if not NUMBER.match(text):
            return None
        value = float(text)
        return value if math.isfinite(value) else None
    if kind == "integer":
        return int(text.split(".")[0]) if INTEGER.match(text) else None
    if kind == "boolean":
        lowered = text.lower()
        return lowered in ("true", "yes", "1") if lowered in BOOLEANS else None
    return text


class Problems:
    """Problems aggregated by (check, column), keeping a count and the first few examples."""

    def __init__(self):
        self._by_key = OrderedDict()

    def add(self, check, message, column=None, file=None, line=None, value=None):
        key = (check, column)
        entry = self._by_key.get(key)
        if entry is None:
            entry = {"check": check, "column": column, "count": 0, "message": message, "examples": []}
            self._by_key[key] = entry
        entry["count"] += 1
        if len(entry["examples"]) < EXAMPLES and (file is not None or value is not None):
            example = {"file": file, "line": line}
            if value is not None:
                example["value"] = value
            entry["examples"].append(example)

    def as_list(self):
        return list(self._by_key.values())


def check_file(name, content, columns, problems):
    """Checks one file; returns the number of data rows read."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.add("encoding", "a file is not UTF-8 text", file=name, line=None, value=str(error)[:200])
        return 0
    if "\x00" in text:
        # Python 3.11 reads NUL bytes as data, 3.9 (the container's) rejects them: decide the same everywhere.
        problems.add("malformed_csv", "a file is not valid CSV", file=name, line=text[:text.index("\x00")].count("\n") + 1,
                     value="contains a NUL byte")
        return 0
    if not text.strip():
        problems.add("empty_file", "a file is empty; every file needs at least a header row", file=name)
        return 0
    expected = OrderedDict((c["name"], c) for c in columns)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = 0
    try:
        header = [h.strip() for h in next(reader)]
        seen = set()
        for column in header:
            if column in seen:
                problems.add("duplicate_column", "a column appears twice in a header", column=column, file=name, line=1)
            seen.add(column)
        for column in expected:
            if column not in seen:
                problems.add("missing_column", "an expected column is missing", column=column, file=name, line=1)
        for column in header:
            if column not in expected:
                problems.add("extra_column", "a column is not in the expectations", column=column, file=name, line=1)
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # a blank line
            rows += 1
            line = reader.line_num
            if len(row) != len(header):
                problems.add("row_length", "a row has a different number of fields than its header", file=name, line=line,
                             value="%d fields, header has %d" % (len(row), len(header)))
                continue
            for column, raw in zip(header, row):
                spec = expected.get(column)
                if spec is None:
                    continue
                value = raw.strip()
                if not value:
                    if spec.get("required", True):
                        problems.add("required", "a required value is empty", column=column, file=name, line=line, value=raw)
                    continue
                parsed = parse_value(value, spec["type"])
                if parsed is None:
                    problems.add("type", "a value is not of the column's type (%s)" % spec["type"], column=column, file=name,
                                 line=line, value=value)
                    continue
                if spec["type"] in ("number", "integer"):
                    if "min" in spec and parsed < spec["min"]:
                        problems.add("min", "a value is below the column's minimum (%s)" % spec["min"], column=column,
                                     file=name, line=line, value=value)
                    if "max" in spec and parsed > spec["max"]:
                        problems.add("max", "a value is above the column's maximum (%s)" % spec["max"], column=column,
                                     file=name, line=line, value=value)
    except StopIteration:
        problems.add("empty_file", "a file is empty; every file needs at least a header row", file=name)
    except csv.Error as error:
        problems.add("malformed_csv", "a file is not valid CSV", file=name, line=reader.line_num, value=str(error))
    return rows


def check_batch(files, expectations, batch_id=None):
    """The report for a batch: files is a list of (name, bytes) in a fixed order."""
    problems = Problems()
    columns = expectations["columns"]
    min_rows = int(expectations.get("minRows", 1))
    file_rows = []
    if not files:
        problems.add("no_data", "the batch holds no data files")
    for name, content in files:
        file_rows.append({"name": name, "rows": check_file(name, content, columns, problems)})
    total = sum(f["rows"] for f in file_rows)
    if total < min_rows:
        problems.add("min_rows", "the batch has fewer rows than the expectations require", value="%d < %d" % (total, min_rows))
    found = problems.as_list()
    if found:
        summary = "%d problem(s): " % len(found) + "; ".join(
            "%s%s (%d)" % (p["check"], " " + p["column"] if p["column"] else "", p["count"]) for p in found)
    else:
        summary = "the batch meets every expectation (%d rows)" % total
    return OrderedDict([
        ("passed", not found),
        ("source", expectations.get("source")),
        ("batch_id", batch_id),
        ("rows", total),
        ("min_rows", min_rows),
        ("files", file_rows),
        ("problems", found),
        ("summary", summary),
    ])


def read_files(directory):
    files = []
    for relative in data_files(directory):
        with open(os.path.join(directory, relative), "rb") as handle:
            files.append((relative, handle.read()))
    return files


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--ingest", required=True, help="batch.json written by ingest.py")
    parser.add_argument("--expectations", required=True)
    parser.add_argument("--output-dir", required=True)
    args = parser.parse_args(argv)
    with open(args.expectations, encoding="utf-8") as handle:
        expectations = json.load(handle)
    with open(args.ingest, encoding="utf-8") as handle:
        batch_id = json.load(handle)["batch_id"]
    report = check_batch(read_files(args.data_dir), expectations, batch_id)
    os.makedirs(args.output_dir, exist_ok=True)
    with open(os.path.join(args.output_dir, "report.json"), "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2)
    print("batch %s: %s" % (batch_id, report["summary"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
