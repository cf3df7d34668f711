"""The fault suite: hostile questions, hostile fact bases, question-log faults and Discord
faults, each measured and printed as tables with targets, like the other benchmarks.

`python -m bench --only faults` runs it all (`suite.run`); each part also runs alone as
`python -m bench.faults.<part> [--smoke]`.
"""
