"""Variance statements of the narrative: `…(类)…(款)…(项)。年初预算为 X 万元，支出决算为 Y 万元，
完成年初预算的 Z%，支出决算数大于年初预算数的主要原因是…`, and the same statement about the
whole 一般公共预算财政拨款支出 (function_code None).

The name chain is resolved to a function code through the document's own budget lines (tables, or
the narrative lines for OCR'd files), then its 名词解释, then the national list of 类; a chain none of
them names keeps function_code None and is reported as a warning, never guessed. Year-on-year
statements (`比上年增加 X 万元，增长 Y%`) are `Statement` records of the statements extractor.
"""
from __future__ import annotations

from typing import Iterator

from loaders.amounts import clean_number, to_wan
from loaders.context import Context
from loaders.extract import extractor
from loaders.narrative import FunctionCodes, glossary_codes, narrative_part, sections, variance_statements
from loaders.prose import join_prose
from loaders.records import BudgetLine, Variance


@extractor("variances")
def variances(ctx: Context) -> Iterator[Variance]:
    codes = FunctionCodes(ctx.found_of(BudgetLine), ctx.once("glossary", lambda: glossary_codes(ctx.lines)))
    part = narrative_part(ctx.lines, 3) or (1, len(ctx.lines))
    # Section by section, so that a reason never runs on into the next heading. The sections, their prose and
    # its statements are shared with narrative_lines (Context.once), which reads the same part.
    found = ctx.once(("sections", *part), lambda: sections(ctx.lines, *part))
    spans = [(s.first, s.last, s.heading) for s in found] or [(part[0], part[1], None)]
    for first, last, heading in spans:
        prose = ctx.once(("prose", first, last), lambda: join_prose(ctx.lines, first, last))
        for v in ctx.once(("variances", first, last), lambda: variance_statements(prose)):
            line, end = prose.lines_of(v.start, v.end)
            code = note = None
            if v.chain is not None:
                code, note = codes.resolve(v.chain)
                if code is None and not _reported(ctx, line, v.chain.text):
                    why = note or "no budget line, 名词解释 entry or national 类/款 names it"
                    ctx.warn(line, f"{v.chain.text}: name chain not resolved to a function code ({why}); "
                                   "its variance has no function_code")
                elif code is not None and note:
                    ctx.warn(line, f"variance of {v.chain.text}: {note}")
            yield Variance(
                function_code=code, name=v.name,
                initial_budget=to_wan(clean_number(v.initial[0]), v.initial[1]),
                final=to_wan(clean_number(v.final[0]), v.final[1]),
                rate=clean_number(v.rate) if v.rate is not None else None,
                reason=v.reason, line=line, source=ctx.source(line, end, heading),
            )


def _reported(ctx: Context, line: int, chain: str) -> bool:
    """narrative_lines read the same statement as a budget line and has already said why it has no code."""
    return any(p.line == line and p.reason.startswith(chain) for p in ctx.problems)
