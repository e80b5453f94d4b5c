"""`kb bench`: how fast and how big the knowledge base is, measured end to end on a synthetic corpus.

run.py drives one benchmark (corpus → build → queries); queries.py holds the three questions timed
on every engine; timing.py the repetition and percentiles; rdflib_baseline.py the comparison with
rdflib's own SPARQL engine; report.py the table and the files under bench/results/. No CLI code here
(kb/commands/bench.py is the command). Nothing here asserts a target: the figures are reported.
"""
