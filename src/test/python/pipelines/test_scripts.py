import ast
import os
import sys
import unittest

from scripts import ROOT

SCRIPTS = ["data/ingest.py", "data/validate.py", "data/publish.py", "data/quarantine.py",
           "training/preprocess.py", "training/evaluate.py"]
# What the containers' Python has besides the standard library; only evaluate.py may use it, inside functions.
CONTAINER_ONLY = {"xgboost", "numpy"}
STDLIB = set(getattr(sys, "stdlib_module_names", ())) or {
    "argparse", "ast", "csv", "hashlib", "io", "json", "math", "os", "pickle", "random", "re", "shutil", "statistics",
    "sys", "tarfile", "tempfile", "collections"}


class Scripts(unittest.TestCase):

    def parse(self, script):
        with open(os.path.join(ROOT, script), encoding="utf-8") as handle:
            # The scikit-learn 1.2-1 and XGBoost 1.7-1 images run Python 3.9 (PYTHON_VERSION in their Dockerfiles);
            # 3.7 syntax leaves a margin.
            return ast.parse(handle.read(), filename=script, feature_version=(3, 7))

    def test_every_script_parses_as_python_3_7(self):
        for script in SCRIPTS:
            with self.subTest(script=script):
                self.parse(script)

    def test_module_level_imports_are_the_standard_library_only(self):
        for script in SCRIPTS:
            tree = self.parse(script)
            for node in tree.body:
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name.split(".")[0] for alias in node.names]
                elif isinstance(node, ast.ImportFrom):
                    names = [(node.module or "").split(".")[0]]
                for name in names:
                    with self.subTest(script=script, module=name):
                        self.assertIn(name, STDLIB)

    def test_only_evaluate_imports_xgboost_and_only_inside_functions(self):
        for script in SCRIPTS:
            tree = self.parse(script)
            imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
            with self.subTest(script=script):
                if script == "training/evaluate.py":
                    self.assertEqual(CONTAINER_ONLY, imported & CONTAINER_ONLY)
                else:
                    self.assertEqual(set(), imported & CONTAINER_ONLY)

    def test_every_script_has_a_docstring_and_a_main(self):
        for script in SCRIPTS:
            tree = self.parse(script)
            with self.subTest(script=script):
                self.assertTrue(ast.get_docstring(tree))
                self.assertIn("main", {node.name for node in tree.body if isinstance(node, ast.FunctionDef)})


if __name__ == "__main__":
    unittest.main()
