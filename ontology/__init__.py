"""The govgraph vocabulary: the model declared in schema.yaml, its OWL and SHACL files."""

from govgraph.ontology.terms import GOV, NODE_TYPES, RELATIONS, NodeType, Relation, schema_path

__all__ = ["GOV", "NODE_TYPES", "RELATIONS", "NodeType", "Relation", "schema_path"]
