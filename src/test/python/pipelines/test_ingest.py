import contextlib
import hashlib
import io
import json
import os
import tempfile
import unittest

from scripts import load

ingest = load("data/ingest.py")


def write(path, content):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(content)


class BatchId(unittest.TestCase):

    def test_auto_or_empty_means_the_execution_id(self):
        self.assertEqual("exec1234", ingest.resolve_batch_id("auto", "exec1234"))
        self.assertEqual("exec1234", ingest.resolve_batch_id("", "exec1234"))

    def test_a_given_batch_id_is_kept(self):
        self.assertEqual("2024-05-01", ingest.resolve_batch_id("2024-05-01", "exec1234"))

    def test_an_id_that_would_change_the_s3_layout_is_refused(self):
        for bad in ["a/b", "../x", "-x", "x y", "a" * 129]:
            with self.subTest(bad=bad):
                with self.assertRaises(ingest.IngestError):
                    ingest.resolve_batch_id(bad, "exec1234")


class Ingest(unittest.TestCase):

    def setUp(self):
        self.work = tempfile.mkdtemp()
        self.source = os.path.join(self.work, "source")
        write(os.path.join(self.source, "part-1.csv"), "a,b\n1,2\n")
        write(os.path.join(self.source, "2024", "05", "part-2.csv"), "a,b\n3,4\n")
        write(os.path.join(self.source, "_SUCCESS"), "")
        write(os.path.join(self.source, ".hidden"), "x")
        self.raw = os.path.join(self.work, "raw")
        self.record_dir = os.path.join(self.work, "ingest")

    def run_ingest(self, batch_id="auto"):
        return ingest.ingest(self.source, "s3://landing/house-sales/", batch_id, "exec1234", "s3://raw-bucket/house-sales",
                             self.raw, self.record_dir)

    def test_data_files_are_copied_under_batch_id_flattened_and_markers_skipped(self):
        self.run_ingest("2024-05-01")
        copied = sorted(os.listdir(os.path.join(self.raw, "batch=2024-05-01")))
        self.assertEqual(["2024__05__part-2.csv", "part-1.csv"], copied)

    def test_the_manifest_lists_the_batch_in_the_s3_manifest_format(self):
        self.run_ingest()
        with open(os.path.join(self.record_dir, "batch.manifest")) as handle:
            manifest = json.load(handle)
        self.assertEqual([{"prefix": "s3://raw-bucket/house-sales/batch=exec1234/"}, "2024__05__part-2.csv", "part-1.csv"], manifest)

    def test_the_record_names_the_batch_and_each_file_with_its_digest(self):
        record = self.run_ingest()
        with open(os.path.join(self.record_dir, "batch.json")) as handle:
            self.assertEqual(record, json.load(handle))
        self.assertEqual("exec1234", record["batch_id"])
        self.assertEqual("s3://landing/house-sales/", record["source_uri"])
        first = record["files"][1]
        self.assertEqual({"name": "part-1.csv", "source": "part-1.csv", "bytes": 8,
                          "sha256": hashlib.sha256(b"a,b\n1,2\n").hexdigest()}, first)

    def test_a_source_without_data_files_fails_the_step(self):
        empty = os.path.join(self.work, "empty")
        write(os.path.join(empty, "_SUCCESS"), "")
        arguments = ["--source-dir", empty, "--source-uri", "s3://landing/x/", "--execution-id", "e1",
                     "--raw-uri", "s3://raw/x", "--raw-dir", self.raw, "--ingest-dir", self.record_dir]
        with contextlib.redirect_stderr(io.StringIO()) as errors:
            self.assertEqual(1, ingest.main(arguments))
        self.assertIn("no data files", errors.getvalue())


if __name__ == "__main__":
    unittest.main()
