"""A synthetic national corpus of budget disclosures with ground truth (`kb synth`).

places/departments/codes: the real names and codes drawn from · aid: the aid network ·
plan/projects: what a document says · final/budget/declaration/common: how it is written ·
noise: OCR damage · corpus: enumeration and streaming output.
"""
