"""The references behind every instrument, threshold, formula and crisis line in this package.

Each source has a short id that scores, changes and alerts carry, so an interface can show the
citation next to the number. Identifiers (PMID, DOI) that could not be confirmed against the
publisher are marked ``verified=False`` and rendered with "(unverified)".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Source:
    """One citable reference: a paper, a form, a label or an official web page."""

    id: str
    citation: str
    url: str = ""
    verified: bool = True

    def __str__(self) -> str:
        text = f"{self.citation} {self.url}".strip()
        return text if self.verified else f"{text} (unverified)"


_SOURCES: tuple[Source, ...] = (
    Source(
        "weathers2013",
        "Weathers FW, Litz BT, Keane TM, Palmieri PA, Marx BP, Schnurr PP. The PTSD Checklist "
        "for DSM-5 (PCL-5). National Center for PTSD, 2013.",
        "https://www.ptsd.va.gov/professional/assessment/adult-sr/ptsd-checklist.asp",
    ),
    Source(
        "blevins2015",
        "Blevins CA, Weathers FW, Davis MT, Witte TK, Domino JL. The PTSD Checklist for DSM-5 "
        "(PCL-5). J Trauma Stress 2015;28(6):489–498. PMID 26606250.",
    ),
    Source(
        "bovin2016",
        "Bovin MJ, Marx BP, Weathers FW, et al. Psychometric properties of the PCL-5. "
        "Psychol Assess 2016;28(11):1379–1391. PMID 26653052.",
    ),
    Source(
        "va-pcl5-guide",
        "National Center for PTSD. Using the PTSD Checklist for DSM-5 (PCL-5): cut-point 31–33; "
        "5 points minimum for response, 10 points for clinically meaningful change (wording "
        "seen only as reproduced by secondary sources).",
        "https://www.ptsd.va.gov/professional/assessment/adult-sr/ptsd-checklist.asp",
        verified=False,
    ),
    Source(
        "marx2022",
        "Marx BP, Lee DJ, Norman SB, et al. Reliable and clinically significant change in the "
        "CAPS-5 and PCL-5 among male veterans. Psychol Assess 2022;34(2):197–203. "
        "DOI 10.1037/pas0001098.",
        verified=False,
    ),
    Source(
        "blanchard2023",
        "Blanchard BE, et al. J Trauma Stress 2023;36(6):1102–1114. DOI 10.1002/jts.22975. "
        "PMID 37845820.",
    ),
    Source(
        "spitzer2006",
        "Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized "
        "anxiety disorder: the GAD-7. Arch Intern Med 2006;166(10):1092–1097. PMID 16717171.",
    ),
    Source(
        "toussaint2020",
        "Toussaint A, et al. Sensitivity to change and minimal clinically important difference "
        "of the GAD-7. J Affect Disord 2020;265:395–401. DOI 10.1016/j.jad.2020.01.032. "
        "PMID 32090765.",
    ),
    Source(
        "kroenke2001",
        "Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity "
        "measure. J Gen Intern Med 2001;16(9):606–613. PMID 11556941.",
        verified=False,
    ),
    Source(
        "lowe2004",
        "Löwe B, et al. Monitoring depression treatment outcomes with the PHQ-9. Med Care "
        "2004;42(12):1194–1201. DOI 10.1097/00005650-200412000-00006. PMID 15550799.",
    ),
    Source(
        "phq-screeners",
        "Spitzer RL, Williams JBW, Kroenke K and colleagues; educational grant from Pfizer Inc. "
        "PHQ and GAD-7 screeners: no permission required to reproduce, translate, display or "
        "distribute.",
        "https://www.phqscreeners.com/",
    ),
    Source(
        "simon2013",
        "Simon GE, et al. Does response on the PHQ-9 depression questionnaire predict "
        "subsequent suicide attempt or suicide death? Psychiatr Serv 2013;64(12):1195–1202. "
        "DOI 10.1176/appi.ps.201200587.",
    ),
    Source(
        "louzon2016",
        "Louzon SA, et al. Does suicidal ideation as measured by the PHQ-9 predict suicide among "
        "VA patients? Psychiatr Serv 2016. DOI 10.1176/appi.ps.201500149.",
    ),
    Source(
        "carney2012",
        "Carney CE, Buysse DJ, Ancoli-Israel S, et al. The consensus sleep diary: standardizing "
        "prospective sleep self-monitoring. Sleep 2012;35(2):287–302. DOI 10.5665/sleep.1642. "
        "PMID 22294820.",
    ),
    Source(
        "reed2016",
        "Reed DL, Sacco WP. Measuring sleep efficiency: what should the denominator be? "
        "J Clin Sleep Med 2016;12(2):263–266. DOI 10.5664/jcsm.5498. PMID 26194727.",
    ),
    Source(
        "lewis1997",
        "Lewis SJ, Heaton KW. Stool form scale as a useful guide to intestinal transit time. "
        "Scand J Gastroenterol 1997;32(9):920–924. PMID 9299672.",
        verified=False,
    ),
    Source(
        "nih-ods-mg",
        "NIH Office of Dietary Supplements. Magnesium: Fact Sheet for Health Professionals "
        "(excess magnesium; forms most often reported to cause diarrhoea).",
        "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/",
    ),
    Source(
        "iom1997",
        "Institute of Medicine. Dietary Reference Intakes for Calcium, Phosphorus, Magnesium, "
        "Vitamin D, and Fluoride. National Academy Press, 1997, p. 243 (diarrhoea is the first "
        "sign of excess non-food magnesium; hypermagnesaemia mostly with impaired kidneys).",
        "https://doi.org/10.17226/5776",
    ),
    Source(
        "who-diarrhoea",
        "World Health Organization. Diarrhoeal disease fact sheet: three or more loose or liquid "
        "stools per day.",
        "https://www.who.int/news-room/fact-sheets/detail/diarrhoeal-disease",
    ),
    Source(
        "stanley2012",
        "Stanley B, Brown GK. Safety planning intervention. Cogn Behav Pract 2012;19(2):256–264.",
    ),
)

SOURCES: Mapping[str, Source] = MappingProxyType({s.id: s for s in _SOURCES})


def cite(source_ids: tuple[str, ...]) -> tuple[str, ...]:
    """Render source ids as citation strings (an unknown id is a programming error)."""
    return tuple(str(SOURCES[i]) for i in source_ids)
