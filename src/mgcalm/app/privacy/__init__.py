"""Everything a person stored, out as one document and back in: the whole-data export and import."""
