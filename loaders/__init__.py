"""Loaders: files -> governance graph."""

from govgraph.loaders.bundle import open_graph
from govgraph.loaders.register import Problem, RegisterError, load_datasets, load_register_files
from govgraph.loaders.yamlfile import read_yaml

__all__ = ["open_graph", "Problem", "RegisterError", "load_datasets", "load_register_files", "read_yaml"]
