"""Records → the canonical graph (labels, edge types and ids of ontology/schema/*.yaml).

One pass per document: the Document and its Department (with its Place and the Place's parent
chain), then every fact as a node carrying its provenance and a STATED_IN edge. Codes resolve
to SKOS concepts with their whole BROADER chain; recipients of funding flows resolve to places
(typos and short forms kept as Alias nodes); each FundingFlow also gets a Place→Place FUNDS
shortcut so a money trail is a plain variable-length path.
"""
from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from typing import Iterable

from kb.codes import SCHEMES, UnknownCode, code_list, scheme_of
from kb.model import CanonicalGraph
from kb.names import PlaceNames, Resolution, department_forms, qualify_department, resolve_department
from kb.places import AmbiguousPlace, Place, gazetteer
from loaders.records import (
    Asset, BudgetLine, Document, Extraction, FundingFlow, Indicator, Procurement, Project, ProjectLine, Record,
    Problem, Staffing, Statement, ThreePublic, Unit, Variance,
)

# Record kind → the builder method that turns it into nodes and edges (Problem records are
# reported by the build, not stored as facts; the Document is the extraction's header).
HANDLERS = {"BudgetLine": "budget_line", "Unit": "unit", "Project": "project", "ProjectLine": "project_line",
            "Indicator": "indicator", "FundingFlow": "funding_flow", "ThreePublic": "three_public",
            "Procurement": "procurement", "Variance": "variance", "Staffing": "staffing", "Asset": "asset",
            "Statement": "statement"}
STAGES = {"预算": "budget", "决算": "actual", "budget": "budget", "actual": "actual"}


def doc_node_id(doc_id: str) -> str:
    return f"doc/{doc_id}"


def dept_node_id(name: str) -> str:
    return f"dept/{name}"


def fact_node_id(label: str, record: Record) -> str:
    return f"{label.lower()}/{record.record_key()}"


def department_name(printed: str) -> str:
    """The department itself: 中国共产党武汉市蔡甸区委员会办公室本级 → …办公室 (本级 = its own office)."""
    return re.sub(r"本\s*级$", "", printed.strip())


def build_graph(extractions: Iterable[Extraction], problems: list[Problem] | None = None) -> CanonicalGraph:
    """The canonical graph of these documents. What could not be linked (a recipient no gazetteer
    knows, a code outside the code lists, an indicator whose project is not found) is kept as a
    node without that edge, and reported as a warning Problem in `problems` when a list is given."""
    graph = CanonicalGraph()
    for ex in extractions:
        builder = _DocumentBuilder(graph, ex)
        builder.build()
        if problems is not None:
            problems.extend(builder.problems)
    return graph


class _DocumentBuilder:
    def __init__(self, graph: CanonicalGraph, ex: Extraction) -> None:
        self.g, self.ex, self.doc = graph, ex, ex.document
        self.doc_id = doc_node_id(self.doc.id)
        self.year = self.doc.fiscal_year
        self.stage = STAGES.get(self.doc.stage or "")
        self.dept_name = department_name(self.doc.department) if self.doc.department else None
        self.dept_id = dept_node_id(self.dept_name) if self.dept_name else None
        self.place = self._home_place(self.doc, self.dept_name)
        # The loaders read 区/县 names; a 县级市 department (德州市乐陵市…) has its place from its name.
        county = next((p for p in self.place.chain if p.level == "county"), None) if self.place else None
        self.district = self.doc.district or (county.name if county else None)
        city = next((p for p in self.place.chain if p.level == "prefecture"), None) if self.place else None
        self.city = self.doc.city or (city.name if city else None)
        self.text = "\n".join(r.source.text for r in ex.records if getattr(r, "source", None) is not None)
        self.names = PlaceNames(self.place, self.text)
        self.projects: dict[str, str] = {}
        self._spans: list[tuple[int, str]] | None = None
        self.problems: list[Problem] = []

    def warn(self, r: Record, reason: str) -> None:
        src = getattr(r, "source", None)
        self.problems.append(Problem(self.doc.file_name, src.line_start if src else 0, "warning", reason,
                                     src.text if src else ""))

    # -- document, department, places -------------------------------------------------------
    @staticmethod
    def _home_place(doc: Document, dept_name: str | None) -> Place | None:
        """The district (or, for a city department, the city) whose department published it: from
        the loader's city and district, else from the longest place name the department's name
        starts with (德州市乐陵市人民政府办公室 → 乐陵市)."""
        gaz = gazetteer()
        names = [(doc.city or "") + (doc.district or "")]
        if dept_name:
            flat = re.sub(r"^中国共产党", "", dept_name)
            # only prefixes ending like a division (新华书店 does not start with 新华区)
            names += [flat[:end] for end in range(min(len(flat), 16), 1, -1) if flat[end - 1] in "省市县区州盟旗"]
        for name in names:
            if not name or not gaz.official(name):
                continue
            try:
                return gaz.resolve(name)
            except AmbiguousPlace:
                return None
        return None
        return None

    def add_place(self, place: Place) -> str:
        child = None
        for p in place.chain:
            self.g.add_node(p.node_id, "Place", name=p.name, code=p.code, level=p.level, kind=p.kind, path=p.path,
                            source=p.source)
            if child is not None:
                self.g.add_edge(child.node_id, "PART_OF", p.node_id)
            child = p
        return place.node_id

    def build(self) -> None:
        d = self.doc
        self.g.add_node(self.doc_id, "Document", doc_id=d.id, file_name=d.file_name, sha256=d.sha256, title=d.title,
                        department_name=d.department, year=d.fiscal_year, stage=self.stage, published=d.published,
                        line_count=d.line_count)
        if self.dept_id:
            self.g.add_node(self.dept_id, "Department", name=self.dept_name)
            self.g.add_edge(self.doc_id, "PUBLISHED_BY", self.dept_id)
            if self.place is not None:
                self.g.add_edge(self.dept_id, "LOCATED_IN", self.add_place(self.place))
        # Projects first, so that lines, indicators and flows can point at them.
        for r in self.ex.of(Project):
            self.project(r)
        for r in self.ex.records:
            method = HANDLERS.get(r.kind)
            if method is not None and r.kind != "Project":
                getattr(self, method)(r)
        self.department_aliases()

    def department_aliases(self) -> None:
        """Short forms of the department's name that its own document uses (区政府办, 江汉区政府办 …),
        and the cover's 本级 form, as Aliases. Longer forms are blanked first, so 江汉区人民政府办公室
        inside the full name does not count as a use of the short form."""
        if not self.dept_name:
            return
        if self.doc.department and self.doc.department != self.dept_name:
            self.alias(Resolution(self.doc.department, self.dept_name, "本级 names the department's own office "
                                  "(as opposed to its subordinate units)", Decimal("1")), self.dept_id)
        rest = re.sub(r"\s+", "", self.text)  # OCR breaks names across lines: 武汉市洪山区人民政府办 / 公室
        for form, confidence in sorted(department_forms(self.dept_name, self.district).items(),
                                       key=lambda kv: -len(kv[0])):
            if form in rest:
                if form != self.dept_name:
                    self.alias(Resolution(form, self.dept_name, f"short form of {self.dept_name} in its own "
                                          f"{self.district or ''} document", confidence), self.dept_id)
                rest = rest.replace(form, "\0")

    # -- facts ----------------------------------------------------------------------------------
    def fact(self, label: str, r: Record, **props) -> str:
        src = r.source
        node_id = fact_node_id(label, r)
        self.g.add_node(node_id, label, doc=src.document, line_start=src.line_start, line_end=src.line_end,
                        table=src.table, source_text=src.text, **props)
        self.g.add_edge(node_id, "STATED_IN", doc_node_id(src.document))
        return node_id

    def code_concept(self, scheme: str, code: str, name: str | None, r: Record) -> str | None:
        """The code's concept with its BROADER chain; a code missing from the list keeps the document's name."""
        codes = code_list(scheme)
        prefix, label = SCHEMES[scheme][1], SCHEMES[scheme][2]
        levels = SCHEMES[scheme][3]
        if len(code) not in levels or not code.isdigit():
            self.warn(r, f"{scheme} code {code!r} is not a {'/'.join(map(str, levels))}-digit code: not classified")
            return None
        chain: list[tuple[str, str, str | None, str]] = []
        c: str | None = code
        while c is not None:
            try:
                concept = codes.get(c)
                chain.append((c, concept.name, concept.name_en, concept.source))
            except UnknownCode:
                if c != code or not name:
                    self.warn(r, f"{scheme} code {c} (parent of {code}) is not in ontology/codes: the BROADER chain "
                                 f"stops at {chain[-1][0] if chain else code}")
                    break
                self.warn(r, f"{scheme} code {code} is not in ontology/codes: labelled with the document's name {name}")
                chain.append((c, name, None, f"{self.doc.id} (not in the code list)"))
            c = c[:-2] if len(c) in (5, 7) else None
        child = None
        for c, cname, en, source in chain:
            self.g.add_node(f"{prefix}/{c}", label, code=c, name=cname, name_en=en, level=levels[len(c)],
                            label_source=source)
            if child is not None:
                self.g.add_edge(f"{prefix}/{child}", "BROADER", f"{prefix}/{c}")
            child = c
        return f"{prefix}/{code}" if chain else None

    def budget_line(self, r: BudgetLine) -> None:
        measures = {k: v for k, v in r.measures.items() if isinstance(v, Decimal)}
        amount = measures.get("total", measures.get("final"))
        node = self.fact("BudgetLine", r, name=r.name, classification=r.classification, code=r.code, level=r.level,
                         fund_type=r.fund_type, unit_code=r.unit_code, year=self.year, stage=self.stage, amount=amount,
                         repairs=list(r.repairs) or None, **measures)
        if self.dept_id:
            self.g.add_edge(node, "OF_DEPARTMENT", self.dept_id)
        if r.code:
            concept = self.code_concept(scheme_of(r.classification), r.code, r.name, r)
            if concept:
                self.g.add_edge(node, "CLASSIFIED_AS", concept)

    def unit(self, r: Unit) -> None:
        node = self.fact("Unit", r, name=r.name, code=r.code, role=r.role)
        if self.dept_id:
            self.g.add_edge(node, "UNIT_OF", self.dept_id)

    def project(self, r: Project) -> None:
        node = self.fact("Project", r, name=r.name, code=r.code, unit=r.unit, category=r.category,
                         frequency=r.frequency, budget=r.budget, executed=r.executed, legal_basis=r.legal_basis,
                         aliases=list(r.aliases) or None, year=self.year, stage=self.stage)
        for name in (r.name, *r.aliases):
            self.projects.setdefault(_squash(name), node)
        if self.dept_id:
            self.g.add_edge(node, "OF_DEPARTMENT", self.dept_id)
        for code in r.function_codes:
            concept = self.code_concept("function", code, None, r)
            if concept:
                self.g.add_edge(node, "CLASSIFIED_AS", concept)

    def find_project(self, name: str | None) -> str | None:
        """A project of this document by name or alias; else the only one whose name contains it (or it contains)."""
        if not name:
            return None
        key = _squash(name)
        if key in self.projects:
            return self.projects[key]
        near = {node for k, node in self.projects.items() if key in k or k in key}
        return near.pop() if len(near) == 1 else None

    def project_line(self, r: ProjectLine) -> None:
        node = self.fact("ProjectLine", r, project_name=r.project, item=r.item, basis=r.basis, amount=r.amount)
        project = self.find_project(r.project)
        if project:
            self.g.add_edge(node, "LINE_OF", project)
        else:
            self.warn(r, f"breakdown line {r.item}: no project called {r.project} in this document (no LINE_OF)")

    def indicator(self, r: Indicator) -> None:
        t, a = r.target_parsed, r.actual_parsed
        node = self.fact("Indicator", r, name=r.name, owner_kind=r.owner_kind, owner=r.owner, level1=r.level1,
                         level2=r.level2, target=r.target, target_comparator=t.comparator if t else None,
                         target_value=t.value if t else None, target_unit=t.unit if t else None, actual=r.actual,
                         actual_value=a.value if a else None, weight=r.weight, score=r.score)
        owner = self.find_project(r.owner) if r.owner_kind == "project" else None
        if owner is None and r.owner_kind != "project":
            owner = self.department_for(r.owner)
        if owner:
            self.g.add_edge(node, "INDICATOR_OF", owner)
        else:
            self.warn(r, f"indicator {r.name}: its {r.owner_kind} {r.owner} is not found in this document "
                         f"(no INDICATOR_OF)")

    def department_for(self, text: str | None, others: bool = False) -> str | None:
        """This document's department, when `text` is one of its names; short forms become Aliases.
        With `others`, another department of the same district (区民政局 → 武汉市洪山区民政局) is
        added too, located in the document's place."""
        if not self.dept_name:
            return None
        if not text:
            return self.dept_id
        res = resolve_department(text, self.dept_name, self.district)
        if res is None and department_name(text) != self.dept_name and text != self.doc.department:
            return self.other_department(text) if others else None
        if res is not None and res.changed:
            self.alias(res, self.dept_id)
        return self.dept_id

    def other_department(self, text: str) -> str | None:
        res = qualify_department(text, self.city, self.district)
        if res is None:
            return None
        dept_id = dept_node_id(res.target)
        self.g.add_node(dept_id, "Department", name=res.target)
        if self.place is not None:
            self.g.add_edge(dept_id, "LOCATED_IN", self.add_place(self.place))
        if res.changed:
            self.alias(res, dept_id)
        return dept_id

    def alias(self, res: Resolution, target_id: str) -> None:
        alias_id = "alias/" + hashlib.sha1(f"{res.text}\x1f{target_id}".encode()).hexdigest()[:16]
        self.g.add_node(alias_id, "Alias", text=res.text, reason=res.reason, confidence=res.confidence, doc=self.doc.id,
                        line=self.first_line(res.text))
        self.g.add_edge(alias_id, "ALIAS_OF", target_id, text=res.text, reason=res.reason, confidence=res.confidence)

    def first_line(self, text: str) -> int | None:
        """The first line of this document, among the lines its records cite, that writes `text`."""
        if self._spans is None:
            self._spans = sorted((r.source.line_start, re.sub(r"\s+", "", r.source.text)) for r in self.ex.records
                                 if getattr(r, "source", None) is not None and r.source.document == self.doc.id)
        return next((line for line, flat in self._spans if text in flat), None)

    def place_for(self, res: Resolution) -> str:
        """The place node of a resolution; a typo or short form is kept as an Alias (a name merely
        qualified by its parents, 新疆博乐市青得里街道, is not an alias)."""
        place_id = self.add_place(res.target)
        for part in res.parts:  # 长轩岭街、蔡店街: the flow goes to their county; the townships are kept as places
            self.add_place(part)
        if res.changed and not res.text.endswith(res.target.name):
            self.alias(res, place_id)
        return place_id

    def recipient_place(self, r: FundingFlow) -> str | None:
        """The recipient as written; when the loader normalised it to another place (宜恩县 → 宣恩县)
        and that place is a real one, the loader's reading wins and the written form becomes an Alias."""
        as_written = self.names.resolve(r.recipient_text) if r.recipient_text else None
        normalised = self.names.resolve(r.recipient) if r.recipient and r.recipient != r.recipient_text else None
        if normalised is not None and (as_written is None or as_written.target is not normalised.target):
            why = "; ".join(r.notes) or f"the loader read {r.recipient_text} as {r.recipient}"
            if as_written is not None:
                why += f" ({r.recipient_text} as such is {as_written.target.path})"
            self.add_place(normalised.target)
            self.alias(Resolution(r.recipient_text, normalised.target, why, Decimal("0.8")), normalised.target.node_id)
            return normalised.target.node_id
        return self.place_for(as_written) if as_written is not None else None

    def funding_flow(self, r: FundingFlow) -> None:
        stage = STAGES.get(r.stage, r.stage)
        node = self.fact("FundingFlow", r, amount=r.amount, year=r.year or self.year, stage=stage,
                         flow_type=r.flow_type, purpose=r.purpose, payer_department=r.payer_department or None,
                         payer_place=r.payer_place, recipient_text=r.recipient_text, recipient=r.recipient,
                         project_name=r.project, origin=r.origin, notes=list(r.notes) or None,
                         stated_by=r.stated_by)
        payer_place = self.names.resolve(r.payer_place) if r.payer_place else None
        receipt = r.stated_by == "recipient"  # a receipt names the payer's department only sometimes
        payer = self.receipt_payer(r, payer_place) if receipt else self.department_for(r.payer_department, others=True)
        if payer:
            self.g.add_edge(node, "PAID_BY", payer)
        from_place = self.place_for(payer_place) if payer_place else None
        if from_place is None and self.place is not None and not receipt:
            from_place = self.add_place(self.place)
        to_place = self.recipient_place(r)
        if from_place:
            self.g.add_edge(node, "FROM_PLACE", from_place)
        if to_place:
            self.g.add_edge(node, "TO_PLACE", to_place)
        else:
            self.warn(r, f"funding flow recipient {r.recipient_text} ({r.recipient}) is not a place the gazetteer "
                         f"knows, or names places in several provinces: no TO_PLACE and no FUNDS edge")
        if not payer and (r.payer_department or not receipt):
            self.warn(r, f"funding flow payer {r.payer_department} is not a department this document can name: "
                         f"no PAID_BY")
        project = self.find_project(r.project)
        if project:
            self.g.add_edge(node, "FOR_PROJECT", project)
        if from_place and to_place:
            self.g.add_edge(from_place, "FUNDS", to_place, node, amount=r.amount, year=r.year or self.year,
                            stage=stage, flow_type=r.flow_type, flow=node, stated_by=r.stated_by)

    def receipt_payer(self, r: FundingFlow, payer_place: Resolution | None) -> str | None:
        """The paying department a receipt names (江汉区人民政府办公室 → 武汉市江汉区…), located in the payer's place."""
        place = payer_place.target if payer_place is not None and isinstance(payer_place.target, Place) else None
        county = next((p for p in place.chain if p.level == "county"), None) if place else None
        if not r.payer_department or county is None:
            return None
        city = county.parent.name if county.parent is not None and county.parent.level == "prefecture" else None
        res = qualify_department(department_name(r.payer_department), city, county.name)
        if res is None:
            return None
        dept_id = dept_node_id(res.target)
        self.g.add_node(dept_id, "Department", name=res.target)
        self.g.add_edge(dept_id, "LOCATED_IN", self.add_place(county))
        if res.changed:
            self.alias(res, dept_id)
        return dept_id

    def three_public(self, r: ThreePublic) -> None:
        self.fact("ThreePublic", r, item=r.item, budget=r.budget, actual=r.actual, origin=r.origin,
                  year=self.year, stage=self.stage)

    def procurement(self, r: Procurement) -> None:
        self.fact("Procurement", r, unit=r.unit, project_name=r.project, item_code=r.item_code,
                  item_name=r.item_name, function_code=r.function_code, economic_code=r.economic_code,
                  quantity=r.quantity, amount=r.amount, sme_amount=r.sme_amount,
                  small_micro_amount=r.small_micro_amount)

    def variance(self, r: Variance) -> None:
        self.fact("Variance", r, name=r.name, function_code=r.function_code, initial_budget=r.initial_budget,
                  final=r.final, rate=r.rate, reason=r.reason)

    def staffing(self, r: Staffing) -> None:
        self.fact("Staffing", r, category=r.category, count=r.count)

    def statement(self, r: Statement) -> None:
        self.fact("Statement", r, subject=r.subject, amount=r.amount, change=r.change, change_pct=r.change_pct,
                  share_pct=r.share_pct, share_of=r.share_of, base_year=r.base_year, base=r.base,
                  column=r.column, year=self.year, stage=self.stage)

    def asset(self, r: Asset) -> None:
        self.fact("Asset", r, category=r.category, name=r.name, count=r.count, value=r.value)


def _squash(name: str) -> str:
    return re.sub(r"\s+", "", name)
