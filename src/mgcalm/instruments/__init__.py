"""Questionnaires (PCL-5, GAD-7, PHQ-9), sleep diary, Bristol scale and the safety rules."""
