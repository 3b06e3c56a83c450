"""Blind synthetic-data generator no. 13: a Shanxi (region code 14) world for the year 2024, written
the way a provincial supervision body's audit team would build it to test a concealment detector.
Scale 1.0 is the whole province for one year (about 290,000 deaths, a million hospital injury
encounters, 1.5 million social-insurance enrolment spells, 40,000 work-injury claims, some 750
reported production-safety accidents); every department exports with its own habits (encodings,
date styles, sex codes, name and ID errors, employer spellings), and concealed and under-reported
accidents are planted in the patterns of the real cases, with the contract's ``truth/`` tables."""
