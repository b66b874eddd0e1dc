# Keeps the name and version of every package entry.
[.packages[] | {name, version}]
