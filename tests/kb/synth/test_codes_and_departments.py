"""The generator's code lists agree with the ontology's, and every department draws only on them."""
from __future__ import annotations

from kb.codes import code_list
from kb.synth import codes
from kb.synth.departments import CATALOGUE


def test_names_agree_with_the_ontology_code_lists():
    # the built-in subset before the ontology's labels are applied: they must already agree
    for scheme, mine in (("function", codes._parse(codes._FUNCTION)), ("economic", codes._parse(codes._ECONOMIC))):
        theirs = code_list(scheme)
        shared = [c for c in mine if c in theirs]
        assert len(shared) >= 40, scheme
        assert {c: mine[c] for c in shared} == {c: theirs.get(c).name for c in shared}


def test_every_code_has_its_parents():
    for code in codes.FUNCTION:
        for parent in (code[:3], code[:5]):
            assert parent in codes.FUNCTION, code
    for code in codes.ECONOMIC:
        assert code[:3] in codes.ECONOMIC, code


def test_departments_use_listed_codes_and_have_distinct_names():
    assert len(CATALOGUE) >= 50
    assert len({d.template for d in CATALOGUE}) == len(CATALOGUE)
    for d in CATALOGUE:
        assert d.basic_code in codes.FUNCTION and d.basic_code.startswith(d.kuan), d.template  # its basic line
        assert all(c in codes.FUNCTION and len(c) == 7 for c in d.project_codes), d.template
    assert CATALOGUE[0].name("武汉市江汉区") == "武汉市江汉区人民政府办公室"
