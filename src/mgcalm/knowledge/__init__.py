"""know: the cited knowledge base: forms, intakes, medicines, conditions, claims, foods."""
