"""Ingest step of a data source's pipeline: copy one batch into the raw bucket's layout.

SageMaker Processing downloads the batch at the pipeline's SourceUri to --source-dir. This script copies
every data file to <raw-dir>/batch=<id>/ (uploaded under s3://<raw>/<source>/) and records the batch at
<ingest-dir> (uploaded to a per-execution location):

  batch.manifest  an S3 manifest, [{"prefix": "<raw-uri>/batch=<id>/"}, "<file>", ...]; the later steps read
                  exactly these files through it (ProcessingS3Input S3DataType=ManifestFile)
  batch.json      {"batch_id", "execution_id", "source_uri", "raw_prefix", "files": [{"name", "source", "bytes", "sha256"}]}

The batch id is --batch-id, or the execution id when it is "auto" (a pipeline parameter's default cannot be
an expression). Data files are all files except those whose name starts with "." or "_" (markers such as
_SUCCESS); files in subdirectories are flattened to "dir__file" so names stay unique in one prefix.
Exits with status 1 and a message when there is nothing to ingest or the batch id is unusable.

Standard library only: it runs in SageMaker's scikit-learn container.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import sys

AUTO = "auto"
BATCH_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


class IngestError(Exception):
    """A batch that cannot be ingested; the message says why."""


def resolve_batch_id(batch_id, execution_id):
    """The batch id to use: the given one, or the execution id for "auto" (or an empty value)."""
    chosen = execution_id if batch_id in (None, "", AUTO) else batch_id
    if not chosen or not BATCH_ID.match(chosen):
        raise IngestError(
            "batch id %r is not usable: use 1 to 128 letters, digits, '.', '_' and '-', starting with a letter or digit" % chosen)
    return chosen


def data_files(directory):
    """Relative paths of the data files under directory, sorted; names starting with '.' or '_' are skipped."""
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in files:
            if not name.startswith((".", "_")):
                found.append(os.path.relpath(os.path.join(root, name), directory).replace(os.sep, "/"))
    return sorted(found)


def flat_name(relative_path):
    """One object name per file: 'a/b/c.csv' becomes 'a__b__c.csv'."""
    return relative_path.replace("/", "__")


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def ingest(source_dir, source_uri, batch_id, execution_id, raw_uri, raw_dir, ingest_dir):
    """Copies the batch and writes the manifest and record; returns the record."""
    batch = resolve_batch_id(batch_id, execution_id)
    files = data_files(source_dir)
    if not files:
        raise IngestError("no data files under %s (downloaded from %s)" % (source_dir, source_uri))
    names = [flat_name(f) for f in files]
    if len(set(names)) != len(names):
        raise IngestError("two files of the batch flatten to the same name: %s" % names)
    target = os.path.join(raw_dir, "batch=" + batch)
    os.makedirs(target, exist_ok=True)
    os.makedirs(ingest_dir, exist_ok=True)
    record_files = []
    for relative, name in zip(files, names):
        source = os.path.join(source_dir, relative)
        shutil.copyfile(source, os.path.join(target, name))
        record_files.append({"name": name, "source": relative, "bytes": os.path.getsize(source), "sha256": sha256_of(source)})
    prefix = raw_uri.rstrip("/") + "/batch=" + batch + "/"
    with open(os.path.join(ingest_dir, "batch.manifest"), "w", encoding="utf-8") as handle:
        json.dump([{"prefix": prefix}] + names, handle)
    record = {"batch_id": batch, "execution_id": execution_id, "source_uri": source_uri, "raw_prefix": prefix,
              "files": record_files}
    with open(os.path.join(ingest_dir, "batch.json"), "w", encoding="utf-8") as handle:
        json.dump(record, handle, indent=2, sort_keys=True)
    return record


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--source-uri", required=True)
    parser.add_argument("--batch-id", default=AUTO)
    parser.add_argument("--execution-id", required=True)
    parser.add_argument("--raw-uri", required=True, help="s3://<raw bucket>/<source>")
    parser.add_argument("--raw-dir", required=True)
    parser.add_argument("--ingest-dir", required=True)
    args = parser.parse_args(argv)
    try:
        record = ingest(args.source_dir, args.source_uri, args.batch_id, args.execution_id, args.raw_uri,
                        args.raw_dir, args.ingest_dir)
    except IngestError as error:
        print("ingest failed: %s" % error, file=sys.stderr)
        return 1
    print("ingested batch %s: %d files to %s" % (record["batch_id"], len(record["files"]), record["raw_prefix"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
