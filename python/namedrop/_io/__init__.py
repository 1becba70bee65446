"""Files in and out of ``namedrop extract``: one module per job, data flowing one way.

``sources`` opens an input (file or stdin), undoes its compression and tells its format;
``text_readers`` and ``columnar`` turn it into records (``records``); the extractor runs;
``writers`` and ``arrow_writers`` write JSONL documents or tables; ``progress`` draws the
bar. ``run`` ties them together for the command.
"""
