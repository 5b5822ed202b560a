import contextlib
import io
import json
import os
import tempfile
import unittest

from scripts import load

validate = load("data/validate.py")

EXPECTATIONS = {
    "version": 1,
    "source": "house-sales",
    "minRows": 2,
    "columns": [
        {"name": "price", "type": "number", "required": True, "min": 1000.0, "max": 2e7},
        {"name": "bedrooms", "type": "integer", "required": True, "min": 0.0, "max": 20.0},
        {"name": "postcode", "type": "string", "required": True},
        {"name": "has_garden", "type": "boolean", "required": False},
    ],
}

GOOD = "price,bedrooms,postcode,has_garden\n250000,3,AB1 2CD,true\n1000,0,ZZ9,\n20000000,20,X,No\n"


def report(*files, expectations=EXPECTATIONS):
    return validate.check_batch([(name, text if isinstance(text, bytes) else text.encode("utf-8")) for name, text in files],
                                expectations, "b1")


def checks(result):
    return {(p["check"], p["column"]) for p in result["problems"]}


class PassingBatches(unittest.TestCase):

    def test_a_batch_meeting_every_expectation_passes(self):
        result = report(("a.csv", GOOD))
        self.assertTrue(result["passed"], result["problems"])
        self.assertEqual(3, result["rows"])
        self.assertEqual([], result["problems"])
        self.assertEqual("b1", result["batch_id"])
        self.assertEqual("house-sales", result["source"])

    def test_columns_may_come_in_any_order_and_values_are_trimmed(self):
        result = report(("a.csv", "postcode, has_garden ,bedrooms,price\n X , yes , 2 , 1500.5 \nY,0,1,2e3\n"))
        self.assertTrue(result["passed"], result["problems"])

    def test_integers_may_be_written_with_a_zero_fraction(self):
        self.assertTrue(report(("a.csv", "price,bedrooms,postcode,has_garden\n1000,3.0,A,\n1000,+2,B,\n"))["passed"])

    def test_rows_are_counted_across_files_and_blank_lines_are_ignored(self):
        header = "price,bedrooms,postcode,has_garden\n"
        result = report(("a.csv", header + "1000,1,A,\n\n"), ("b.csv", header + "2000,2,B,false\n"))
        self.assertTrue(result["passed"], result["problems"])
        self.assertEqual([{"name": "a.csv", "rows": 1}, {"name": "b.csv", "rows": 1}], result["files"])

    def test_a_byte_order_mark_and_crlf_line_endings_are_accepted(self):
        text = "\ufeffprice,bedrooms,postcode,has_garden\r\n1000,1,A,\r\n2000,2,\"B, C\",TRUE\r\n"
        self.assertTrue(report(("a.csv", text))["passed"])


class ValueRules(unittest.TestCase):

    def assert_problem(self, row, check, column):
        result = report(("a.csv", "price,bedrooms,postcode,has_garden\n1000,1,A,\n" + row + "\n"))
        self.assertFalse(result["passed"])
        self.assertIn((check, column), checks(result), result["problems"])
        return result

    def test_a_number_column_rejects_text_nan_infinity_and_underscores(self):
        for value in ["abc", "nan", "inf", "1_000", "1,5", "0x10"]:
            with self.subTest(value=value):
                self.assert_problem('"%s",1,A,' % value, "type", "price")

    def test_an_integer_column_rejects_fractions_and_text(self):
        for value in ["3.5", "three", "1e2"]:
            with self.subTest(value=value):
                self.assert_problem("1000,%s,A," % value, "type", "bedrooms")

    def test_a_boolean_column_accepts_true_false_yes_no_one_zero_only(self):
        for value in ["true", "False", "YES", "no", "1", "0"]:
            with self.subTest(value=value):
                self.assertTrue(report(("a.csv", "price,bedrooms,postcode,has_garden\n1000,1,A,%s\n1000,1,A,\n" % value))["passed"])
        self.assert_problem("1000,1,A,maybe", "type", "has_garden")

    def test_bounds_are_inclusive(self):
        self.assertTrue(report(("a.csv", "price,bedrooms,postcode,has_garden\n1000,0,A,\n20000000,20,B,\n"))["passed"])
        self.assert_problem("999.99,1,A,", "min", "price")
        self.assert_problem("20000000.01,1,A,", "max", "price")
        self.assert_problem("1000,-1,A,", "min", "bedrooms")
        self.assert_problem("1000,21,A,", "max", "bedrooms")

    def test_a_required_value_may_not_be_empty_an_optional_one_may(self):
        self.assert_problem("1000, ,A,", "required", "bedrooms")
        self.assert_problem("1000,1,,", "required", "postcode")
        self.assertTrue(report(("a.csv", "price,bedrooms,postcode,has_garden\n1000,1,A,\n1000,1,A, \n"))["passed"])

    def test_a_string_column_takes_any_text(self):
        self.assertTrue(report(("a.csv", "price,bedrooms,postcode,has_garden\n1000,1,123,\n1000,1,\"x\"\"y\",\n"))["passed"])

    def test_problems_are_counted_with_at_most_five_examples_that_name_file_and_line(self):
        rows = "".join("abc,1,A,\n" for _ in range(7))
        result = report(("a.csv", "price,bedrooms,postcode,has_garden\n" + rows))
        problem = next(p for p in result["problems"] if p["check"] == "type")
        self.assertEqual(7, problem["count"])
        self.assertEqual(5, len(problem["examples"]))
        self.assertEqual({"file": "a.csv", "line": 2, "value": "abc"}, problem["examples"][0])
        self.assertIn("type price (7)", result["summary"])


class StructureRules(unittest.TestCase):

    def test_a_missing_column_is_a_problem(self):
        result = report(("a.csv", "price,bedrooms,has_garden\n1000,1,\n1000,1,\n"))
        self.assertIn(("missing_column", "postcode"), checks(result))

    def test_an_extra_column_is_a_problem(self):
        result = report(("a.csv", "price,bedrooms,postcode,has_garden,colour\n1000,1,A,,red\n1000,1,A,,red\n"))
        self.assertIn(("extra_column", "colour"), checks(result))

    def test_a_repeated_column_is_a_problem(self):
        result = report(("a.csv", "price,bedrooms,postcode,has_garden,price\n1000,1,A,,1\n1000,1,A,,1\n"))
        self.assertIn(("duplicate_column", "price"), checks(result))

    def test_a_row_with_too_few_or_too_many_fields_is_a_problem(self):
        result = report(("a.csv", "price,bedrooms,postcode,has_garden\n1000,1,A\n1000,1,A,,extra\n"))
        problem = next(p for p in result["problems"] if p["check"] == "row_length")
        self.assertEqual(2, problem["count"])

    def test_fewer_rows_than_the_minimum_is_a_problem(self):
        result = report(("a.csv", "price,bedrooms,postcode,has_garden\n1000,1,A,\n"))
        self.assertEqual({("min_rows", None)}, checks(result))
        self.assertEqual("1 < 2", result["problems"][0]["examples"][0]["value"])

    def test_an_empty_or_blank_file_is_a_problem(self):
        for content in ["", "  \n\n"]:
            with self.subTest(content=content):
                result = report(("a.csv", "price,bedrooms,postcode,has_garden\n1000,1,A,\n1000,1,A,\n"), ("b.csv", content))
                self.assertIn(("empty_file", None), checks(result))

    def test_a_header_without_rows_counts_no_rows(self):
        result = report(("a.csv", "price,bedrooms,postcode,has_garden\n"))
        self.assertEqual(0, result["rows"])
        self.assertIn(("min_rows", None), checks(result))

    def test_malformed_csv_is_a_problem(self):
        for content in ['price,bedrooms,postcode,has_garden\n1000,1,"A,\n', 'price,bedrooms,postcode,has_garden\n1000,1,"A"x,\n',
                        "price,bedrooms,postcode,has_garden\n1000,1,A\x00,\n"]:
            with self.subTest(content=content):
                result = report(("a.csv", content))
                self.assertIn(("malformed_csv", None), checks(result))
                self.assertFalse(result["passed"])

    def test_a_file_that_is_not_utf8_is_a_problem(self):
        result = report(("a.csv", b"price,bedrooms,postcode,has_garden\n1000,1,\xff\xfe,\n"))
        self.assertIn(("encoding", None), checks(result))

    def test_a_batch_without_files_is_a_problem(self):
        result = report()
        self.assertIn(("no_data", None), checks(result))
        self.assertFalse(result["passed"])


class CommandLine(unittest.TestCase):

    def test_it_writes_the_report_and_exits_zero_even_when_the_batch_fails(self):
        with tempfile.TemporaryDirectory() as work:
            data = os.path.join(work, "batch")
            os.makedirs(os.path.join(data, "nested"))
            with open(os.path.join(data, "nested", "a.csv"), "w") as handle:
                handle.write("price,bedrooms,postcode,has_garden\nabc,1,A,\n")
            with open(os.path.join(data, "_SUCCESS"), "w") as handle:
                handle.write("")
            expectations = os.path.join(work, "expectations.json")
            with open(expectations, "w") as handle:
                json.dump(EXPECTATIONS, handle)
            ingest = os.path.join(work, "batch.json")
            with open(ingest, "w") as handle:
                json.dump({"batch_id": "2024-05-01"}, handle)
            out = os.path.join(work, "report")
            with contextlib.redirect_stdout(io.StringIO()):
                code = validate.main(["--data-dir", data, "--ingest", ingest, "--expectations", expectations, "--output-dir", out])
            self.assertEqual(0, code)
            with open(os.path.join(out, "report.json")) as handle:
                written = json.load(handle)
            self.assertIs(False, written["passed"])
            self.assertEqual("2024-05-01", written["batch_id"])
            self.assertEqual([{"name": "nested/a.csv", "rows": 1}], written["files"])


if __name__ == "__main__":
    unittest.main()
