"""The exact published wording of the PCL-5, GAD-7 and PHQ-9, with their LOINC codes.

Sources: PCL-5 standard form (Weathers et al., National Center for PTSD, 8/14/2013) and its
past-week version (VA fillable form, 11 April 2018); GAD-7 (Spitzer et al. 2006) and PHQ-9
(Kroenke et al. 2001) as published at phqscreeners.com, with LOINC codes as used in the HL7 US
Core PHQ-9 example and the LOINC PHQ-SADS panel 69729-2. Electronic forms say "select one of the
answers" where the paper form says "circle one of the numbers to the right".
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

PCL5_INSTRUCTIONS_MONTH = (
    "Below is a list of problems that people sometimes have in response to a very stressful "
    "experience. Please read each problem carefully and then select one of the answers to "
    "indicate how much you have been bothered by that problem in the past month."
)
PCL5_INSTRUCTIONS_WEEK = (
    "Below is a list of problems that people sometimes have in response to a very stressful "
    "experience. Please read each problem and then select one of the options to indicate how "
    "much you have been bothered by that problem in the past week. The options include not at "
    "all, a little bit, moderately, quite a bit, and extremely."
)
PCL5_STEM_MONTH = "In the past month, how much were you bothered by:"
PCL5_STEM_WEEK = "In the past week, how much were you bothered by:"
PCL5_OPTIONS = ("Not at all", "A little bit", "Moderately", "Quite a bit", "Extremely")
PCL5_LICENCE = (
    "Created by staff of the US Department of Veterans Affairs National Center for PTSD; a work "
    "of the US Government, in the public domain and not copyrighted. Its use here implies no "
    "VA endorsement."
)
PCL5_ATTRIBUTION = (
    "PCL-5 (8/14/2013) Weathers, Litz, Keane, Palmieri, Marx, & Schnurr -- National Center for PTSD"
)

# (text, DSM-5 cluster): B intrusion 1–5, C avoidance 6–7, D cognition/mood 8–14,
# E arousal/reactivity 15–20.
PCL5_ITEMS: tuple[tuple[str, str], ...] = (
    ("Repeated, disturbing, and unwanted memories of the stressful experience?", "B"),
    ("Repeated, disturbing dreams of the stressful experience?", "B"),
    (
        "Suddenly feeling or acting as if the stressful experience were actually happening "
        "again (as if you were actually back there reliving it)?",
        "B",
    ),
    ("Feeling very upset when something reminded you of the stressful experience?", "B"),
    (
        "Having strong physical reactions when something reminded you of the stressful "
        "experience (for example, heart pounding, trouble breathing, sweating)?",
        "B",
    ),
    ("Avoiding memories, thoughts, or feelings related to the stressful experience?", "C"),
    (
        "Avoiding external reminders of the stressful experience (for example, people, places, "
        "conversations, activities, objects, or situations)?",
        "C",
    ),
    ("Trouble remembering important parts of the stressful experience?", "D"),
    (
        "Having strong negative beliefs about yourself, other people, or the world (for "
        "example, having thoughts such as: I am bad, there is something seriously wrong with "
        "me, no one can be trusted, the world is completely dangerous)?",
        "D",
    ),
    (
        "Blaming yourself or someone else for the stressful experience or what happened after it?",
        "D",
    ),
    ("Having strong negative feelings such as fear, horror, anger, guilt, or shame?", "D"),
    ("Loss of interest in activities that you used to enjoy?", "D"),
    ("Feeling distant or cut off from other people?", "D"),
    (
        "Trouble experiencing positive feelings (for example, being unable to feel happiness or "
        "have loving feelings for people close to you)?",
        "D",
    ),
    ("Irritable behavior, angry outbursts, or acting aggressively?", "E"),
    ("Taking too many risks or doing things that could cause you harm?", "E"),
    ("Being “superalert” or watchful or on guard?", "E"),
    ("Feeling jumpy or easily startled?", "E"),
    ("Having difficulty concentrating?", "E"),
    ("Trouble falling or staying asleep?", "E"),
)

PHQ_OPTIONS = ("Not at all", "Several days", "More than half the days", "Nearly every day")
# LOINC answer list LL358-3.
PHQ_OPTION_LOINC = ("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9")
PHQ_LICENCE = (
    "Copyright © Pfizer Inc. All rights reserved. No permission required to reproduce, "
    "translate, display or distribute (https://www.phqscreeners.com/)."
)
PHQ_ATTRIBUTION = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, "
    "with an educational grant from Pfizer Inc."
)

GAD7_STEM = "Over the last 2 weeks, how often have you been bothered by the following problems?"
GAD7_ITEMS: tuple[tuple[str, str], ...] = (
    ("Feeling nervous, anxious, or on edge", "69725-0"),
    ("Not being able to stop or control worrying", "68509-9"),
    ("Worrying too much about different things", "69733-4"),
    ("Trouble relaxing", "69734-2"),
    ("Being so restless that it is hard to sit still", "69735-9"),
    ("Becoming easily annoyed or irritable", "69689-8"),
    ("Feeling afraid, as if something awful might happen", "69736-7"),
)

PHQ9_STEM = (
    "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
)
PHQ9_ITEMS: tuple[tuple[str, str], ...] = (
    ("Little interest or pleasure in doing things", "44250-9"),
    ("Feeling down, depressed, or hopeless", "44255-8"),
    ("Trouble falling or staying asleep, or sleeping too much", "44259-0"),
    ("Feeling tired or having little energy", "44254-1"),
    ("Poor appetite or overeating", "44251-7"),
    (
        "Feeling bad about yourself — or that you are a failure or have let yourself or your "
        "family down",
        "44258-2",
    ),
    (
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "44252-5",
    ),
    (
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "44253-3",
    ),
    ("Thoughts that you would be better off dead or of hurting yourself in some way", "44260-8"),
)

# The optional functional-difficulty question after GAD-7 / PHQ-9: asked, never scored.
# The GAD-7 version's LOINC code was not found, so it is left blank.
DIFFICULTY: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "gad7": (
            "If you checked off any problems, how difficult have these made it for you to do "
            "your work, take care of things at home, or get along with other people?",
            "",
        ),
        "phq9": (
            "If you checked off any problems, how difficult have these problems made it for you "
            "to do your work, take care of things at home, or get along with other people?",
            "69722-7",
        ),
    }
)
DIFFICULTY_OPTIONS = (
    "Not difficult at all",
    "Somewhat difficult",
    "Very difficult",
    "Extremely difficult",
)
DIFFICULTY_OPTION_LOINC = ("LA6572-7", "LA6573-5", "LA6575-0", "LA6574-3")

# instrument id -> (LOINC panel, LOINC total score, source ids)
PHQ_CODES: Mapping[str, tuple[str, str, tuple[str, ...]]] = MappingProxyType(
    {
        "gad7": ("69737-5", "70274-6", ("spitzer2006", "toussaint2020", "phq-screeners")),
        "phq9": ("44249-1", "44261-6", ("kroenke2001", "lowe2004", "phq-screeners")),
    }
)
