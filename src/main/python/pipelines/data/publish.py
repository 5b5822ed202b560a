"""Publish step of a data source's pipeline: write a validated batch to the curated bucket.

Reads the batch's CSV files (--data-dir), the batch record of ingest.py (--ingest), the validation report
(--report) and the expectations (--expectations), and writes under <output-dir>/batch=<id>/ (uploaded to
s3://<curated>/<source>/batch=<id>/):

  data.csv        every row of the batch, one header, the columns in the order of the expectations,
                  values trimmed; a re-published batch id replaces the file
  _manifest.json  {"batch_id", "source", "rows", "columns", "sha256" (of data.csv), "source_files"}

Refuses (exit status 1) unless the report says the batch passed: a batch that failed is never published,
even if the pipeline were wired wrongly. Files whose name starts with "_" are bookkeeping, which is why
the training pipeline's preprocessing skips them.

Standard library only: it runs in SageMaker's scikit-learn container.
"""
import argparse
import csv
import hashlib
import io
import json
import os
import sys


def data_files(directory):
    """Relative paths of the data files under directory, sorted; names starting with '.' or '_' are skipped."""
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in files:
            if not name.startswith((".", "_")):
                found.append(os.path.relpath(os.path.join(root, name), directory).replace(os.sep, "/"))
    return sorted(found)


def normalised_rows(text, columns):
    """The rows of one validated CSV file as lists in the order of columns."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header = [h.strip() for h in next(reader)]
    positions = [header.index(column) for column in columns]
    for row in reader:
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        yield [row[i].strip() for i in positions]


def publish(files, report, expectations, output_dir):
    """Writes data.csv and _manifest.json for the batch; files is a list of (name, bytes). Returns the manifest."""
    if report.get("passed") is not True:
        raise ValueError("the validation report says the batch did not pass: %s" % report.get("summary"))
    batch_id = report["batch_id"]
    columns = [c["name"] for c in expectations["columns"]]
    target = os.path.join(output_dir, "batch=" + batch_id)
    os.makedirs(target, exist_ok=True)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    rows = 0
    for _, content in files:
        for row in normalised_rows(content.decode("utf-8-sig"), columns):
            writer.writerow(row)
            rows += 1
    data = buffer.getvalue().encode("utf-8")
    with open(os.path.join(target, "data.csv"), "wb") as handle:
        handle.write(data)
    manifest = {"batch_id": batch_id, "source": expectations.get("source"), "rows": rows, "columns": columns,
                "sha256": hashlib.sha256(data).hexdigest(), "source_files": [name for name, _ in files]}
    with open(os.path.join(target, "_manifest.json"), "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=2, sort_keys=True)
    return manifest


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--ingest", required=True, help="batch.json written by ingest.py")
    parser.add_argument("--report", required=True)
    parser.add_argument("--expectations", required=True)
    parser.add_argument("--output-dir", required=True)
    args = parser.parse_args(argv)
    with open(args.report, encoding="utf-8") as handle:
        report = json.load(handle)
    with open(args.expectations, encoding="utf-8") as handle:
        expectations = json.load(handle)
    with open(args.ingest, encoding="utf-8") as handle:
        batch_id = json.load(handle)["batch_id"]
    if report.get("batch_id") != batch_id:
        print("refusing to publish: the report is for batch %r, the ingested batch is %r" % (report.get("batch_id"), batch_id),
              file=sys.stderr)
        return 1
    files = []
    for relative in data_files(args.data_dir):
        with open(os.path.join(args.data_dir, relative), "rb") as handle:
            files.append((relative, handle.read()))
    try:
        manifest = publish(files, report, expectations, args.output_dir)
    except ValueError as error:
        print("refusing to publish: %s" % error, file=sys.stderr)
        return 1
    print("published batch %s: %d rows" % (manifest["batch_id"], manifest["rows"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
