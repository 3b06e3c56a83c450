"""altgen2: a blind synthetic-data generator for crosscheck (see README.md)."""
