"""The workbook layout, defined once: sheets, columns and parameter keys.

The template writer, the reader, the validation messages and docs/template.md all work from these
tables, so a column is added or renamed here and nowhere else.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from optimiser.domain import Catchment, EntityKind, InstitutionType, Parameters, PoolKind
from optimiser.settings import SOLVER_FIELDS, SolverSettings


class Kind(StrEnum):
    """What a cell holds; decides how it is read, written, formatted and described."""

    ID = "id"  # text id; a number such as 123 is read as "123"
    TEXT = "text"
    INT = "int"  # whole number (counts)
    NUMBER = "number"
    FTE = "fte"  # årsværk, shown with two decimals
    MONEY = "money"  # DKK, shown with thousands separators
    SHARE = "share"  # 0.8 = 80 %; "80 %" is accepted
    BOOL = "bool"  # ja / nej
    CHOICE = "choice"  # one word from a fixed list
    CHOICES = "choices"  # comma-separated words from a fixed list
    NAMES = "names"  # comma-separated free names


NUMBER_FORMATS: dict[Kind, str] = {
    Kind.INT: "0",
    Kind.FTE: "0.00",
    Kind.MONEY: "#,##0",
    Kind.SHARE: "0.0%",
}

NUMERIC_KINDS = frozenset({Kind.INT, Kind.NUMBER, Kind.FTE, Kind.MONEY, Kind.SHARE})

# Plausible ranges of numbers, beyond what the domain model requires (its own bounds, such as 0 < FTE <= 1 or
# shares in 0-100 %, are reported by it). Each is far beyond any real municipal figure, so only a typing slip
# or a hostile file meets one; they keep the need model's sums and the solver's integer scaling finite and exact.
# Listed with their numbers in docs/template.md.
MAX_CHILDREN = 100_000  # per institution; the largest Danish schools have under 2,000 pupils
MAX_COST_DKK = 10_000_000  # per FTE a year; a specialist costs about 0.6-0.9 million kr.
MAX_BUDGET_DKK = 10_000_000_000  # new posts; a large municipality's whole schools budget is a few billion kr.
MAX_STAFF_COUNT = 10_000  # per team (min_pr_team), moves, institutions per contact: a city has ~1,000 staff
MAX_NEED_WEIGHT = 100  # |weight|: 1 already doubles need at twice the mean indicator
MAX_NEED_FLOOR = 100  # the lowest need multiplier; 1 means no need-weighting below the mean
MAX_NORM = 1_000_000  # children per FTE; real norms are 500-3,000
MAX_INDICATOR = 1_000_000_000  # |indicator|: rates, indices, counts and kroner per inhabitant all fit
MAX_TEAM_FTE = 100_000  # team size bounds in FTE
MAX_SECONDS = 86_400  # solving time: a day
MAX_SEED = 2_147_483_647  # |seed|: CP-SAT's random seed is a 32-bit integer
MAX_OBJECTIVE_WEIGHT = 1_000_000  # |weight| of a term of the weighted objective
MAX_TOLERANCE = 100  # shortfall tolerance: 10,000 % of the best total shortfall

# Danish word in the workbook -> domain value.
Choices = tuple[tuple[str, str], ...]
TYPE_CHOICES: Choices = tuple((t.value, t.value) for t in InstitutionType)
DEMAND_CHOICES: Choices = (("fordeling", "fair_share"), ("norm", "norm"))
OBJECTIVE_CHOICES: Choices = (("leksikografisk", "lexicographic"), ("vægtet", "weighted"))
POOL_KIND_CHOICES: Choices = tuple((k.value, k.value) for k in PoolKind)
CATCHMENT_CHOICES: Choices = tuple((c.value, c.value) for c in Catchment)


@dataclass(frozen=True)
class Column:
    """One column of a data sheet. `field` is the domain field it fills (None: for people only)."""

    name: str
    field: str | None
    kind: Kind
    required: bool
    help_da: str
    help_en: str
    example: str
    choices: Choices = ()
    lookup: str | None = None  # drop-down list from the first column of this sheet
    width: int = 16
    low: float | None = None  # plausible range of a number (None: open)
    high: float | None = None


@dataclass(frozen=True)
class Sheet:
    """One data sheet: an entity per row (or the parameter keys)."""

    name: str
    entity: EntityKind | None
    help_da: str
    help_en: str
    columns: tuple[Column, ...]
    optional: bool = False  # the sheet may be left out of a book (and left empty)

    def column(self, field: str) -> Column:
        return next(c for c in self.columns if c.field == field)


@dataclass(frozen=True)
class Param:
    """One key of the `Parametre` sheet and the `Parameters` field it sets (a solver setting: the
    `SolverSettings` field, read into `Instance.solver` beside the parameters)."""

    key: str
    field: str
    kind: Kind
    help_da: str
    help_en: str
    choices: Choices = ()
    term: str | None = None  # for `weights`: the objective term this key weighs
    low: float | None = None  # plausible range of a number (None: open)
    high: float | None = None

    @property
    def default(self) -> object:
        """The value a blank cell means (None: none; for a weight: the solver's own default)."""
        if self.term is not None:
            return None
        if self.solver:
            return SolverSettings.model_fields[self.field].default
        return Parameters.model_fields[self.field].default

    @property
    def solver(self) -> bool:
        """A solver setting (how the solver runs), not a policy parameter."""
        return self.field in SOLVER_FIELDS


def normalise(name: str) -> str:
    """Header and sheet names compare case-, accent-form- and spacing-insensitively ("Område ID" = "område_id").

    NFKC folds full-width letters and no-break spaces; invisible characters (zero-width space, soft hyphen,
    BOM: Unicode category Cf), which text pasted from elsewhere brings along, are dropped, so a header that
    looks right is found."""
    text = "".join(c for c in unicodedata.normalize("NFKC", name) if unicodedata.category(c) != "Cf")
    return re.sub(r"[\s\-_]+", "_", text.strip().casefold())


INSTRUCTIONS = "Vejledning"

AREAS = Sheet(
    "Områder",
    "area",
    "Ét område pr. række (fx de 5 områder). Teams hører til et område.",
    "One area per row. Every team belongs to an area.",
    (
        Column("område_id", "id", Kind.ID, True, "Områdets id (kort kode).", "Area id (short code).", "AMA"),
        Column("navn", "name", Kind.TEXT, True, "Områdets navn.", "Area name.", "Amager", width=30),
    ),
)

TEAMS = Sheet(
    "Teams",
    "team",
    "Ét bydelsteam pr. række.",
    "One district team per row.",
    (
        Column("team_id", "id", Kind.ID, True, "Teamets id (kort kode).", "Team id (short code).", "AMA-1"),
        Column("navn", "name", Kind.TEXT, True, "Teamets navn.", "Team name.", "Amager Nord", width=30),
        Column(
            "område_id",
            "area_id",
            Kind.ID,
            True,
            "Området, teamet hører til (område_id fra arket Områder).",
            "The team's area (område_id from sheet Områder).",
            "AMA",
            lookup="Områder",
        ),
        Column(
            "bredde",
            "latitude",
            Kind.NUMBER,
            False,
            "Teamets base: breddegrad (WGS84). Tom = midtpunktet af teamets institutioner, vægtet med børn.",
            "The team's base: latitude (WGS84). Blank = its institutions' centroid, weighted by children.",
            "55,66",
            width=10,
            low=-90,
            high=90,
        ),
        Column(
            "længde",
            "longitude",
            Kind.NUMBER,
            False,
            "Teamets base: længdegrad (WGS84). Tom = som ovenfor.",
            "The team's base: longitude (WGS84). Blank = as above.",
            "12,58",
            width=10,
            low=-180,
            high=180,
        ),
    ),
)

INSTITUTIONS = Sheet(
    "Institutioner",
    "institution",
    "Én skole, et dagtilbud eller et fritidscenter pr. række. Efter de faste kolonner kommer én kolonne pr. "
    "behovsindikator; kolonnens overskrift er indikatorens navn, som det står på arket Behovsvægte. Kun tal "
    "for hele institutionen (aldrig oplysninger om enkelte børn). Tom indikatorcelle = ikke indberettet "
    "(regnes som kommunens gennemsnit).",
    "One school, daycare or leisure centre per row. After the fixed columns comes one column per need "
    "indicator, headed by the indicator's name as used on sheet Behovsvægte. Aggregates per institution only "
    "(never data on a child). A blank indicator cell means not reported (taken as the municipal mean).",
    (
        Column(
            "institution_id",
            "id",
            Kind.ID,
            True,
            "Institutionens id.",
            "Institution id.",
            "SK-101",
        ),
        Column("navn", "name", Kind.TEXT, True, "Institutionens navn.", "Institution name.", "Amager Skole", width=30),
        Column(
            "type",
            "type",
            Kind.CHOICE,
            True,
            "skole, dagtilbud eller fritid.",
            "skole, dagtilbud or fritid.",
            "skole",
            choices=TYPE_CHOICES,
        ),
        Column(
            "team_id",
            "team_id",
            Kind.ID,
            True,
            "Teamet, der dækker institutionen (team_id fra arket Teams).",
            "The team serving the institution (team_id from sheet Teams).",
            "AMA-1",
            lookup="Teams",
        ),
        Column(
            "børn",
            "children",
            Kind.INT,
            True,
            "Antal indskrevne børn (helt tal).",
            "Children enrolled (whole number).",
            "420",
            width=10,
            high=MAX_CHILDREN,
        ),
        Column(
            "lovpligtige_sager",
            "statutory_cases",
            Kind.NUMBER,
            False,
            "Lovpligtige sager om året (fx pædagogisk-psykologiske vurderinger), som den ikke-praksisnære tid skal "
            "dække. Tom = ikke oplyst.",
            "Statutory cases a year (e.g. pedagogical-psychological assessments) that the non-practice time must "
            "cover. Blank = not given.",
            "12",
            width=12,
            high=MAX_CHILDREN,
        ),
        # Issue 11: the reporting geography, daycare clusters and coordinates (all optional).
        Column(
            "bydel",
            "district_id",
            Kind.ID,
            False,
            "Bydelen, institutionen hører til (samme i alle strukturer; tallene vises også pr. bydel). "
            "Tom = institutionens team.",
            "The district the institution belongs to (the same in every structure; figures are also shown per "
            "district). Blank = the institution's team.",
            "Amager Vest",
            width=20,
        ),
        Column(
            "klynge_id",
            "cluster_id",
            Kind.ID,
            False,
            "Dagtilbuddets klynge; en klynge bør ligge i ét team (tjekkes for hver struktur). Tom = ingen klynge.",
            "The daycare unit's cluster; a cluster should lie in one team (checked for every structure). Blank = "
            "no cluster.",
            "klynge_AV_1",
            width=14,
        ),
        Column(
            "bredde",
            "latitude",
            Kind.NUMBER,
            False,
            "Breddegrad i grader (WGS84, fx 55,66), til afstanden fra teamets base. Tom = ukendt.",
            "Latitude in degrees (WGS84, e.g. 55.66), for the distance from the team's base. Blank = unknown.",
            "55,66",
            width=10,
            low=-90,
            high=90,
        ),
        Column(
            "længde",
            "longitude",
            Kind.NUMBER,
            False,
            "Længdegrad i grader (WGS84, fx 12,58). Tom = ukendt.",
            "Longitude in degrees (WGS84, e.g. 12.58). Blank = unknown.",
            "12,58",
            width=10,
            low=-180,
            high=180,
        ),
    ),
)

PROFESSIONS = Sheet(
    "Faggrupper",
    "profession",
    "Én faggruppe pr. række (fx psykolog, tale-hørekonsulent). Behovsgulv, behovsandel og norm gælder "
    "faggruppens behovsmodel.",
    "One profession per row. Need floor, blend and norm belong to the profession's need model.",
    (
        Column(
            "faggruppe",
            "id",
            Kind.ID,
            True,
            "Faggruppens id (kort, uden mellemrum; bruges på de andre ark).",
            "Profession id (short, no spaces; used on the other sheets).",
            "psykolog",
            width=24,
        ),
        Column(
            "navn",
            "name",
            Kind.TEXT,
            False,
            "Faggruppens navn, som det vises i rapporterne. Tom = id'et med mellemrum (fx 'Tale hørekonsulent').",
            "The profession's name as reports show it. Blank = the id with spaces (e.g. 'Tale hørekonsulent').",
            "Psykolog",
            width=26,
        ),
        Column(
            "årsløn_kr",
            "annual_cost_dkk",
            Kind.MONEY,
            True,
            "Årlig lønudgift for ét årsværk, i kr.",
            "Annual cost of one FTE in DKK.",
            "620.000",
            width=14,
            high=MAX_COST_DKK,
        ),
        Column(
            "min_pr_team",
            "min_per_team",
            Kind.INT,
            False,
            "Mindste antal medarbejdere af faggruppen i hvert team (helt tal). Tom = 0.",
            "Minimum staff of the profession in every team (whole number). Blank = 0.",
            "2",
            width=12,
            high=MAX_STAFF_COUNT,
        ),
        Column(
            "institutionstyper",
            "institution_types",
            Kind.CHOICES,
            True,
            "De institutionstyper, faggruppen betjener, adskilt af komma.",
            "Institution types the profession serves, comma-separated.",
            "skole, dagtilbud",
            choices=TYPE_CHOICES,
            width=22,
        ),
        Column(
            "praksisandel",
            "practice_share",
            Kind.SHARE,
            False,
            "Andel af tiden, der bruges praksisnært (80/20-princippet). Tom = 80 %.",
            "Share of time spent practice-near (the 80/20 principle). Blank = 80 %.",
            "80 %",
            width=13,
        ),
        Column(
            "behovsgulv",
            "need_floor",
            Kind.NUMBER,
            False,
            "Laveste behovsfaktor for en institution: også steder med lavt behov får støtte. Tom = 0,5.",
            "Lowest need multiplier of any institution: low-need places still get support. Blank = 0.5.",
            "0,5",
            width=12,
            high=MAX_NEED_FLOOR,
        ),
        Column(
            "behovsandel",
            "need_blend",
            Kind.SHARE,
            False,
            "Hvor meget fordelingen følger behov frem for antal børn (100 % = kun behov). Tom = 100 %.",
            "How much the share follows need rather than head count (100 % = need only). Blank = 100 %.",
            "100 %",
            width=12,
        ),
        Column(
            "norm_børn_pr_årsværk",
            "norm_children_per_fte",
            Kind.NUMBER,
            False,
            "Børn pr. praksisnært årsværk; skal udfyldes, når behovsmodel = norm.",
            "Children per practice-near FTE; required when behovsmodel = norm.",
            "1500",
            width=14,
            high=MAX_NORM,
        ),
        Column(
            "kontaktperson",
            "contact_per_institution",
            Kind.BOOL,
            False,
            "ja: hver institution, faggruppen betjener, får en navngiven kontaktperson. Tom = ja.",
            "ja (yes): every institution served gets a named contact of this profession. Blank = ja.",
            "ja",
            width=13,
        ),
        Column(
            "timer_pr_sag",
            "hours_per_case",
            Kind.NUMBER,
            False,
            "Timer af faggruppens tid, én lovpligtig sag tager (arket Institutioner, lovpligtige_sager). Tom = 0.",
            "Hours of the profession's time one statutory case takes (sheet Institutioner, lovpligtige_sager). "
            "Blank = 0.",
            "15",
            width=12,
            high=1000,
        ),
    ),
)

NEED_WEIGHTS = Sheet(
    "Behovsvægte",
    "need_weight",
    "Én række pr. faggruppe og indikator. Indikatoren skal være en kolonne på arket Institutioner. Hver "
    "faggruppe skal have mindst én række (vægt 0 = fordel efter antal børn).",
    "One row per profession and indicator. The indicator must be a column on sheet Institutioner. Every "
    "profession needs at least one row (weight 0 = share by head count).",
    (
        Column(
            "faggruppe",
            "profession",
            Kind.ID,
            True,
            "Faggruppen (fra arket Faggrupper).",
            "The profession (from sheet Faggrupper).",
            "psykolog",
            lookup="Faggrupper",
            width=24,
        ),
        Column(
            "indikator",
            "indicator",
            Kind.ID,
            True,
            "Indikatorens navn = overskriften på kolonnen på arket Institutioner.",
            "Indicator name = the column header on sheet Institutioner.",
            "andel_særlig_risiko",
            width=24,
        ),
        Column(
            "vægt",
            "weight",
            Kind.NUMBER,
            True,
            "Hvor meget indikatoren trækker behovet op eller ned (0 = ingen betydning).",
            "How strongly the indicator moves need up or down (0 = no effect).",
            "0,6",
            width=10,
            low=-MAX_NEED_WEIGHT,
            high=MAX_NEED_WEIGHT,
        ),
    ),
)

INDICATORS = Sheet(
    "Indikatorer",
    "indicator",
    "Kan udelades. Navn og beskrivelse af behovsindikatorerne, som rapporterne viser dem: én række pr. "
    "indikator (overskriften på kolonnen på arket Institutioner). En indikator uden række vises ved sit id.",
    "Optional. The need indicators' names and descriptions as reports show them: one row per indicator (the "
    "column header on sheet Institutioner). An indicator without a row is shown by its id.",
    (
        Column(
            "indikator",
            "id",
            Kind.ID,
            True,
            "Indikatoren = overskriften på kolonnen på arket Institutioner.",
            "The indicator = the column header on sheet Institutioner.",
            "andel_særlig_risiko",
            width=26,
        ),
        Column(
            "navn",
            "name",
            Kind.TEXT,
            False,
            "Indikatorens navn i rapporterne. Tom = id'et med mellemrum.",
            "The indicator's name in reports. Blank = the id with spaces.",
            "Andel elever i særlig risiko",
            width=34,
        ),
        Column(
            "beskrivelse",
            "description",
            Kind.TEXT,
            False,
            "Hvad indikatoren måler, og hvor tallet kommer fra (kilde og år).",
            "What the indicator measures and where the figure comes from (source and year).",
            "Andel elever med risiko for specialundervisning (kommunens data, 2024)",
            width=60,
        ),
    ),
    optional=True,
)

STAFF = Sheet(
    "Medarbejdere",
    "staff",
    "Én medarbejder pr. række, med et pseudonymt id. Aldrig CPR-numre.",
    "One staff member per row, with a pseudonymous id. Never CPR numbers.",
    (
        Column(
            "medarbejder_id",
            "id",
            Kind.ID,
            True,
            "Pseudonymt id (ikke CPR-nummer).",
            "Pseudonymous id (never a CPR number).",
            "M0001",
        ),
        Column("navn", "name", Kind.TEXT, False, "Navn (kan udelades).", "Name (optional).", "Anna Jensen", width=24),
        Column(
            "faggruppe",
            "profession",
            Kind.ID,
            True,
            "Faggruppen (fra arket Faggrupper).",
            "The profession (from sheet Faggrupper).",
            "psykolog",
            lookup="Faggrupper",
            width=24,
        ),
        Column(
            "årsværk",
            "fte",
            Kind.FTE,
            True,
            "Årsværk: større end 0 og højst 1 (fuld tid = 1).",
            "FTE: more than 0 and at most 1 (full time = 1).",
            "0,80",
            width=10,
        ),
        Column(
            "område_id",
            "area_id",
            Kind.ID,
            True,
            "Medarbejderens område (fra arket Områder).",
            "The staff member's area (from sheet Områder).",
            "AMA",
            lookup="Områder",
        ),
        Column(
            "nuværende_team_id",
            "current_team_id",
            Kind.ID,
            True,
            "Det team, medarbejderen er i nu; skal ligge i medarbejderens område.",
            "The team the staff member is in now; must be in their area.",
            "AMA-1",
            lookup="Teams",
            width=18,
        ),
        Column(
            "låst_team_id",
            "locked_team_id",
            Kind.ID,
            False,
            "Udfyld for at låse medarbejderen til et team. Tom = frit.",
            "Fill in to lock the staff member to a team. Blank = free.",
            "AMA-2",
            lookup="Teams",
        ),
        Column(
            "ønsket_team_id",
            "preferred_team_id",
            Kind.ID,
            False,
            "Et team, medarbejderen helst vil i (et ønske, ikke et krav).",
            "A team the staff member prefers (a wish, not a rule).",
            "AMA-2",
            lookup="Teams",
        ),
        Column(
            "kompetencecenter",
            "competence_centre",
            Kind.ID,
            False,
            "institution_id for det kompetencecenter, medarbejderen er knyttet til.",
            "institution_id of the competence centre the staff member belongs to.",
            "SK-101",
            lookup="Institutioner",
            width=18,
        ),
        Column(
            "årsløn_kr",
            "cost_override_dkk",
            Kind.MONEY,
            False,
            "Årsløn pr. årsværk, hvis den afviger fra faggruppens. Tom = faggruppens.",
            "Annual cost per FTE if it differs from the profession's. Blank = the profession's.",
            "650.000",
            width=14,
            high=MAX_COST_DKK,
        ),
        Column(
            "pulje",
            "pool_id",
            Kind.ID,
            False,
            "Den specialistpulje (pulje_id fra arket Puljer), medarbejderen hører til; flyttes aldrig af "
            "optimeringen. Tom med et kompetencecenter = puljen med centret som hjem.",
            "The specialist pool (pulje_id from sheet Puljer) the staff member belongs to; never moved by the "
            "optimiser. Blank with a competence centre = the pool whose home is the centre.",
            "KC-FREJA",
            lookup="Puljer",
            width=16,
        ),
    ),
)

POOLS = Sheet(
    "Puljer",
    "pool",
    "Kan udelades. Specialistpuljer: kompetencecentre, områdernes flexteams og bydækkende enheder. Én pulje pr. "
    "række. Puljens medarbejdere (kolonne pulje eller kompetencecenter på arket Medarbejdere) flyttes aldrig "
    "mellem teams af optimeringen; deres tid deles efter behov over puljens optageområde og regnes uden for "
    "bydelsteamenes lighed (se docs/method.md).",
    "Optional. Specialist pools: competence centres, the areas' flex teams and city-wide units. One pool per row. "
    "Its staff (column pulje or kompetencecenter on sheet Medarbejdere) are never moved between teams by the "
    "optimiser; their time is shared by need over the pool's catchment and kept out of the district teams' "
    "equity (see docs/method.md).",
    (
        Column("pulje_id", "id", Kind.ID, True, "Puljens id (kort kode).", "Pool id (short code).", "KC-FREJA"),
        Column("navn", "name", Kind.TEXT, False, "Puljens navn.", "The pool's name.", "Frejaskolen", width=30),
        Column(
            "type",
            "kind",
            Kind.CHOICE,
            True,
            "kompetencecenter, flexteam eller bydækkende.",
            "kompetencecenter (competence centre), flexteam (flex team) or bydækkende (city-wide unit).",
            "kompetencecenter",
            choices=POOL_KIND_CHOICES,
            width=18,
        ),
        Column(
            "hjem",
            "home",
            Kind.ID,
            True,
            "Puljens hjem: et institution_id (et kompetencecenter) eller et område_id (et flexteam).",
            "The pool's home: an institution_id (a competence centre) or an område_id (a flex team).",
            "S012",
            width=18,
        ),
        Column(
            "optag",
            "catchment",
            Kind.CHOICE,
            False,
            "Hvem puljen betjener: område (hjemmets område), by (hele kommunen) eller liste (kolonne "
            "optag_liste). Tom = område.",
            "Whom the pool serves: område (its home's area), by (the whole municipality) or liste (column "
            "optag_liste). Blank = område.",
            "område",
            choices=CATCHMENT_CHOICES,
            width=12,
        ),
        Column(
            "optag_liste",
            "members",
            Kind.NAMES,
            False,
            "Ved optag = liste: de teams og institutioner (team_id, institution_id), puljen betjener, adskilt af "
            "komma.",
            "With optag = liste: the teams and institutions (team_id, institution_id) it serves, comma-separated.",
            "valby, S031",
            width=24,
        ),
        Column(
            "faggrupper",
            "professions",
            Kind.NAMES,
            True,
            "De faggrupper (fra arket Faggrupper), puljen rummer, adskilt af komma.",
            "The professions (from sheet Faggrupper) the pool holds, comma-separated.",
            "kompetencecenter",
            width=24,
        ),
    ),
    optional=True,
)

PARAMETERS = Sheet(
    "Parametre",
    None,
    "Én nøgle pr. række. Tom værdi = standardværdien. Nøglerne står allerede i skabelonen. Fire af dem "
    "(tidsgrænse_s, frø, deterministisk, tråde) er løserindstillinger: de styrer, hvordan løseren regner, "
    "ikke hvad planen skal opfylde.",
    "One key per row. A blank value means the default. The template lists every key. Four of them "
    "(tidsgrænse_s, frø, deterministisk, tråde) are solver settings: they steer how the solver runs, not what "
    "the plan must do.",
    (
        Column(
            "nøgle",
            None,
            Kind.TEXT,
            True,
            "Parameterens navn (skal stå som i skabelonen).",
            "Parameter name (as in the template).",
            "behovsmodel",
            width=28,
        ),
        Column(
            "værdi",
            None,
            Kind.TEXT,
            True,
            "Værdien. Tom = standardværdien.",
            "The value. Blank = default.",
            "fordeling",
            width=16,
        ),
        Column(
            "standard",
            None,
            Kind.TEXT,
            False,
            "Standardværdien (kun til orientering).",
            "The default (for information only).",
            "fordeling",
            width=16,
        ),
        Column(
            "beskrivelse",
            None,
            Kind.TEXT,
            False,
            "Hvad parameteren gør (kun til orientering).",
            "What the key does (for information only).",
            "",
            width=80,
        ),
    ),
)

STRUCTURE_TEAMS = Sheet(
    "Strukturteams",
    "structure_team",
    "Kan udelades. Teams, der kun findes i en alternativ struktur (fx 26 klynger eller ét team pr. område), "
    "med samme kolonner som arket Teams. Teams fra arket Teams skal ikke stå her igen.",
    "Optional. Teams that exist only in an alternative structure (e.g. 26 clusters or one team per area), with "
    "the same columns as sheet Teams. Teams on sheet Teams are not repeated here.",
    TEAMS.columns,
    optional=True,
)

STRUCTURES = Sheet(
    "Strukturer",
    "structure_assignment",
    "Kan udelades. Alternative organiseringer af de samme institutioner: én række pr. struktur og institution. "
    "En struktur skal nævne hver institution præcis én gang. Medarbejdernes nuværende teams er stadig dem på "
    "arket Teams; et scenarie vælger en struktur ved navn (se docs/scenarios.md).",
    "Optional. Alternative organisations of the same institutions: one row per structure and institution. A "
    "structure names every institution exactly once. Staff's current teams stay those on sheet Teams; a "
    "scenario picks a structure by name (see docs/scenarios.md).",
    (
        Column(
            "struktur",
            "structure",
            Kind.ID,
            True,
            "Strukturens navn (samme navn på alle dens rækker).",
            "The structure's name (the same on all its rows).",
            "26_klynger",
            width=20,
        ),
        Column(
            "institution_id",
            "institution_id",
            Kind.ID,
            True,
            "Institutionen (institution_id fra arket Institutioner).",
            "The institution (institution_id from sheet Institutioner).",
            "S001",
            lookup="Institutioner",
        ),
        Column(
            "team_id",
            "team_id",
            Kind.ID,
            True,
            "Teamet, der dækker institutionen i denne struktur (fra arket Teams eller Strukturteams).",
            "The team serving the institution in this structure (from sheet Teams or Strukturteams).",
            "amager_øst_a",
            width=22,
        ),
    ),
    optional=True,
)

START_TEAMS = Sheet(
    "Startteams",
    "start_team",
    "Kan udelades. Hvor medarbejderne starter i en alternativ struktur: et team fra arket Teams (alle dets "
    "medarbejdere) eller én medarbejder → et team i strukturen. Flytninger tælles herfra. En række med "
    "medarbejder_id går forud for teamets række. Uden række gælder startreglen (docs/method.md).",
    "Optional. Where staff start in an alternative structure: a team from sheet Teams (all its staff) or one "
    "staff member → a team of the structure. Moves are counted from there. A row with medarbejder_id comes "
    "before the team's row. Without a row the start rule applies (docs/method.md).",
    (
        Column(
            "struktur",
            "structure",
            Kind.ID,
            True,
            "Strukturens navn (fra arket Strukturer).",
            "The structure's name (from sheet Strukturer).",
            "26_klynger",
            width=20,
        ),
        Column(
            "team_id",
            "team_id",
            Kind.ID,
            False,
            "Teamet i dag (fra arket Teams). Tom, når medarbejder_id er udfyldt.",
            "Today's team (from sheet Teams). Blank where medarbejder_id is filled in.",
            "amager_vest",
            lookup="Teams",
            width=22,
        ),
        Column(
            "medarbejder_id",
            "staff_id",
            Kind.ID,
            False,
            "Én medarbejder (fra arket Medarbejdere). Tom = alle teamets medarbejdere.",
            "One staff member (from sheet Medarbejdere). Blank = all the team's staff.",
            "M0001",
        ),
        Column(
            "startteam_id",
            "start_team_id",
            Kind.ID,
            True,
            "Teamet i strukturen, de starter i (fra arket Teams eller Strukturteams).",
            "The structure's team they start in (from sheet Teams or Strukturteams).",
            "amager_vest_a",
            width=22,
        ),
    ),
    optional=True,
)

CONTACTS = Sheet(
    "Kontakter",
    "contact",
    "Kan udelades. Dagens primære kontaktperson pr. institution og faggruppe. Med arket tæller kontinuiteten "
    "de kontakter, der brydes; uden arket vises skiftede kontakter ikke (de er ikke kendt).",
    "Optional. Today's primary contact per institution and profession. With the sheet, continuity counts the "
    "contacts broken; without it, contacts changed are not shown (they are not known).",
    (
        Column(
            "institution_id",
            "institution_id",
            Kind.ID,
            True,
            "Institutionen (fra arket Institutioner).",
            "The institution (from sheet Institutioner).",
            "S001",
            lookup="Institutioner",
        ),
        Column(
            "faggruppe",
            "profession",
            Kind.ID,
            True,
            "Faggruppen (fra arket Faggrupper).",
            "The profession (from sheet Faggrupper).",
            "psykolog",
            lookup="Faggrupper",
            width=24,
        ),
        Column(
            "medarbejder_id",
            "staff_id",
            Kind.ID,
            True,
            "Kontaktpersonen (fra arket Medarbejdere, samme faggruppe).",
            "The contact (from sheet Medarbejdere, the same profession).",
            "M0001",
        ),
    ),
    optional=True,
)

# The dated steps of a transition plan (issue 16, `bydelsteam phase`); a scenario's own `steps:` win over these.
STEPS = Sheet(
    "Trin",
    "step",
    "Kan udelades. Overgangsplanens daterede trin (bydelsteam phase): ét trin pr. række, i datoorden. Et "
    "scenaries egne trin (steps:) går forud for arkets. Lofterne gælder hvert team og hver faggruppe: et helt tal "
    "er personer, en procent (10 %) er en andel af dem, der er der ved trinets start (rundet ned).",
    "Optional. The dated steps of a transition plan (bydelsteam phase): one step per row, in date order. A "
    "scenario's own steps (steps:) win over the sheet's. The caps hold for every team and every profession: a "
    "whole number is people, a percentage (10 %) a share of those there at the step's start (rounded down).",
    (
        Column(
            "dato", "date", Kind.TEXT, True, "Trinets dato (ÅÅÅÅ-MM-DD).", "The step's date (YYYY-MM-DD).", "2026-08-01"
        ),
        Column("titel", "title", Kind.TEXT, False, "Trinets navn.", "The step's name.", "Skoleåret 2026/27", width=24),
        Column(
            "max_flytninger",
            "max_moves",
            Kind.INT,
            False,
            "Højst så mange medarbejdere skifter team på trinet. Tom = ingen grænse.",
            "At most this many staff change team at the step. Blank = no limit.",
            "20",
            high=MAX_STAFF_COUNT,
        ),
        Column(
            "max_pr_team",
            "max_moves_per_team",
            Kind.NUMBER,
            False,
            "Højst så mange forlader hvert team (helt tal, eller en andel som 10 %). Tom = ingen grænse.",
            "At most this many leave each team (a whole number, or a share such as 10 %). Blank = no limit.",
            "10 %",
            high=MAX_STAFF_COUNT,
        ),
        Column(
            "max_pr_faggruppe",
            "max_moves_per_profession",
            Kind.NUMBER,
            False,
            "Højst så mange af hver faggruppe skifter team (helt tal, eller en andel som 10 %). Tom = ingen grænse.",
            "At most this many of each profession change team (a whole number, or a share such as 10 %). Blank = "
            "no limit.",
            "10 %",
            high=MAX_STAFF_COUNT,
        ),
        Column(
            "budget_kr",
            "budget_dkk",
            Kind.MONEY,
            False,
            "Penge til nye stillinger, der købes på trinet. Tom = ingen nye stillinger.",
            "Money for new posts bought at the step. Blank = no new posts.",
            "6.400.000",
            high=MAX_BUDGET_DKK,
        ),
    ),
    optional=True,
)

ENTITY_SHEETS: tuple[Sheet, ...] = (
    AREAS,
    TEAMS,
    INSTITUTIONS,
    PROFESSIONS,
    NEED_WEIGHTS,
    INDICATORS,
    STAFF,
    STRUCTURE_TEAMS,
    STRUCTURES,
    POOLS,
    START_TEAMS,
    CONTACTS,
    STEPS,
)
SHEETS: tuple[Sheet, ...] = (*ENTITY_SHEETS, PARAMETERS)
SHEET_BY_ENTITY: dict[EntityKind, Sheet] = {s.entity: s for s in ENTITY_SHEETS if s.entity is not None}

PARAMS: tuple[Param, ...] = (
    Param(
        "behovsmodel",
        "demand_mode",
        Kind.CHOICE,
        "fordeling: de eksisterende årsværk fordeles efter behov. norm: behovet beregnes ud fra faggruppernes "
        "norm (børn pr. årsværk) og viser manglen og dens pris.",
        "fordeling: distribute the existing FTE by need. norm: demand from each profession's norm (children "
        "per FTE), showing the gap and its price.",
        DEMAND_CHOICES,
    ),
    Param(
        "områdegrænse",
        "area_boundary",
        Kind.BOOL,
        "ja: medarbejdere bliver i deres område. nej: de kan flyttes til teams i andre områder.",
        "ja: staff stay in their area. nej: they may move to teams in other areas.",
    ),
    Param(
        "slå_fra_regler",
        "disabled_rules",
        Kind.NAMES,
        "Regler, der slås fra, adskilt af komma (fx max-moves, budget). Tom = alle regler gælder.",
        "Rules to switch off, comma-separated (e.g. max-moves, budget). Blank = all rules apply.",
    ),
    Param(
        "teamstørrelse_min_årsværk",
        "team_size_min_fte",
        Kind.FTE,
        "Mindste antal årsværk i et team. Tom = ingen grænse.",
        "Smallest team size in FTE. Blank = no limit.",
        high=MAX_TEAM_FTE,
    ),
    Param(
        "teamstørrelse_maks_årsværk",
        "team_size_max_fte",
        Kind.FTE,
        "Største antal årsværk i et team. Tom = ingen grænse.",
        "Largest team size in FTE. Blank = no limit.",
        high=MAX_TEAM_FTE,
    ),
    Param(
        "maks_flytninger",
        "max_moves",
        Kind.INT,
        "Højst så mange medarbejdere må skifte team. Tom = ingen grænse.",
        "At most this many staff may change team. Blank = no limit.",
        high=MAX_STAFF_COUNT,
    ),
    # Caps per team and per profession (issue 16, rule team-moves); a transition plan's steps set their own.
    Param(
        "maks_flytninger_pr_team",
        "max_moves_per_team",
        Kind.INT,
        "Højst så mange medarbejdere må forlade hvert team. Tom = ingen grænse.",
        "At most this many staff may leave each team. Blank = no limit.",
        high=MAX_STAFF_COUNT,
    ),
    Param(
        "maks_flytninger_pr_faggruppe",
        "max_moves_per_profession",
        Kind.INT,
        "Højst så mange medarbejdere af hver faggruppe må skifte team. Tom = ingen grænse.",
        "At most this many staff of each profession may change team. Blank = no limit.",
        high=MAX_STAFF_COUNT,
    ),
    Param(
        "budget_kr",
        "budget_dkk",
        Kind.MONEY,
        "Beløb i kr. til nye stillinger. Tom = ingen nye stillinger.",
        "Amount in DKK for new posts. Blank = no new posts.",
        high=MAX_BUDGET_DKK,
    ),
    Param(
        "overhead_andel",
        "overhead_share",
        Kind.SHARE,
        "Tillæg til lønudgiften for nye stillinger (fx 10 % til ledelse og lokaler); de nuværende "
        "medarbejderes løn er uden tillæg.",
        "Mark-up on the cost of new posts (e.g. 10 % for management and premises); today's staff cost no mark-up.",
    ),
    Param(
        "tolerance",
        "tolerance",
        Kind.SHARE,
        "Hvor mange procentpoint hvert af lighedens niveauer (den største relative mangel, den næststørste …) "
        "må give efter for at spare flytninger.",
        "How many percentage points every equity level (the largest relative shortfall, the next …) may give "
        "way to save moves.",
    ),
    Param(
        "mangeltolerance",
        "shortfall_tolerance",
        Kind.SHARE,
        "Hvor meget den samlede mangel i hvert område og hver faggruppe må stige (andel af den bedste) for at "
        "spare flytninger.",
        "How much the total shortfall of each area and profession may rise (share of its best) to save moves.",
        high=MAX_TOLERANCE,
    ),
    Param(
        "mindste_gevinst",
        "min_gain",
        Kind.FTE,
        "Et skift af team skal mindst mindske den samlede mangel med så mange årsværk (eller løfte lighedens "
        "niveauer); ellers bliver medarbejderen, hvor hun er.",
        "A change of team must cut total shortfall by at least this many FTE (or raise an equity level); "
        "otherwise the staff member stays.",
        high=10.0,
    ),
    Param(
        "flytninger_før_mangel",
        "moves_before_shortfall",
        Kind.BOOL,
        "ja: efter ligheden kommer færrest flytninger før mindst samlet mangel (sammen med tolerance giver det "
        "afvejningen mellem lighed og flytninger).",
        "ja: after equity, fewest moves come before least total shortfall (with a tolerance this traces the "
        "trade-off between equity and moves).",
    ),
    Param(
        "min_dækning",
        "min_coverage",
        Kind.SHARE,
        "Mindste dækning i alle teams og faggrupper (fx 90 %); koster nye stillinger. Tom = intet krav.",
        "Minimum coverage in every team and profession (e.g. 90 %); buys new posts. Blank = none.",
    ),
    Param(
        "målfunktion",
        "objective",
        Kind.CHOICE,
        "leksikografisk: først lighed, så samlet mangel, så færrest flytninger. vægtet: én vægtet sum.",
        "leksikografisk: equity first, then total shortfall, then fewest moves. vægtet: one weighted sum.",
        OBJECTIVE_CHOICES,
    ),
    Param(
        "tidsgrænse_s",
        "time_limit_s",
        Kind.NUMBER,
        "Løserindstilling: længste regnetid i sekunder.",
        "Solver setting: longest solving time in seconds.",
        high=MAX_SECONDS,
    ),
    Param(
        "frø",
        "seed",
        Kind.INT,
        "Løserindstilling: startværdi for tilfældighed; samme frø giver samme resultat ved deterministisk kørsel.",
        "Solver setting: random seed; the same seed reproduces a deterministic run.",
        low=-MAX_SEED,
        high=MAX_SEED,
    ),
    Param(
        "deterministisk",
        "deterministic",
        Kind.BOOL,
        "Løserindstilling: ja: kørslen kan gentages med præcis samme resultat (til udvalgstal).",
        "Solver setting: ja: the run can be repeated with exactly the same result (for committee figures).",
    ),
    Param(
        "kontakt_min_årsværk",
        "contact_min_fte",
        Kind.FTE,
        "Mindste tid (årsværk) en kontaktperson har til hver af sine institutioner.",
        "Smallest time (FTE) a contact person has for each of their institutions.",
    ),
    Param(
        "mindste_stilling_årsværk",
        "min_post_fte",
        Kind.FTE,
        "Mindste nye stilling, løseren køber, og mindste rest, en besparelse efterlader en medarbejder med "
        "(årsværk). Tom = 0,1.",
        "Smallest new post the solver buys, and smallest piece a cut leaves a staff member with (FTE). Blank = 0.1.",
        low=0.01,
        high=1,
    ),
    Param(
        "timer_pr_årsværk",
        "hours_per_fte",
        Kind.NUMBER,
        "Arbejdstimer i ét årsværk til lovpligtigt arbejde (antagelse: 1.924 timer brutto minus ferie og "
        "helligdage = 1.628). Tom = 1.628.",
        "Working hours in one FTE for statutory work (assumption: 1,924 gross less holidays = 1,628). Blank = 1,628.",
        high=3000,
    ),
    Param(
        "kontakt_maks_institutioner",
        "contact_max_institutions",
        Kind.INT,
        "Højst så mange institutioner pr. kontaktperson.",
        "At most this many institutions per contact.",
        high=MAX_STAFF_COUNT,
    ),
    Param(
        "tråde",
        "workers",
        Kind.INT,
        "Løserindstilling: antal processorkerner, løseren bruger.",
        "Solver setting: number of processor cores the solver uses.",
    ),
    # Robustness (issue 17): empirical-Bayes shrinkage of small-count rates, off when blank.
    Param(
        "krymp_indikatorer",
        "shrink_indicators",
        Kind.NAMES,
        "Rater, der trækkes mod gennemsnittet jo mere, jo mindre institutionen er (empirisk Bayes), adskilt af "
        "komma: indikatorens navn for en andel af børnene, navn/100 for en rate pr. 100 børn. Tom = ingen.",
        "Rates pulled towards the mean the more, the smaller the institution (empirical Bayes), comma-separated: "
        "the indicator's name for a share of children, name/100 for a rate per 100 children. Blank = none.",
    ),
    Param(
        "krymp_år",
        "shrink_years",
        Kind.INT,
        "Hvor mange års data raterne er et gennemsnit af (flere år: mindre træk mod gennemsnittet).",
        "How many years of data the rates average (more years: less pull towards the mean).",
        low=1,
        high=50,
    ),
    Param(
        "fravær_sandsynlighed",
        "absence_probability",
        Kind.SHARE,
        "Sandsynligheden for, at én medarbejder er væk en given dag (ferie, sygdom, kurser), til tallet for "
        "dobbeltbemanding. Tom = 15 % (antagelse: ca. 6 ugers ferie, 2 ugers sygdom og kurser om året).",
        "The chance that one staff member is away on a given day (holiday, illness, courses), for the "
        "double-staffing figure. Blank = 15 % (assumption: about 6 weeks' holiday, 2 weeks' illness and "
        "courses a year).",
    ),
    *(
        Param(
            f"vægt_{danish}",
            "weights",
            Kind.NUMBER,
            f"Kun ved målfunktion = vægtet: vægten på {what_da}. Tom = standardvægten.",
            f"Weighted objective only: the weight on {what_en}. Blank = the default weight.",
            term=term,
            low=-MAX_OBJECTIVE_WEIGHT,
            high=MAX_OBJECTIVE_WEIGHT,
        )
        for danish, term, what_da, what_en in (
            (
                "lighed",
                "equity",
                "lighed (største relative mangel, pr. procentpoint)",
                "equity (largest relative shortfall, per percentage point)",
            ),
            ("mangel", "shortfall", "samlet mangel (pr. årsværk)", "total shortfall (per FTE)"),
            ("flytninger", "moves", "flytninger (pr. medarbejder)", "moves (per staff member)"),
            ("ønsker", "preferences", "uopfyldte ønsker (pr. medarbejder)", "unmet wishes (per staff member)"),
            ("omkostning", "cost", "omkostning (pr. mio. kr.)", "cost (per million DKK)"),
        )
    ),
)
PARAM_BY_KEY: dict[str, Param] = {normalise(p.key): p for p in PARAMS}
