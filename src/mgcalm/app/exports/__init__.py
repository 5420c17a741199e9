"""Your data out and back in: the whole-data document, tidy CSV, calendar, FHIR, imports."""
