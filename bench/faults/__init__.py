"""The fault suite: hostile questions, hostile fact bases, question-log faults and Discord
faults, each measured and printed as tables with targets, like the other benchmarks."""
