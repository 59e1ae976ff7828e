"""The TinyDB adapter, the only package that knows the data files.

Documents and schema, atomic files, the lock, the folder watch.
"""
