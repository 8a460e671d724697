"""The words that carry structure, in English, French, German and Spanish: every word list of the layout."""

from __future__ import annotations

import re

from accord.text.readers.blocks import (
    SECTION_LABEL_WORDS,
)

_HEADER_ROLES: dict[str, tuple[str, ...]] = {
    "what": (
        "what",
        "activity",
        "activities",
        "action",
        "actions",
        "task",
        "tasks",
        "milestone",
        "milestones",
        "item",
        "items",
        "deliverable",
        "deliverables",
        "description",
        "measure",
        "measures",
        "initiative",
        "initiatives",
        "topic",
        "work item",
        "what will be done",
        "output",
        "outputs",
    ),
    "who": (
        "who",
        "lead",
        "leads",
        "leader",
        "responsible",
        "owner",
        "owners",
        "person responsible",
        "responsibility",
        "responsibilities",
        "partner",
        "partners",
        "contact",
        "by whom",
        "in charge",
        "lead partner",
        "lead organisation",
        "lead organization",
        "organisation",
        "organization",
        "responsible person",
        "who leads",
    ),
    "when": (
        "when",
        "date",
        "dates",
        "timeline",
        "timing",
        "deadline",
        "target date",
        "due",
        "due date",
        "period",
        "time",
        "schedule",
        "by when",
        "timeframe",
        "time frame",
        "planned date",
        "month",
    ),
    "notes": ("notes", "note", "comments", "comment", "remarks", "details"),
    # A Status column (Accord's own exports have one) gives the item's status when its words are one.
    "status": ("status", "state", "progress", "statut", "état", "stand", "estado"),
}
# The same roles in French, German and Spanish ("Quoi ? / Qui ? / Quand ?", "Was? / Wer? / Wann?",
# "¿Qué? / ¿Quién? / ¿Cuándo?").
_HEADER_ROLES["what"] += (
    "quoi",
    "activité",
    "activités",
    "tâche",
    "tâches",
    "mesure",
    "livrable",
    "livrables",
    "étape",
    "étapes",
    "was",
    "maßnahme",
    "massnahme",
    "maßnahmen",
    "aktivität",
    "aktivitäten",
    "aufgabe",
    "aufgaben",
    "vorhaben",
    "schritt",
    "schritte",
    "meilenstein",
    "meilensteine",
    "qué",
    "que",
    "actividad",
    "actividades",
    "acción",
    "acciones",
    "tarea",
    "tareas",
    "medida",
    "hito",
    "hitos",
    "etapa",
    "etapas",
    "paso",
    "pasos",
    "step",
    "steps",
    "stage",
    "stages",
    "phase",
    "phases",
)
_HEADER_ROLES["who"] += (
    "qui",
    "responsable",
    "responsables",
    "pilote",
    "porteur",
    "chef de file",
    "partenaires",
    "wer",
    "verantwortlich",
    "verantwortung",
    "zuständig",
    "zuständigkeit",
    "federführung",
    "partner",
    "quién",
    "quien",
    "responsables",
    "socios",
    "encargado",
    "lead by",
    "led by",
)
_HEADER_ROLES["when"] += (
    "quand",
    "calendrier",
    "échéance",
    "échéancier",
    "date limite",
    "délai",
    "période",
    "wann",
    "zeitraum",
    "zeitplan",
    "termin",
    "frist",
    "bis wann",
    "datum",
    "cuándo",
    "cuando",
    "plazo",
    "fecha",
    "fechas",
    "calendario",
    "período",
    "periodo",
)
# Event programmes: "Time | Session | Speakers".
_HEADER_ROLES["what"] += ("session", "sessions", "title", "agenda item", "programme item", "séance", "thema", "sesión")
_HEADER_ROLES["who"] += (
    "speaker",
    "speakers",
    "moderator",
    "moderators",
    "moderation",
    "panellists",
    "panelists",
    "facilitator",
    "host",
    "organiser",
    "organizer",
    "intervenants",
    "intervenant",
    "referent",
    "referenten",
    "ponentes",
    "ponente",
)
_HEADER_ROLES["when"] += ("heure", "horaire", "uhrzeit", "zeit", "hora", "horario")
# Project forms (work-package, deliverable and milestone lists): "WP Title", "Lead beneficiary".
_HEADER_ROLES["what"] += (
    "titre",
    "intitulé",
    "titel",
    "título",
    "titulo",
    "work package",
    "work packages",
    "lot de travail",
    "arbeitspaket",
    "arbeitspakete",
    "paquete de trabajo",
)
_HEADER_ROLES["who"] += (
    "beneficiary",
    "beneficiaries",
    "lead beneficiary",
    "bénéficiaire",
    "begünstigter",
    "zuwendungsempfänger",
    "beneficiario",
)
# A header word that makes a column the rows' identifiers ("Deliverable Number", "WP No.", "Task ID"), never
# their text, whatever other word stands beside it.
ID_HEADER_WORDS = frozenset(
    ("number", "no", "nr", "nº", "id", "code", "ref", "reference", "numéro", "num", "nummer", "número", "núm")
)
# Noun phrases and single words seen in owner, date and activity headers ("Responsible Party", "Organiser",
# "Lead organisation(s)", "Started or due", "Target date", "Activity/Decision").
_HEADER_ROLES["who"] += (
    "responsible party",
    "responsible parties",
    "party",
    "organiser",
    "organisers",
    "organizer",
    "organizers",
    "lead organisations",
    "lead organizations",
    "lead partners",
    "owned by",
    "assigned to",
    "assignee",
    "actor",
    "actors",
    "acteur",
    "acteurs",
    "verantwortliche",
    "akteur",
    "akteure",
    "organisateur",
    "organisateurs",
    "organisation",
    "veranstalter",
    "organizador",
    "organizadores",
    "responsabilidad",
    "ponente",
)
_HEADER_ROLES["when"] += (
    "started",
    "start",
    "start date",
    "end date",
    "started or due",
    "week",
    "weeks",
    "semaine",
    "woche",
    "semana",
    "quarter",
    "year",
    "année",
    "jahr",
    "año",
    "mois",
    "monat",
    "mes",
    "planning",
    "planung",
    "délais",
    "fecha prevista",
    "horizon",
)
_HEADER_ROLES["what"] += (
    "decision",
    "decisions",
    "activity",
    "objective",
    "work package",
    "subject",
    "sujet",
    "action point",
    "action item",
    "action items",
    "beschluss",
    "décision",
    "decisión",
    "gegenstand",
    "asunto",
    "tema",
    "event",
    "événement",
    "veranstaltung",
    "evento",
)
_HEADER_ROLES["notes"] += (
    "duration",
    "durée",
    "dauer",
    "duración",
    "budget",
    "cost",
    "costs",
    "kosten",
    "coût",
    "coste",
    "approach",
    "tools",
    "incentives",
    "resources",
    "partners involved",
)
_HEADER_ROLES["notes"] += (
    "remarques",
    "commentaires",
    "observations",
    "bemerkungen",
    "anmerkungen",
    "observaciones",
    "notas",
)
_DEADLINE_HEADERS = {
    "deadline",
    "due",
    "due date",
    "target date",
    "by when",
    "échéance",
    "date limite",
    "frist",
    "bis wann",
    "plazo",
    "fecha límite",
}
# Words of a header that make its column's dates deadlines ("Due date", "Target date", "Started or due").
_DEADLINE_WORDS = {"deadline", "deadlines", "due", "target", "échéance", "frist", "fristen", "plazo", "límite"}
# A header that asks a question names its role by the question word ("Who is responsible?", "Wann?").
_QUESTION_WORDS = {
    "who": "who",
    "whom": "who",
    "qui": "who",
    "wer": "who",
    "quién": "who",
    "quien": "who",
    "when": "when",
    "quand": "when",
    "wann": "when",
    "cuándo": "when",
    "cuando": "when",
    "what": "what",
    "quoi": "what",
    "was": "what",
    "qué": "what",
}
_CLOCK_HEADERS = {"time", "times", "hour", "hours", "heure", "horaire", "uhrzeit", "zeit", "hora", "horario"}
# A table whose What column is headed "Step" / "Milestone" is a process timeline: its rows are milestones.
_MILESTONE_HEADERS = {
    "step",
    "steps",
    "stage",
    "stages",
    "phase",
    "phases",
    "milestone",
    "milestones",
    "étape",
    "étapes",
    "schritt",
    "schritte",
    "meilenstein",
    "meilensteine",
    "hito",
    "hitos",
    "etapa",
    "etapas",
    "paso",
    "pasos",
}
_SECTION_LABEL = re.compile(rf"^{SECTION_LABEL_WORDS}(?:\s+(?:\d{{1,2}}|[IVX]{{1,5}}|(?-i:[A-H])))?\s*[:.–—-]\s+", re.I)
_WP_TITLE = re.compile(
    r"work\s*-?\s*(?:programme|program|plan)|action\s+plan|programme\s+of\s+work|plan\s+of\s+action|"
    r"arbeitsprogramm|programme\s+de\s+travail|programa\s+de\s+trabajo|roadmap",
    re.I,
)
_SP_WORDS = re.compile(r"strategic\s+priorit|priorities|strategy|strategie|stratégi|prioritäten", re.I)
_EVENT_TITLE = re.compile(
    r"\b(?:dialogue|conference|summit|forum|symposium|workshop|congress|meeting|convention|colloquium|"
    r"assembly|week|days|festival|seminar|webinar|ministerial|"
    r"conférence|sommet|colloque|congrès|séminaire|atelier|rencontres?|journées?|assemblée|"
    r"konferenz|tagung|jahrestagung|gipfel|kolloquium|kongress|versammlung|seminar|"
    r"conferencia|cumbre|coloquio|congreso|seminario|taller|encuentro|jornadas?|asamblea)\b",
    re.I,
)
_OBJECTIVES_LABEL = re.compile(r"^(?:objectives?|goals?|aims?|purposes?|expected\s+results?)\s*:?$", re.I)
_PROGRAMME_LABEL = re.compile(
    r"^(?:(?:the\s+)?programme|program|agenda|schedule|sessions|programme\s+at\s+a\s+glance|draft\s+agenda"
    r"|ordre\s+du\s+jour|programme\s+détaillé|tagesordnung|ablauf|programa|orden\s+del\s+día|agenda\s+provisional)"
    r"\s*:?$",
    re.I,
)
# "09:30–11:00 Opening session", "9.30 - 11.00: Panel", "14h00–15h30 Atelier", "10:00 Welcome".
_TIME_SLOT = re.compile(
    r"^(?P<time>\d{1,2}[:.h]\d{2}(?:\s*(?:[-–—]|to|bis|à|a)\s*\d{1,2}[:.h]\d{2})?(?:\s*(?:am|pm|h|uhr|hrs?)\b)?)"
    r"\s*(?:[:|–—-]\s*)?(?P<title>\S.*)$",
    re.I,
)
_TRACKS_LABEL = re.compile(
    r"^(?:thematic\s+(?:tracks?|areas?|strands?|pillars?)|tracks|themes|streams|thematic\s+focus|topics"
    r"|axes(?:\s+thématiques)?|thèmes|volets\s+thématiques|themen(?:felder|bereiche)?|ejes(?:\s+temáticos)?"
    r"|líneas\s+temáticas|temas)\s*:?$",
    re.I,
)
_CLOCK_ONLY = re.compile(
    r"^\s*\d{1,2}[:.h]\d{2}(?:\s*(?:[-–—]|to|bis|à|a)\s*\d{1,2}[:.h]\d{2})?\s*(?:am|pm|h)?\s*$", re.I
)
_FOLLOW_UP_LABEL = re.compile(
    r"^(?:follow[\s-]?up|next\s+steps|action\s+points|actions|preparations?|to\s+do|tasks|suivi|prochaines\s+étapes"
    r"|nächste\s+schritte|vorbereitung|seguimiento|próximos\s+pasos|preparación)\s*:?$",
    re.I,
)
_OUTPUTS_LABEL = re.compile(r"^(?:outputs?|outcomes?|deliverables?|expected\s+outputs?|results?)\s*:?$", re.I)
# Right after a session, "Expected results" are what the session gives (elsewhere they are the objectives).
_SESSION_RESULTS_LABEL = re.compile(
    r"^(?:expected\s+(?:results?|outcomes?|deliverables?)|résultats?\s+attendus|erwartete\s+ergebnisse"
    r"|resultados\s+esperados)\s*:?$",
    re.I,
)
_THEME_MARKERS = {"❑", "□", "■", "▪", "➢", "►"}
_THEME_LINE = re.compile(
    r"^(?:guiding\s+theme|theme|motto|leitmotiv|leitmotif|slogan|thème(?:\s+directeur)?|devise"
    r"|leitthema|leitmotto|motto|lema|tema(?:\s+central)?)\s*:\s*(.+)$",
    re.I,
)
_CHAIR_LINE = re.compile(
    r"^(?:chaired\s+by|chair(?:ed)?|chairs|chairing|chairmanship|chair\s+organisation|presidency|presided\s+by"
    r"|présidence|présidé(?:e)?\s+par|sous\s+la\s+présidence\s+de|vorsitz|unter\s+(?:dem\s+)?vorsitz\s+von"
    r"|presidencia|presidida\s+por|bajo\s+la\s+presidencia\s+de)\s*:?\s+(.+)$",
    re.I,
)
_PERIOD_LINE = re.compile(
    r"^(?:period|period\s+covered|duration|timeframe|time\s+frame|période|période\s+couverte|durée|zeitraum"
    r"|laufzeit|periodo|período|duración|vigencia)\s*:\s*(.+)$",
    re.I,
)
_STATUS_LINE = re.compile(r"^status\s*:\s*(.+)$", re.I)
_VERSION = re.compile(r"(?:\bn[°º]|\bno\.|\bnr\.|#)\s*(\d+)|\b(?:version|v\.?)\s*(\d+(?:\.\d+)?)\b", re.I)
_DRAFT = re.compile(r"\b(?:draft|entwurf|projet|borrador|proposal)\b", re.I)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_YEAR_SPAN = re.compile(r"(?<![\d/.])(?:19|20)\d{2}\s*[-–—/]\s*(?:(?:19|20)\d{2}|\d{2})(?![\d/.-])")
_MONTHS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|\b(?:spring|summer|autumn|fall|winter)"
    r"\b|\bQ[1-4]\b|\bH[12]\b|\bsemester\b",
    re.I,
)
_ARROW = re.compile(r"\s*(?:→|->|⇒|➔|➝)\s*")
_DOUBT_WHAT = re.compile(
    r"\((?:\s*(?:tbc|tbd|to be confirmed|to be decided|tentative|provisional|possibly|maybe|\?|à confirmer"
    r"|a confirmer|à définir|provisoire|zu bestätigen|vorläufig|tbd\.|por confirmar|a confirmar|provisional"
    r"|por definir)\s*\??\s*)\)"
    r"|^\s*(?:éventuel(?:le)?(?:ment)?|possiblement|eventuell|möglicherweise|posible(?:mente)?|quizás)\b"
    r"|^\s*(?:potential(?:ly)?|possibl[ey]|tentative(?:ly)?|maybe|perhaps|eventually)\b|\benvisag(?:ed?|ing)\b"
    r"|\(\s*(?:if|when)\s+(?:possible|feasible|funded)\s*\)",
    re.I,
)
_STATEMENT_START = re.compile(
    r"^(?:the|this|these|those|it|we|our|they|there|all|each|every|such|its|their|in\s+\w+,)\b", re.I
)
_STATEMENT_VERB = re.compile(
    r"\b(?:is|are|was|were|do|does|did|will|can|could|should|must|may|provide|provides|represent|represents|"
    r"mean|means|involve|involves|remain|remains|has|have|aim|aims|serve|serves|continue|continues|prevails?)\b",
    re.I,
)
_TIMELINE_TITLE = re.compile(
    r"\b(?:timeline|time\s+line|consultation|process|roadmap|road\s+map|milestones?|steps|calendar|schedule|"
    r"next\s+steps|procedure)\b",
    re.I,
)
_ITEM_LABEL = re.compile(
    r"^(?:activities|actions|planned\s+activities|planned\s+actions|tasks|what\s+we\s+will\s+do|measures|"
    r"deliverables|work\s+plan|key\s+actions|priorities|initiatives)\s*:?$",
    re.I,
)
_LEADING_TIME = re.compile(r"^(?P<when>[^:–—]{3,40}?)(?:\s+[–—-]\s+|\s*:\s+)(?P<what>\S.*)$")
_FIELD = re.compile(r"^\s*([^:;()]{2,30}?)\s*:\s*(\S.*)$")
_FIELDS_IN_PARENS = re.compile(r"\s*\(([^()]{3,200})\)\s*:?\s*$")
_DASH_SEP = re.compile(r"\s+[–—-](?:\s+|$)")
_DASH_CELL = re.compile(r"^[-–—_.\s]*$")
_QUOTES = "\"'“”„«»‘’"


_WORK_WORDS = re.compile(
    r"\b(?:actions?|activities|activités|tasks?|tâches|deliverables?|livrables|milestones?|steps|étapes"
    r"|maßnahmen|aktivitäten|aufgaben|schritte|acciones|actividades|tareas|hitos|pasos)\b",
    re.I,
)


# A column naming the priority each row belongs to: one table for the whole programme.
_SECTION_COLUMN = re.compile(rf"^{SECTION_LABEL_WORDS}(?:\s*(?:/|and|&)\s*\w+)?$", re.I)

# Weekday names a day line may carry beside its date ("May 15, Tuesday", "Mardi 15 mai").
WEEKDAYS = frozenset(
    (
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "lunes",
        "martes",
        "miércoles",
        "miercoles",
        "jueves",
        "viernes",
        "sábado",
        "sabado",
        "domingo",
    )
)

# A lead sentence that names who carries out the plan's actions ("The actions are jointly led by the policy
# unit, with the support of …"; French, German, Spanish): the owner of every action that names none.
# The subject is the actions themselves, not the plan ("the plan is steered by" names its governance).
_ACTIONS_CARRIED_BY = re.compile(
    r"\b(?:(?:the|these|all\s+(?:the\s+)?)\s*(?:actions|activities|tasks|measures)\s+(?:are|will\s+be)\s+"
    r"(?:\w+ly\s+)?(?:carried\s+out|led|run|implemented|delivered|undertaken|driven|owned|conducted)"
    r"(?:\s+(?:\w+ly|together))?\s+by"
    r"|(?:les|ces|toutes\s+les)\s+(?:actions|activités|mesures|tâches)\s+(?:sont|seront)\s+(?:\w+ment\s+)?"
    r"(?:portées|menées|conduites|mises\s+en\s+œuvre|réalisées|assurées|mises\s+en\s+oeuvre)"
    r"(?:\s+(?:\w+ment|ensemble))?\s+par"
    r"|(?:las|estas|todas\s+las)\s+(?:acciones|actividades|medidas|tareas)\s+(?:son|serán)\s+(?:\w+mente\s+)?"
    r"(?:llevadas\s+a\s+cabo|lideradas|impulsadas|ejecutadas|realizadas|desarrolladas)"
    r"(?:\s+(?:\w+mente|juntas))?\s+por)"
    r"\s+(?P<who>(?:[^.;:!?]|[.:](?=\S)){3,200})",
    re.I,
)
# German puts the agent before the participle: "Die Maßnahmen werden gemeinsam von X getragen".
_ACTIONS_CARRIED_BY_DE = re.compile(
    r"\b(?:die|diese|alle)\s+(?:Maßnahmen|Aktivitäten|Aufgaben)\s+werden\s+(?:\w+\s+)?(?:von|durch)\s+"
    r"(?P<who>(?:[^.;:!?]|[.:](?=\S)){3,200}?)\s+(?:getragen|umgesetzt|durchgeführt|geleitet|verantwortet)\b",
    re.I,
)
# Splitting such a sentence's agents: commas, "and", and "with the support of" and its translations.
_LEAD_AGENT_SPLIT = re.compile(
    r"\s*,?\s+(?:with\s+(?:the\s+)?(?:support|help)\s+(?:of|from)|avec\s+l['’]appui|avec\s+le\s+soutien"
    r"|mit\s+(?:Unterstützung|Hilfe)|con\s+el\s+apoyo)\b"
    r"|\s*,\s*(?:(?:with|avec|mit|con)\s+)?|\s+(?:and|et|und|y)\s+",
    re.I,
)
_LEAD_AGENT_FILLER = re.compile(
    r"^(?:(?:the|a|an|of|le|la|les|des|du|de|der|die|das|den|dem|von|el|los|las|del|de\s+la)\s+|l['’])+",
    re.I,
)
# The field of a minutes form that names the point discussed ("Agenda item:", "Topic:", "Point de l'ordre du
# jour :", "Tagesordnungspunkt:", "Punto del orden del día:").
_AGENDA_LABEL = re.compile(
    r"^(?:agenda\s+item|agenda\s+point|item|topic|subject|point(?:\s+(?:de\s+l['’])?ordre\s+du\s+jour)?|sujet"
    r"|tagesordnungspunkt|top|thema|punto(?:\s+del\s+orden\s+del\s+día)?|tema|asunto)$",
    re.I,
)
# The title of a record of a meeting (minutes, notes of a board meeting), in the four languages.
_MINUTES_TITLE = re.compile(
    r"\b(?:minutes|meeting|notes\s+of|réunion|compte[\s-]rendu|procès[\s-]verbal|\w*sitzung|\w*protokoll"
    r"|\w*besprechung|acta|reunión|junta)\b",
    re.I,
)
# The heading of the list of decided actions in minutes ("Action items", "Actions agreed", "Relevé de
# décisions", "Aufgaben", "Acuerdos"): the bullets elsewhere are the discussion.
_ACTIONS_HEADING = re.compile(
    r"^(?:(?:new\s+|open\s+|agreed\s+)?action\s+(?:items?|points?|list)|actions?(?:\s+(?:agreed|arising|to\s+take))?"
    r"|to-?dos?|next\s+steps|actions?\s+à\s+(?:mener|suivre)|relevé\s+des?\s+(?:décisions|actions)"
    r"|aufgaben(?:liste)?|maßnahmen|offene\s+punkte|acciones(?:\s+acordadas)?|acuerdos|tareas)\s*:?$",
    re.I,
)
# A bullet that is an amount of money, with at most a label ("Conference grant: EUR €500.00", "Balance:
# 1 200 CHF"): a figure of the record, not work.
_AMOUNT_ONLY = re.compile(
    r"^(?:[^:]{1,80}:\s*)?(?:(?:[A-Z]{3}\s*)?[€$£¥]\s*\d[\d.,\s']*|[A-Z]{3}\s*\d[\d.,\s']*"
    r"|\d[\d.,\s']*\s*(?:[€$£¥]|[A-Z]{3}|euros?|dollars?))(?:\s*[A-Z]{3})?\s*$"
)
# A table of contents: its heading, and an entry's dot leaders and page number ("Budget . . . . 12").
_CONTENTS_HEADING = re.compile(
    r"^(?:(?:table\s+of\s+)?contents|table\s+des\s+matières|sommaire|inhalt(?:sverzeichnis)?|índice"
    r"|contenidos?)\s*:?$",
    re.I,
)
_CONTENTS_ENTRY = re.compile(r"(?:\s*\.){4,}\s*\d{1,4}\s*$")
_PAGE_REF = re.compile(r"^\D.{0,120}?\s\d{1,4}$")
# The heading of a chart of the plan's tasks over time (a Gantt chart or timetable whose rows a reader may
# give as lines): "Timeline", "Schedule", "Zeitplan", "Calendrier", "Cronograma".
_CHART_TITLE = re.compile(
    r"\b(?:timeline|time\s+line|schedule|gantt(?:\s+chart)?|work\s+plan\s+chart|timetable|calendrier|chronogramme"
    r"|zeitplan|zeitleiste|cronograma|calendario)\b",
    re.I,
)
# Capitalised field tags inside one bullet of minutes ("insurance: ACTION: Ana to … STATUS: on hold",
# "Website: OWNERS: Ana, Tom STATUS: ready"): each tag opens a field of the item.
_INLINE_TAG = re.compile(
    r"(?<![\w])(?P<tag>ACTIONS?|OWNERS?|WHO|LEAD|RESPONSIBLE|STATUS|DUE|DEADLINE|WHEN"
    r"|RESPONSABLES?|STATUT|ÉCHÉANCE|ZUSTÄNDIG|VERANTWORTLICH|FRIST|RESPONSABLE|ESTADO|PLAZO)"
    r"(?P<who>\s*\([^()]{1,60}\))?\s*:\s*"
)
# A unit of a chart's time scale standing alone in a row ("Month" over "1 2 3 … 12"): a header, not work.
_SCALE_UNIT = re.compile(
    r"^(?:months?|weeks?|days?|quarters?|years?|mois|semaines?|jours?|trimestres?|années?|monate?|wochen?"
    r"|tage?|quartale?|jahre?|mes(?:es)?|semanas?|días?|trimestres?|años?)$",
    re.I,
)
# A label over a list of a plan's goals ("Core goals:", "Objectifs du projet :", "Ziele:", "Objetivos
# específicos:"): what the plan aims at, its narrative, not its actions.
_GOALS_LEAD = re.compile(
    r"^(?:(?:core|main|key|additional|secondary|specific|general|overall|project|research)\s+)?"
    r"(?:goals?|aims?|objectives?|objectifs?|buts?|ziele|zielsetzungen|objetivos?|metas?)"
    r"(?:\s+(?:of\s+the\s+project|du\s+projet|spécifiques|généraux|des\s+projekts|del\s+proyecto|específicos"
    r"|generales))?\s*:$",
    re.I,
)

# A label over who attended, was excused or was a guest ("Present:", "Apologies", "Excusés", "Anwesend",
# "Ausentes"): the bullets under it name people, not work, even a list of one.
_ATTENDANCE_LABEL = re.compile(
    r"^(?:present|also\s+present|members\s+present|in\s+attendance|attendance|attendees?|attending|participants?"
    r"|apologies|apologies\s+for\s+absence|regrets|absent|excused|guests?|observers?"
    r"|présents?|présentes?|participant(?:e)?s|excusé(?:e)?s?|absent(?:e)?s?|invité(?:e)?s?"
    r"|anwesend|anwesende|teilnehmende|teilnehmer(?:innen)?|entschuldigt|abwesend|gäste"
    r"|asistentes|participantes|ausentes|excusados|excusas|invitados)\s*:?$",
    re.I,
)
