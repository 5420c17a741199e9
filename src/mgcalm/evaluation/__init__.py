"""evaluate: the personal trial design, effect estimates with honest intervals, and reports."""
