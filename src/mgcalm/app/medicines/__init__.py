"""Medicines a person starts or stops: checked against magnesium at once, then re-planned."""
