"""Loads the pipeline scripts as modules for the tests (they are files run by SageMaker, not a package)."""
import importlib.util
import os

# src/test/python/pipelines -> src/main/python/pipelines
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "main", "python", "pipelines")


def load(relative_path):
    """The module at pipelines/<relative_path>, e.g. load("data/validate.py")."""
    path = os.path.join(ROOT, relative_path)
    name = "pipeline_" + relative_path.replace("/", "_").replace(".py", "")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
