import contextlib
import io
import json
import os
import tempfile
import unittest

from scripts import load

preprocess = load("training/preprocess.py")

CSV = "bedrooms,price,postcode,has_garden,area\n3,250000,AB1,true,80.5\n2,,XY2,false,60\n4,300000,CD3,yes,\n1,120000,EF4,no,45\n"


class Reordering(unittest.TestCase):

    def setUp(self):
        self.columns, self.rows = preprocess.read_table([("a.csv", CSV)])

    def test_numbers_and_booleans_are_features_free_text_is_dropped_with_a_reason(self):
        features, dropped = preprocess.plan_features(self.columns, self.rows, "price")
        self.assertEqual([("bedrooms", "number"), ("has_garden", "boolean"), ("area", "number")], features)
        self.assertEqual("postcode", dropped[0][0])
        self.assertIn("not numeric", dropped[0][1])

    def test_the_target_comes_first_booleans_become_digits_and_rows_without_a_target_are_dropped(self):
        features, _ = preprocess.plan_features(self.columns, self.rows, "price")
        encoded, dropped = preprocess.encode(self.rows, self.columns, "price", features)
        self.assertEqual([["250000", "3", "1", "80.5"], ["300000", "4", "1", ""], ["120000", "1", "0", "45"]], encoded)
        self.assertEqual(1, dropped)

    def test_later_files_are_aligned_to_the_first_files_columns(self):
        columns, rows = preprocess.read_table([("a.csv", "x,y\n1,2\n"), ("b.csv", "y,x\n4,3\n")])
        self.assertEqual(["x", "y"], columns)
        self.assertEqual([["1", "2"], ["3", "4"]], rows)

    def test_files_with_other_columns_or_a_missing_target_are_errors(self):
        with self.assertRaises(preprocess.PreprocessError):
            preprocess.read_table([("a.csv", "x,y\n1,2\n"), ("b.csv", "x,z\n1,2\n")])
        with self.assertRaises(preprocess.PreprocessError):
            preprocess.plan_features(["x", "y"], [["1", "2"]], "price")


class Splitting(unittest.TestCase):

    ROWS = [[str(i), str(i * 2)] for i in range(100)]

    def test_the_split_is_70_15_15_complete_and_disjoint(self):
        train, validation, test = preprocess.split(self.ROWS, 0.15, 0.15, 42)
        self.assertEqual((70, 15, 15), (len(train), len(validation), len(test)))
        self.assertEqual(sorted(map(tuple, self.ROWS)), sorted(map(tuple, train + validation + test)))

    def test_the_same_seed_gives_the_same_split_and_another_seed_another(self):
        self.assertEqual(preprocess.split(self.ROWS, 0.15, 0.15, 42), preprocess.split(self.ROWS, 0.15, 0.15, 42))
        self.assertNotEqual(preprocess.split(self.ROWS, 0.15, 0.15, 42), preprocess.split(self.ROWS, 0.15, 0.15, 7))

    def test_every_split_gets_a_row_and_three_rows_are_the_minimum(self):
        self.assertEqual((1, 1, 1), tuple(len(s) for s in preprocess.split(self.ROWS[:3], 0.15, 0.15, 1)))
        with self.assertRaises(preprocess.PreprocessError):
            preprocess.split(self.ROWS[:2], 0.15, 0.15, 1)


class CommandLine(unittest.TestCase):

    def test_it_writes_headerless_splits_and_the_feature_list(self):
        with tempfile.TemporaryDirectory() as work:
            data = os.path.join(work, "data", "batch=1")
            os.makedirs(data)
            rows = "".join("%d,%d,P%d,%s\n" % (i, 1000 + i, i, "true" if i % 2 else "false") for i in range(20))
            with open(os.path.join(data, "data.csv"), "w") as handle:
                handle.write("bedrooms,price,postcode,has_garden\n" + rows)
            with open(os.path.join(data, "_manifest.json"), "w") as handle:
                handle.write("{}")
            out = os.path.join(work, "out")
            with contextlib.redirect_stdout(io.StringIO()):
                code = preprocess.main(["--input-dir", os.path.join(work, "data"), "--output-dir", out, "--target", "price"])
            self.assertEqual(0, code)
            with open(os.path.join(out, "train", "train.csv")) as handle:
                first = handle.readline().strip().split(",")
            self.assertEqual(3, len(first))
            self.assertTrue(1000 <= int(first[0]) < 1020, first)
            self.assertIn(first[2], ("0", "1"))
            with open(os.path.join(out, "features", "features.json")) as handle:
                summary = json.load(handle)
            self.assertEqual(["bedrooms", "has_garden"], summary["features"])
            self.assertEqual({"train": 14, "validation": 3, "test": 3, "dropped_missing_target": 0}, summary["rows"])
            for split in ("train", "validation", "test"):
                self.assertEqual([split + ".csv"], os.listdir(os.path.join(out, split)))

    def test_it_fails_with_a_message_when_the_target_is_missing(self):
        with tempfile.TemporaryDirectory() as work:
            with open(os.path.join(work, "a.csv"), "w") as handle:
                handle.write("x\n1\n")
            with contextlib.redirect_stderr(io.StringIO()) as errors:
                code = preprocess.main(["--input-dir", work, "--output-dir", os.path.join(work, "out"), "--target", "price"])
            self.assertEqual(1, code)
            self.assertIn("target column 'price'", errors.getvalue())


if __name__ == "__main__":
    unittest.main()
