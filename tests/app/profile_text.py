"""A small valid profile other areas' tests load (the foods intake tests read it)."""

PROFILE_TOML = """
[person]
age = 34
sex = "female"
pregnant = false
lactating = false

[health]
kidney = "normal"

[day]
wake = "07:00"
breakfast = "07:30"
lunch = "12:30"
dinner = "18:30"
bedtime = "23:00"

[goals]
focus = ["anxiety", "sleep"]

[diet]
magnesium_mg = 220
"""
