"""altgen14: an independent, blind synthetic-data generator for crosscheck (Guangdong view:
construction sites with labour subcontractors, non-coal mines, hazardous chemicals and road
transport; many migrant workers registered in other provinces)."""
