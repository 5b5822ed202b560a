import math
import os
import tempfile
import unittest

from scripts import load

evaluate = load("training/evaluate.py")


class Metrics(unittest.TestCase):

    # scikit-learn's documented examples: mean_squared_error(...) == 0.375, mean_absolute_error(...) == 0.5,
    # r2_score(...) == 0.948... for these values.
    Y_TRUE = [3, -0.5, 2, 7]
    Y_PRED = [2.5, 0.0, 2, 8]

    def test_known_values(self):
        metrics = evaluate.regression_metrics(self.Y_TRUE, self.Y_PRED)["regression_metrics"]
        self.assertAlmostEqual(0.375, metrics["mse"]["value"])
        self.assertAlmostEqual(math.sqrt(0.375), metrics["rmse"]["value"])
        self.assertAlmostEqual(0.5, metrics["mae"]["value"])
        self.assertAlmostEqual(0.9486081370449679, metrics["r2"]["value"])

    def test_the_report_has_the_model_quality_layout(self):
        report = evaluate.regression_metrics(self.Y_TRUE, self.Y_PRED)
        self.assertEqual(["regression_metrics"], list(report))
        self.assertEqual(["mse", "rmse", "mae", "r2"], list(report["regression_metrics"]))
        for metric in report["regression_metrics"].values():
            self.assertEqual(["value", "standard_deviation"], list(metric))
            self.assertEqual("NaN", metric["standard_deviation"])

    def test_a_perfect_prediction(self):
        metrics = evaluate.regression_metrics([1, 2, 3], [1, 2, 3])["regression_metrics"]
        self.assertEqual((0.0, 0.0, 0.0, 1.0), tuple(metrics[m]["value"] for m in ("mse", "rmse", "mae", "r2")))

    def test_r2_of_a_constant_target_follows_scikit_learn(self):
        self.assertEqual(1.0, evaluate.r2([5, 5], [5, 5]))
        self.assertEqual(0.0, evaluate.r2([5, 5], [4, 6]))

    def test_r2_is_negative_when_worse_than_the_mean(self):
        self.assertAlmostEqual(1 - 8 / 2, evaluate.r2([1, 3], [3, 1]))

    def test_the_standard_deviation_needs_200_rows_and_is_reproducible(self):
        y_true = [float(i) for i in range(250)]
        y_pred = [v + (1 if i % 3 else -2) for i, v in enumerate(y_true)]
        first = evaluate.regression_metrics(y_true, y_pred, seed=3)["regression_metrics"]
        self.assertEqual(first, evaluate.regression_metrics(y_true, y_pred, seed=3)["regression_metrics"])
        for name in ("mse", "rmse", "mae", "r2"):
            deviation = first[name]["standard_deviation"]
            self.assertIsInstance(deviation, float)
            self.assertTrue(0 <= deviation < 1, (name, deviation))
        self.assertEqual("NaN", evaluate.regression_metrics(y_true[:199], y_pred[:199])["regression_metrics"]["mae"]["standard_deviation"])

    def test_mismatched_or_empty_inputs_are_errors(self):
        with self.assertRaises(ValueError):
            evaluate.regression_metrics([1, 2], [1])
        with self.assertRaises(ValueError):
            evaluate.regression_metrics([], [])


class TestSplit(unittest.TestCase):

    def test_labels_come_first_and_empty_features_are_missing(self):
        with tempfile.TemporaryDirectory() as work:
            with open(os.path.join(work, "test.csv"), "w") as handle:
                handle.write("10,1,\n20,,2.5\n")
            labels, rows = evaluate.read_test(work, 2)
            self.assertEqual([10.0, 20.0], labels)
            self.assertEqual([[1.0, None], [None, 2.5]], rows)

    def test_a_row_that_does_not_match_the_feature_list_is_an_error(self):
        with tempfile.TemporaryDirectory() as work:
            with open(os.path.join(work, "test.csv"), "w") as handle:
                handle.write("10,1\n")
            with self.assertRaises(ValueError):
                evaluate.read_test(work, 2)


if __name__ == "__main__":
    unittest.main()
