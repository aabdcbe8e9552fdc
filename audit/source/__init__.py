"""Source-aware audit: the translation checked against its original.

* :mod:`audit.source.pairing`: which source file goes with which translation;
* :mod:`audit.source.lexical`: words, lemmas and dictionary links of both sides;
* :mod:`audit.source.align`: sentence alignment (1-1, 1-2, 2-1, 1-0, 0-1 beads);
* :mod:`audit.source.checks`: numbers, names, copies, negation, lexical coverage;
* :mod:`audit.source.rules`: the SRxxx rules those checks emit;
* :mod:`audit.source.stage`: the pipeline hook that runs all of it on a file.
"""
