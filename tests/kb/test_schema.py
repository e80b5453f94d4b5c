"""The YAML schema loads, inherits provenance, and reports bad files by name."""
import shutil

import pytest

from kb.schema import SCHEMA_DIR, SchemaError, load_schema, schema


def test_fact_classes_inherit_provenance_and_stated_in():
    s = schema()
    flow = s.cls("FundingFlow")
    assert flow.parent == "Fact"
    assert {"doc", "line_start", "line_end", "table", "source_text"} <= set(flow.props)
    assert flow.props["line_start"].on == "source" and flow.props["line_start"].rdf == "bkb:lineStart"
    assert flow.edges["STATED_IN"].targets == ("Document",) and flow.edges["STATED_IN"].min == 1
    assert "Fact" not in s.labels and "FundingFlow" in s.labels


def test_properties_carry_type_cardinality_labels_and_w3c_term():
    s = schema()
    amount = s.cls("BudgetLine").props["amount"]
    assert (amount.type, amount.rdf, amount.zh) == ("decimal", "obeu-measure:amount", "金额（万元）")
    stage = s.cls("BudgetLine").props["stage"]
    assert stage.values == {"budget": "obeu-budgetphase:approved", "actual": "obeu-budgetphase:executed"}
    assert s.cls("Unit").edges["UNIT_OF"].rdf == "org:unitOf"
    assert s.cls("Department").maps_to == ("org:Organization",)
    assert s.expand("skos:broader") == "http://www.w3.org/2004/02/skos/core#broader"


def _copy(tmp_path):
    target = tmp_path / "schema"
    shutil.copytree(SCHEMA_DIR, target)
    shutil.copy(SCHEMA_DIR.parent / "prefixes.yaml", tmp_path / "prefixes.yaml")
    return target


def test_unknown_type_names_the_file(tmp_path):
    d = _copy(tmp_path)
    p = d / "Staffing.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("type: integer", "type: float"), encoding="utf-8")
    with pytest.raises(SchemaError, match=r"Staffing.yaml: property 'count' has type 'float'"):
        load_schema(d)


def test_edge_to_unknown_class_is_an_error(tmp_path):
    d = _copy(tmp_path)
    p = d / "Unit.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("to: [Department]", "to: [Ministry]"), encoding="utf-8")
    with pytest.raises(SchemaError, match="UNIT_OF points to unknown class 'Ministry'"):
        load_schema(d)


def test_unknown_prefix_is_an_error(tmp_path):
    d = _copy(tmp_path)
    p = d / "Asset.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("rdf: bkb:value", "rdf: foo:value"), encoding="utf-8")
    with pytest.raises(SchemaError, match="unknown prefix 'foo'"):
        load_schema(d)


def test_every_measure_and_record_field_the_loaders_produce_is_declared():
    from loaders.records import MEASURE_LABELS
    line = schema().cls("BudgetLine").props
    missing = sorted(k for k in MEASURE_LABELS if k not in line)
    assert not missing, f"declare these BudgetLine measures in ontology/schema/BudgetLine.yaml: {missing}"
    for k, zh in MEASURE_LABELS.items():
        assert line[k].type == "decimal" and line[k].zh == zh
