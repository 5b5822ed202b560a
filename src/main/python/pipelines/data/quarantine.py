"""Quarantine step of a data source's pipeline: keep a rejected batch, with its report, out of curated.

Copies the batch's files (--data-dir) and the validation report (--report) to <output-dir>/batch=<id>/,
uploaded to s3://<raw>/quarantine/<source>/batch=<id>/, where data engineers inspect it. The batch id comes
from the batch record of ingest.py (--ingest). The pipeline then fails with a message naming the location.

Standard library only: it runs in SageMaker's scikit-learn container.
"""
import argparse
import json
import os
import shutil
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


def quarantine(data_dir, report_path, batch_id, output_dir):
    """Copies the batch and its report; returns the names of the copied data files."""
    target = os.path.join(output_dir, "batch=" + batch_id)
    os.makedirs(target, exist_ok=True)
    copied = []
    for relative in data_files(data_dir):
        name = relative.replace("/", "__")
        shutil.copyfile(os.path.join(data_dir, relative), os.path.join(target, name))
        copied.append(name)
    shutil.copyfile(report_path, os.path.join(target, "report.json"))
    return copied


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--ingest", required=True, help="batch.json written by ingest.py")
    parser.add_argument("--report", required=True)
    parser.add_argument("--output-dir", required=True)
    args = parser.parse_args(argv)
    with open(args.ingest, encoding="utf-8") as handle:
        batch_id = json.load(handle)["batch_id"]
    copied = quarantine(args.data_dir, args.report, batch_id, args.output_dir)
    with open(args.report, encoding="utf-8") as handle:
        summary = json.load(handle).get("summary")
    print("quarantined batch %s (%d files): %s" % (batch_id, len(copied), summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
