import contextlib
import hashlib
import io
import json
import os
import tempfile
import unittest

from scripts import load

publish = load("data/publish.py")
quarantine = load("data/quarantine.py")

EXPECTATIONS = {"source": "house-sales", "minRows": 1,
                "columns": [{"name": "price", "type": "number"}, {"name": "postcode", "type": "string"}]}
PASSED = {"passed": True, "batch_id": "b7", "summary": "ok"}


class Publish(unittest.TestCase):

    def test_a_batch_that_did_not_pass_is_never_published(self):
        with tempfile.TemporaryDirectory() as out:
            for report in [{"passed": False, "batch_id": "b7", "summary": "type price (1)"}, {"batch_id": "b7"}]:
                with self.subTest(report=report):
                    with self.assertRaises(ValueError):
                        publish.publish([("a.csv", b"price,postcode\n1,A\n")], report, EXPECTATIONS, out)
            self.assertEqual([], os.listdir(out))

    def test_rows_of_every_file_are_written_once_in_the_expected_column_order(self):
        with tempfile.TemporaryDirectory() as out:
            files = [("a.csv", b"postcode,price\n A ,1\n"), ("b.csv", b"\xef\xbb\xbfprice,postcode\r\n2,\"B, C\"\r\n\r\n")]
            manifest = publish.publish(files, PASSED, EXPECTATIONS, out)
            with open(os.path.join(out, "batch=b7", "data.csv"), "rb") as handle:
                data = handle.read()
            self.assertEqual(b'price,postcode\n1,A\n2,"B, C"\n', data)
            self.assertEqual(2, manifest["rows"])
            self.assertEqual(hashlib.sha256(data).hexdigest(), manifest["sha256"])
            with open(os.path.join(out, "batch=b7", "_manifest.json")) as handle:
                self.assertEqual(manifest, json.load(handle))
            self.assertEqual(["a.csv", "b.csv"], manifest["source_files"])

    def test_the_report_must_be_for_the_ingested_batch(self):
        with tempfile.TemporaryDirectory() as work:
            paths = {}
            for name, content in [("report", PASSED), ("ingest", {"batch_id": "other"}), ("expectations", EXPECTATIONS)]:
                paths[name] = os.path.join(work, name + ".json")
                with open(paths[name], "w") as handle:
                    json.dump(content, handle)
            with contextlib.redirect_stderr(io.StringIO()) as errors:
                code = publish.main(["--data-dir", work, "--ingest", paths["ingest"], "--report", paths["report"],
                                     "--expectations", paths["expectations"], "--output-dir", os.path.join(work, "out")])
            self.assertEqual(1, code)
            self.assertIn("refusing to publish", errors.getvalue())


class Quarantine(unittest.TestCase):

    def test_the_batch_and_its_report_are_kept_together_under_the_batch_id(self):
        with tempfile.TemporaryDirectory() as work:
            data = os.path.join(work, "batch")
            os.makedirs(os.path.join(data, "sub"))
            for name in ["a.csv", os.path.join("sub", "b.csv"), "_SUCCESS"]:
                with open(os.path.join(data, name), "w") as handle:
                    handle.write("x\n")
            report = os.path.join(work, "report.json")
            with open(report, "w") as handle:
                json.dump({"passed": False, "summary": "min_rows (1)"}, handle)
            out = os.path.join(work, "out")
            copied = quarantine.quarantine(data, report, "b9", out)
            self.assertEqual(["a.csv", "sub__b.csv"], copied)
            self.assertEqual(["a.csv", "report.json", "sub__b.csv"], sorted(os.listdir(os.path.join(out, "batch=b9"))))


if __name__ == "__main__":
    unittest.main()
