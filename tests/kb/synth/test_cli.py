"""`kb synth --docs N --seed S OUT/` through the real CLI."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from kb.cli import app


def test_kb_synth_writes_texts_and_truths(tmp_path):
    out = tmp_path / "corpus"
    result = CliRunner().invoke(app, ["synth", "--docs", "6", "--seed", "4", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote 6 documents" in result.output
    texts = sorted(out.glob("*.txt"))
    assert len(texts) == 6 and len(list(out.glob("*.truth.json"))) == 6
    truth = json.loads((out / (texts[0].stem + ".truth.json")).read_text(encoding="utf-8"))
    assert truth["document"]["file_name"] == texts[0].name
    assert truth["document"]["stage"] == "预算" and truth["document"]["fiscal_year"] == 2024
    assert truth["document"]["department"] in texts[0].read_text(encoding="utf-8")


def test_kb_synth_refuses_a_file_as_output(tmp_path):
    f = tmp_path / "x"
    f.write_text("")
    result = CliRunner().invoke(app, ["synth", "--docs", "2", str(f)])
    assert result.exit_code == 2
    assert "is not a folder" in result.output


def test_kb_synth_within_one_city(tmp_path):
    out = tmp_path / "wuhan"
    result = CliRunner().invoke(app, ["synth", "--docs", "4", "--within", "420100", str(out)])
    assert result.exit_code == 0, result.output
    for p in out.glob("*.truth.json"):
        doc = json.loads(p.read_text(encoding="utf-8"))["document"]
        assert doc["prefecture"] == "武汉市" and doc["department"].startswith("武汉市")


def test_kb_synth_names_an_unknown_division(tmp_path):
    result = CliRunner().invoke(app, ["synth", "--docs", "2", "--within", "999999", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "999999" in result.output and "no province, prefecture or county" in result.output
