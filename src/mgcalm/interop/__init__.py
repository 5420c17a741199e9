"""Pure serialisers for the world outside: iCalendar, FHIR R4, CSV."""
