"""The build: the steps, their cache keys, the cache, parallel runs, storage of the tables
and the notebook runner.
"""
