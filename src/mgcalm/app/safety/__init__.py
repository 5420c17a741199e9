"""The safety flow after every write: alerts, crisis resources, red flags and step-downs."""
